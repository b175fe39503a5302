import type { Kysely } from "kysely";
import type { DB } from "../../db/schema";
import type { TokenRow } from "./present-token";

/** A user's API tokens, newest first; never the secret (only its hash is kept). */
export function findTokensOf(db: Kysely<DB>, userId: string): Promise<TokenRow[]> {
  return db
    .selectFrom("api_token")
    .select(["id", "name", "created_at", "expires_at", "last_used_at", "revoked_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .execute();
}
