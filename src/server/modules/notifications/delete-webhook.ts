import type { Kysely } from "kysely";
import { text } from "../../../domain/text";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { DB } from "../../db/schema";
import { notFound } from "../../errors";

/** Removes a webhook of the administrator's territory (or below it), with its audit entry. */
export async function deleteWebhook(db: Kysely<DB>, actor: Actor, territoryPath: string, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom("webhook")
      .where("id", "=", id)
      .where("territory_path", "like", `${territoryPath}%`)
      .returning(["id", "name", "url"])
      .executeTakeFirst();
    if (!removed) throw notFound(text("该 Webhook", "The webhook"));
    await recordAudit(trx, actor, {
      action: "delete",
      entityType: "webhook",
      entityId: removed.id,
      territoryPath,
      before: removed,
    });
  });
}
