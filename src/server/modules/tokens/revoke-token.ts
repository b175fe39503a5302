import type { Kysely } from "kysely";
import { text } from "../../../domain/text";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { DB } from "../../db/schema";
import { notFound } from "../../errors";

/** Revokes one live token of one user; a token of anyone else, or already revoked, is not found. */
export async function revokeToken(db: Kysely<DB>, actor: Actor, token: { id: string; userId: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const revoked = await trx
      .updateTable("api_token")
      .set({ revoked_at: new Date() })
      .where("id", "=", token.id)
      .where("user_id", "=", token.userId)
      .where("revoked_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    if (!revoked) throw notFound(text("该令牌", "The token"));
    await recordAudit(trx, actor, {
      action: "revoke",
      entityType: "api_token",
      entityId: revoked.id,
      after: { userId: token.userId },
    });
  });
}
