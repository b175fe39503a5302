import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { auditPlace, riskPointFor } from "./register-owner";
import { loadRiskPoint } from "./risk-point-queries";

/** Removes a risk point with its hazards, assessments and measures; the audit entry keeps what it was. */
export async function removeRiskPoint(db: Kysely<DB>, principal: Principal, actor: Actor, id: string): Promise<void> {
  const { point, owner } = await riskPointFor(db, principal, id, "write");
  const before = await loadRiskPoint(db, point.owner_id, point.id);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("risk_point").where("owner_id", "=", point.owner_id).where("id", "=", point.id).execute();
    await recordAudit(trx, actor, {
      action: "delete",
      entityType: "risk_point",
      entityId: point.id,
      ...auditPlace(owner),
      before,
    });
  });
}
