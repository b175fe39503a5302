import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { refreshRiskPointLevel } from "./refresh-risk-point-level";
import { auditPlace, hazardFor, type RiskPointRef } from "./register-owner";

/** Removes a hazard and its assessments; the risk point is graded again by the hazards left. */
export async function removeHazard(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  id: string,
): Promise<RiskPointRef> {
  const { hazard, owner } = await hazardFor(db, principal, id, "write");
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("hazard").where("owner_id", "=", hazard.owner_id).where("id", "=", hazard.id).execute();
    await refreshRiskPointLevel(trx, hazard.owner_id, hazard.risk_point_id);
    await recordAudit(trx, actor, {
      action: "delete",
      entityType: "hazard",
      entityId: hazard.id,
      ...auditPlace(owner),
      before: hazard,
    });
  });
  return { ownerId: hazard.owner_id, riskPointId: hazard.risk_point_id };
}
