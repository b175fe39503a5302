import type { Kysely } from "kysely";
import type { Static } from "typebox";
import type { DB } from "../../db/schema";
import type { TokenInfo } from "./schema";

/** A user's API tokens, newest first; never the secret (only its hash is kept). */
export async function listTokensOf(db: Kysely<DB>, userId: string): Promise<Static<typeof TokenInfo>[]> {
  const rows = await db
    .selectFrom("api_token")
    .select(["id", "name", "created_at", "expires_at", "last_used_at", "revoked_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  }));
}
