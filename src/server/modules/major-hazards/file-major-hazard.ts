import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { conflict, invalidFields } from "../../errors";
import { loadUnit, unitFor } from "./major-hazard-queries";
import type { FilingBody } from "./schema";

/**
 * Files a major hazard source with the territory's emergency management department (Work Safety Law art. 40): the
 * unit as it is now is kept as the filing's snapshot. A unit with S < 1 needs no filing; one filing waits at a time.
 */
export async function fileMajorHazard(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  unitId: string,
  body: Static<typeof FilingBody>,
): Promise<{ enterpriseId: string; id: string }> {
  const unit = await unitFor(db, principal, unitId, "write");
  if (!unit.is_major) {
    throw invalidFields([
      {
        field: "unit",
        text: {
          "zh-CN": "该单元 S < 1，不构成重大危险源，无需备案",
          en: "This unit has S < 1 and is not a major hazard source; it needs no filing",
        },
      },
    ]);
  }
  const snapshot = await loadUnit(db, unit.enterprise_id, unit.id);
  const id = await db.transaction().execute(async (trx) => {
    // The unit row is locked so that two filings sent at once cannot both find none pending.
    await trx
      .selectFrom("major_hazard_unit")
      .select("id")
      .where("enterprise_id", "=", unit.enterprise_id)
      .where("id", "=", unit.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const pending = await trx
      .selectFrom("major_hazard_filing")
      .select("id")
      .where("enterprise_id", "=", unit.enterprise_id)
      .where("unit_id", "=", unit.id)
      .where("status", "=", "submitted")
      .executeTakeFirst();
    if (pending) {
      throw conflict({
        "zh-CN": "该单元已有待受理的备案，请等待监管部门处理",
        en: "This unit already has a filing awaiting a decision",
      });
    }
    const created = await trx
      .insertInto("major_hazard_filing")
      .values({
        enterprise_id: unit.enterprise_id,
        unit_id: unit.id,
        territory_path: unit.territory_path,
        status: "submitted",
        safety_measures: body.safetyMeasures,
        emergency_measures: body.emergencyMeasures,
        snapshot: JSON.stringify({ ...snapshot, filings: undefined }),
        submitted_by: principal.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: "file",
      entityType: "major_hazard_filing",
      entityId: created.id,
      enterpriseId: unit.enterprise_id,
      territoryPath: unit.territory_path,
      after: body,
    });
    return created.id;
  });
  return { enterpriseId: unit.enterprise_id, id };
}
