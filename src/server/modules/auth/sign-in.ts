import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../audit/record-audit";
import { loadPrincipal } from "../../auth/load-principal";
import { clearLoginFailures, recordLoginFailure, signInWaitSeconds } from "../../auth/login-throttle";
import { standInPasswordHash, verifyPassword } from "../../auth/passwords";
import type { Principal } from "../../auth/principal";
import { hashSecret, newSecret } from "../../auth/tokens";
import type { DB } from "../../db/schema";
import { AppError, signInThrottled } from "../../errors";

export const SESSION_HOURS = 12;

export interface SignInAttempt {
  username: string;
  password: string;
  ip: string;
  userAgent: string;
}

/**
 * Checks a username and password and opens a session. Every attempt costs one
 * argon2 verification, for unknown and disabled accounts too, so neither the
 * answer nor its timing tells which usernames exist.
 */
export async function signIn(
  db: Kysely<DB>,
  attempt: SignInAttempt,
): Promise<{ sessionToken: string; principal: Principal }> {
  const wait = await signInWaitSeconds(db, attempt.username, attempt.ip);
  if (wait > 0) throw signInThrottled(wait);
  const user = await db
    .selectFrom("app_user")
    .select(["id", "username", "display_name", "password_hash", "disabled"])
    .where("username", "=", attempt.username)
    .executeTakeFirst();
  const matches = await verifyPassword(user?.password_hash ?? (await standInPasswordHash()), attempt.password);
  if (!user || user.disabled || !matches) {
    await recordLoginFailure(db, attempt.username, attempt.ip);
    throw new AppError("INVALID_CREDENTIALS", {
      "zh-CN": "用户名或密码错误（账号也可能已停用）",
      en: "Wrong username or password (or the account is disabled)",
    });
  }
  await clearLoginFailures(db, attempt.username, attempt.ip);
  const sessionToken = newSecret();
  const csrfToken = newSecret();
  const tokenHash = hashSecret(sessionToken);
  const actor: Actor = { userId: user.id, name: `${user.display_name} (${user.username})`, ip: attempt.ip };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("session")
      .values({
        token_hash: tokenHash,
        user_id: user.id,
        csrf_token: csrfToken,
        ip: attempt.ip,
        user_agent: attempt.userAgent.slice(0, 300),
        expires_at: new Date(Date.now() + SESSION_HOURS * 3600_000),
      })
      .execute();
    await recordAudit(trx, actor, { action: "login", entityType: "user", entityId: user.id });
  });
  const principal = await loadPrincipal(db, user.id, { via: "session", tokenHash, csrfToken });
  if (!principal) throw new AppError("INVALID_CREDENTIALS", { "zh-CN": "账号已停用", en: "The account is disabled" });
  return { sessionToken, principal };
}
