import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { checkPhotos, checkPublicCategory } from "./register-checks";
import { auditPlace, type RiskPointRef, resolveOwner } from "./register-owner";
import type { RiskPointCreateBody } from "./schema";

/**
 * Adds a risk point to a register the principal may write, with a fresh public token for its notice card's QR code.
 * A control level given by hand is kept; without one, the first assessment sets it from the mapping.
 */
export async function addRiskPoint(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  body: Static<typeof RiskPointCreateBody>,
): Promise<RiskPointRef> {
  const owner = await resolveOwner(db, principal, body.ownerId, "write");
  await checkPhotos(db, owner.id, body.photoIds);
  checkPublicCategory(owner, body.publicCategory);
  const id = await db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto("risk_point")
      .values({
        owner_id: owner.id,
        owner_kind: owner.kind,
        territory_path: owner.territoryPath,
        kind: body.kind,
        public_category: owner.kind === "territory" ? (body.publicCategory ?? null) : null,
        name: body.name,
        unit: body.unit ?? "",
        lng: body.lng ?? null,
        lat: body.lat ?? null,
        area: body.area ? JSON.stringify(body.area) : null,
        photo_ids: body.photoIds ?? [],
        control_level: body.controlLevel ?? null,
        control_level_set_by_user: body.controlLevel != null,
        controlling_unit: body.controllingUnit ?? "",
        responsible_person: body.responsiblePerson ?? "",
        responsible_phone: body.responsiblePhone ?? "",
        emergency_phone: body.emergencyPhone ?? "",
        public_token: randomBytes(12).toString("base64url"),
        updated_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: "create",
      entityType: "risk_point",
      entityId: created.id,
      ...auditPlace(owner),
      after: body,
    });
    return created.id;
  });
  return { ownerId: owner.id, riskPointId: id };
}
