import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { refreshRiskPointLevel } from "./refresh-risk-point-level";
import { checkPhotos } from "./register-checks";
import { auditPlace, type RiskPointRef, riskPointFor } from "./register-owner";
import { loadRiskPoint } from "./risk-point-queries";
import type { RiskPointPatchBody } from "./schema";

/**
 * Changes a risk point, its control level or responsible person. Setting a control level by hand keeps it; clearing
 * it returns the point to the mapping's default for its level.
 */
export async function changeRiskPoint(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  id: string,
  body: Static<typeof RiskPointPatchBody>,
): Promise<RiskPointRef> {
  const { point, owner } = await riskPointFor(db, principal, id, "write");
  await checkPhotos(db, point.owner_id, body.photoIds);
  const before = await loadRiskPoint(db, point.owner_id, point.id);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("risk_point")
      .set({
        kind: body.kind,
        name: body.name,
        unit: body.unit,
        lng: body.lng,
        lat: body.lat,
        area: body.area === undefined ? undefined : body.area === null ? null : JSON.stringify(body.area),
        public_category: owner.kind === "territory" ? body.publicCategory : undefined,
        photo_ids: body.photoIds,
        control_level: body.controlLevel === undefined ? undefined : body.controlLevel,
        control_level_set_by_user: body.controlLevel === undefined ? undefined : body.controlLevel !== null,
        controlling_unit: body.controllingUnit,
        responsible_person: body.responsiblePerson,
        responsible_phone: body.responsiblePhone,
        emergency_phone: body.emergencyPhone,
        updated_at: new Date(),
      })
      .where("owner_id", "=", point.owner_id)
      .where("id", "=", point.id)
      .execute();
    if (body.controlLevel === null) await refreshRiskPointLevel(trx, point.owner_id, point.id);
    await recordAudit(trx, actor, {
      action: "update",
      entityType: "risk_point",
      entityId: point.id,
      ...auditPlace(owner),
      before,
      after: body,
    });
  });
  return { ownerId: point.owner_id, riskPointId: point.id };
}
