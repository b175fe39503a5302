import { sql, type Transaction } from "kysely";
import type { DB } from "../db/schema";
import type { LocalisedText } from "../errors";

export interface NotificationInput {
  userIds: string[];
  kind: string;
  /** Identifies the event: notifying twice with the same key changes nothing. */
  dedupeKey: string;
  title: LocalisedText;
  body?: LocalisedText;
  link?: string;
  severity?: "info" | "warning" | "critical";
  enterpriseId?: string | null;
  territoryPath?: string | null;
  at: Date;
}

/**
 * Puts a notification in each user's notification centre and queues the same
 * event for the webhooks that subscribe to its kind within their territory and
 * for the users' e-mail, all in the caller's transaction and all idempotent.
 */
export async function notify(trx: Transaction<DB>, input: NotificationInput): Promise<number> {
  const userIds = [...new Set(input.userIds)];
  let created = 0;
  if (userIds.length > 0) {
    const rows = await trx
      .insertInto("notification")
      .values(
        userIds.map((userId) => ({
          user_id: userId,
          kind: input.kind,
          dedupe_key: input.dedupeKey,
          title_zh: input.title["zh-CN"],
          title_en: input.title.en,
          body_zh: input.body?.["zh-CN"] ?? "",
          body_en: input.body?.en ?? "",
          link: input.link ?? null,
          severity: input.severity ?? "info",
          enterprise_id: input.enterpriseId ?? null,
          territory_path: input.territoryPath ?? null,
          created_at: input.at,
        })),
      )
      .onConflict((oc) => oc.columns(["user_id", "dedupe_key"]).doNothing())
      .returning("user_id")
      .execute();
    created = rows.length;
    const recipients = rows.length
      ? await trx
          .selectFrom("app_user")
          .select(["id", "email"])
          .where(
            "id",
            "in",
            rows.map((r) => r.user_id),
          )
          .where("email", "<>", "")
          .where("disabled", "=", false)
          .execute()
      : [];
    const emails = recipients.map((user) => ({
      channel: "email" as const,
      target: user.email,
      webhook_id: null,
      payload: JSON.stringify({ subject: input.title, body: input.body ?? input.title, link: input.link ?? null }),
      dedupe_key: `email:${user.id}:${input.dedupeKey}`,
      next_attempt_at: input.at,
      created_at: input.at,
    }));
    if (emails.length > 0)
      await trx
        .insertInto("outbound_message")
        .values(emails)
        .onConflict((oc) => oc.column("dedupe_key").doNothing())
        .execute();
  }
  const path = input.territoryPath ?? "/";
  const webhooks = await trx
    .selectFrom("webhook")
    .select(["id", "url"])
    .where("disabled", "=", false)
    .where(sql<boolean>`${input.kind} = ANY(event_kinds)`)
    // A webhook hears events of its territory and everything below it.
    .where(sql<boolean>`${path} LIKE territory_path || '%'`)
    .execute();
  if (webhooks.length > 0) {
    await trx
      .insertInto("outbound_message")
      .values(
        webhooks.map((hook) => ({
          channel: "webhook" as const,
          target: hook.url,
          webhook_id: hook.id,
          payload: JSON.stringify({
            kind: input.kind,
            id: input.dedupeKey,
            at: input.at.toISOString(),
            severity: input.severity ?? "info",
            title: input.title,
            body: input.body ?? null,
            link: input.link ?? null,
            enterpriseId: input.enterpriseId ?? null,
            territoryPath: input.territoryPath ?? null,
          }),
          dedupe_key: `webhook:${hook.id}:${input.dedupeKey}`,
          next_attempt_at: input.at,
          created_at: input.at,
        })),
      )
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .execute();
  }
  return created;
}
