import type { Kysely } from "kysely";
import type { Static } from "typebox";
import type { DB } from "../../db/schema";
import type { Webhook } from "./schema";

/** The webhooks of a territory and all below it, oldest first; the signing secret is never shown again. */
export async function listWebhooks(db: Kysely<DB>, territoryPath: string): Promise<Static<typeof Webhook>[]> {
  const rows = await db
    .selectFrom("webhook")
    .selectAll()
    .where("territory_path", "like", `${territoryPath}%`)
    .orderBy("created_at")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    url: row.url,
    eventKinds: row.event_kinds,
    territoryPath: row.territory_path,
    disabled: row.disabled,
    createdAt: row.created_at.toISOString(),
  }));
}
