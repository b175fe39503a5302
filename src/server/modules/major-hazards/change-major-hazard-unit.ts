import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { identifyMajorHazard } from "./identify-major-hazard";
import { loadUnit, unitFor } from "./major-hazard-queries";
import type { UnitBody } from "./schema";
import { replaceSubstances, resultColumns } from "./store-major-hazard-unit";

/** Changes a unit and its substances; it is identified again with the current table. */
export async function changeMajorHazardUnit(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  id: string,
  body: Static<typeof UnitBody>,
): Promise<{ enterpriseId: string; id: string }> {
  const unit = await unitFor(db, principal, id, "write");
  const result = await identifyMajorHazard(db, body);
  const before = await loadUnit(db, unit.enterprise_id, unit.id);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("major_hazard_unit")
      .set({
        name: body.name,
        unit_kind: body.unitKind,
        exposed_population: body.exposedPopulation,
        lng: body.lng ?? null,
        lat: body.lat ?? null,
        ...resultColumns(result),
      })
      .where("enterprise_id", "=", unit.enterprise_id)
      .where("id", "=", unit.id)
      .execute();
    await replaceSubstances(trx, unit.enterprise_id, unit.id, body.substances);
    await recordAudit(trx, actor, {
      action: "update",
      entityType: "major_hazard_unit",
      entityId: unit.id,
      enterpriseId: unit.enterprise_id,
      before,
      after: { ...body, result },
    });
  });
  return { enterpriseId: unit.enterprise_id, id: unit.id };
}
