import type { Kysely } from "kysely";
import { text } from "../../../domain/text";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import { enterpriseForWrite } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { conflict } from "../../errors";

/**
 * Closes an enterprise (it stopped operating, was deregistered or moved away):
 * the status becomes closed with when and why, and nothing recorded against it
 * is removed. A closed enterprise leaves the default lists, enforcement plans
 * and inspection task generation; it can be found with the status filter.
 */
export async function closeEnterprise(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  id: string,
  reason: string,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const stored = await enterpriseForWrite(trx, principal.scope, id, { lock: true });
    if (stored.status === "closed") {
      const on = stored.closed_at ? stored.closed_at.toISOString().slice(0, 10) : "";
      throw conflict(
        text(
          `该企业已于 ${on} 关闭；如需恢复经营，请在编辑中修改状态`,
          `The enterprise was already closed on ${on}; to reopen it, change its status in the edit form`,
        ),
      );
    }
    await trx
      .updateTable("enterprise")
      .set({ status: "closed", closed_at: now, closed_reason: reason, updated_at: now })
      .where("id", "=", stored.id)
      .execute();
    await recordAudit(trx, actor, {
      action: "close",
      entityType: "enterprise",
      entityId: stored.id,
      enterpriseId: stored.id,
      territoryPath: stored.territory_path,
      before: { status: stored.status },
      after: { status: "closed", closedAt: now.toISOString(), reason },
    });
  });
}
