import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../audit/record-audit";
import { recordLoginFailure, signInWaitSeconds } from "../../auth/login-throttle";
import { hashPassword, passwordProblem, verifyPassword } from "../../auth/passwords";
import type { Principal } from "../../auth/principal";
import { revokeCredentials } from "../../auth/revoke-credentials";
import type { DB } from "../../db/schema";
import { invalidFields, signInThrottled } from "../../errors";

/**
 * A user changes their own password. The current one is required (a session
 * left open on a shared computer must not be enough), wrong guesses count
 * like failed sign-ins, and afterwards the user's other sessions end and all
 * of their API tokens are revoked; the session they are using stays open.
 */
export async function changeOwnPassword(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  change: { currentPassword: string; newPassword: string },
): Promise<{ sessionsEnded: number; tokensRevoked: number }> {
  const wait = await signInWaitSeconds(db, principal.username, actor.ip);
  if (wait > 0) throw signInThrottled(wait);
  const user = await db
    .selectFrom("app_user")
    .select(["password_hash"])
    .where("id", "=", principal.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, change.currentPassword))) {
    await recordLoginFailure(db, principal.username, actor.ip);
    throw invalidFields([
      {
        field: "currentPassword",
        text: { "zh-CN": "当前密码不正确", en: "The current password is wrong" },
      },
    ]);
  }
  const weak = passwordProblem(change.newPassword);
  if (weak) throw invalidFields([{ field: "newPassword", text: weak }]);
  if (change.newPassword === change.currentPassword) {
    throw invalidFields([
      {
        field: "newPassword",
        text: { "zh-CN": "新密码不能与当前密码相同", en: "The new password must differ from the current one" },
      },
    ]);
  }
  const passwordHash = await hashPassword(change.newPassword);
  const keep = principal.credential?.via === "session" ? { sessionTokenHash: principal.credential.tokenHash } : {};
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable("app_user")
      .set({ password_hash: passwordHash, updated_at: new Date() })
      .where("id", "=", principal.userId)
      .execute();
    const revoked = await revokeCredentials(trx, principal.userId, keep);
    await recordAudit(trx, actor, {
      action: "change-password",
      entityType: "user",
      entityId: principal.userId,
      after: { sessionsEnded: revoked.sessions, tokensRevoked: revoked.tokens },
    });
    return { sessionsEnded: revoked.sessions, tokensRevoked: revoked.tokens };
  });
}
