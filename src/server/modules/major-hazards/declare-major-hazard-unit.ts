import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { forbidden } from "../../errors";
import { identifyMajorHazard } from "./identify-major-hazard";
import type { UnitCreateBody } from "./schema";
import { storeMajorHazardUnit } from "./store-major-hazard-unit";

/**
 * An enterprise declares a hazardous chemicals unit with its substances (by CAS) and design maximum quantities; it is
 * identified at once with the current GB 18218 table. Only for the principal's own enterprise.
 */
export async function declareMajorHazardUnit(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  body: Static<typeof UnitCreateBody>,
): Promise<{ enterpriseId: string; id: string }> {
  if (principal.scope.kind !== "enterprises" || !principal.scope.enterpriseIds.includes(body.enterpriseId)) {
    throw forbidden({
      "zh-CN": "只能为本企业申报危险化学品单元",
      en: "You can declare units only for your own enterprise",
    });
  }
  const result = await identifyMajorHazard(db, body);
  const id = await db.transaction().execute(async (trx) => {
    const id = await storeMajorHazardUnit(trx, body.enterpriseId, body, result);
    await recordAudit(trx, actor, {
      action: "create",
      entityType: "major_hazard_unit",
      entityId: id,
      enterpriseId: body.enterpriseId,
      after: { ...body, result },
    });
    return id;
  });
  return { enterpriseId: body.enterpriseId, id };
}
