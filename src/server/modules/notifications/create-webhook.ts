import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { DB } from "../../db/schema";
import { invalidFields } from "../../errors";
import { resolveWebhookTarget, type WebhookPolicy, WebhookTargetRefused } from "../../notifications/webhook-address";

export interface CreateWebhookOptions {
  name: string;
  url: string;
  eventKinds: string[];
  territoryPath: string;
  createdBy: string;
  policy: WebhookPolicy;
}

/**
 * Subscribes a URL after checking where it resolves: a webhook that would
 * reach an internal address is refused here, and checked again at each delivery.
 */
export async function createWebhook(
  db: Kysely<DB>,
  actor: Actor,
  options: CreateWebhookOptions,
): Promise<{ id: string; secret: string }> {
  try {
    await resolveWebhookTarget(options.url, options.policy);
  } catch (error) {
    if (error instanceof WebhookTargetRefused) throw invalidFields([{ field: "url", text: error.text }]);
    throw error;
  }
  const secret = randomBytes(24).toString("base64url");
  const id = await db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto("webhook")
      .values({
        name: options.name,
        url: options.url,
        event_kinds: options.eventKinds,
        secret,
        territory_path: options.territoryPath,
        created_by: options.createdBy,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: "create",
      entityType: "webhook",
      entityId: created.id,
      territoryPath: options.territoryPath,
      after: { name: options.name, url: options.url, eventKinds: options.eventKinds },
    });
    return created.id;
  });
  return { id, secret };
}
