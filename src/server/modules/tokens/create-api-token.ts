import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../audit/record-audit";
import { API_TOKEN_PREFIX, hashSecret, newSecret } from "../../auth/tokens";
import type { DB } from "../../db/schema";

/** Issues a bearer token for a user; the secret is returned once and only its hash is kept. */
export async function createApiToken(
  db: Kysely<DB>,
  actor: Actor,
  options: { userId: string; name: string; days: number },
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = newSecret(API_TOKEN_PREFIX);
  const expiresAt = new Date(Date.now() + options.days * 86_400_000);
  const id = await db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto("api_token")
      .values({ user_id: options.userId, name: options.name, token_hash: hashSecret(token), expires_at: expiresAt })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: "create",
      entityType: "api_token",
      entityId: created.id,
      after: { userId: options.userId, name: options.name, expiresAt },
    });
    return created.id;
  });
  return { id, token, expiresAt };
}
