import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { conflict } from "../../errors";
import { runnableCampaign } from "./campaign-queries";

/**
 * Ends a running campaign: no more reports are taken and completion is fixed as of now. The status is checked on
 * the row locked in this transaction, so a report being stored waits for the close, or the close for it.
 */
export async function closeCampaign(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  id: string,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await runnableCampaign(trx, principal, id, { lock: "update" });
    if (row.status !== "active")
      throw conflict({
        "zh-CN": row.status === "draft" ? "草稿尚未启动，无需结束；可直接修改" : "专项行动已经结束",
        en:
          row.status === "draft"
            ? "A draft has not started, so it cannot be closed; edit it instead"
            : "The campaign is already closed",
      });
    await trx
      .updateTable("campaign")
      .set({ status: "closed", closed_at: now, updated_at: now })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(trx, actor, {
      action: "close",
      entityType: "campaign",
      entityId: row.id,
      territoryPath: row.owner_path,
      before: { status: "active" },
      after: { status: "closed" },
    });
  });
}
