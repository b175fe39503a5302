import type { Kysely } from "kysely";
import { text } from "../../../domain/text";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import { API_TOKEN_PREFIX, hashSecret, newSecret } from "../../auth/tokens";
import type { DB } from "../../db/schema";
import { forbidden } from "../../errors";

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

/** A token the caller makes for itself, only from a signed-in session. */
export async function createOwnApiToken(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  options: { name: string; days: number },
): Promise<{ id: string; token: string; expiresAt: Date }> {
  // A leaked token must not be able to outlive its revocation by minting successors.
  if (principal.via !== "session") {
    throw forbidden(
      text(
        "API 令牌只能在登录会话中创建，令牌不能再生成令牌；请登录网页后在「API 令牌」页面创建",
        "API tokens can only be created from a signed-in session, not with another token; sign in to the web app and create it on the API tokens page",
      ),
    );
  }
  return createApiToken(db, actor, { userId: principal.userId, ...options });
}
