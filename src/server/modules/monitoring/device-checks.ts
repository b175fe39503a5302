import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { forbidden, invalidFields, type LocalisedText } from "../../errors";

/** Devices are registered and maintained by their enterprise's own people, not by government. */
export function requireDeviceManager(principal: Principal, enterpriseId: string): void {
  if (!(principal.scope.kind === "enterprises" && principal.scope.enterpriseIds.includes(enterpriseId))) {
    throw forbidden({ "zh-CN": "监测设备由企业登记和维护", en: "Monitoring devices are registered by the enterprise" });
  }
}

/** A device watches a risk point or major hazard unit of its own enterprise, never another's. */
export async function requireSameEnterprise(
  db: Kysely<DB>,
  enterpriseId: string,
  riskPointId?: string,
  unitId?: string,
): Promise<void> {
  const problems: { field: string; text: LocalisedText }[] = [];
  if (riskPointId) {
    const point = await db
      .selectFrom("risk_point")
      .select("id")
      .where("owner_id", "=", enterpriseId)
      .where("id", "=", riskPointId)
      .executeTakeFirst();
    if (!point)
      problems.push({
        field: "riskPointId",
        text: {
          "zh-CN": "该风险点不属于此企业：请选择本企业的风险点",
          en: "That risk point is not this enterprise's: choose one of its own",
        },
      });
  }
  if (unitId) {
    const unit = await db
      .selectFrom("major_hazard_unit")
      .select("id")
      .where("enterprise_id", "=", enterpriseId)
      .where("id", "=", unitId)
      .executeTakeFirst();
    if (!unit)
      problems.push({
        field: "majorHazardUnitId",
        text: {
          "zh-CN": "该重大危险源单元不属于此企业：请选择本企业的单元",
          en: "That major hazard unit is not this enterprise's: choose one of its own",
        },
      });
  }
  if (problems.length > 0) throw invalidFields(problems);
}
