import type { Kysely, Transaction } from "kysely";
import type { DB } from "../db/schema";

/**
 * Ends a user's sessions and revokes every API token of theirs, in the
 * caller's transaction: after a password change or reset, or when the account
 * is disabled, nothing issued under the old password keeps working. The
 * session the user is changing their own password from may be kept.
 */
export async function revokeCredentials(
  trx: Transaction<DB>,
  userId: string,
  keep: { sessionTokenHash?: string } = {},
): Promise<{ sessions: number; tokens: number }> {
  let sessions = trx.deleteFrom("session").where("user_id", "=", userId);
  if (keep.sessionTokenHash) sessions = sessions.where("token_hash", "<>", keep.sessionTokenHash);
  const ended = await sessions.executeTakeFirst();
  const revoked = await trx
    .updateTable("api_token")
    .set({ revoked_at: new Date() })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return { sessions: Number(ended.numDeletedRows), tokens: Number(revoked.numUpdatedRows) };
}

/** Clears sign-in records nobody needs any more: expired sessions. */
export async function deleteExpiredSessions(db: Kysely<DB>, now = new Date()): Promise<void> {
  await db.deleteFrom("session").where("expires_at", "<", now).execute();
}
