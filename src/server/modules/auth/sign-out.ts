import type { Kysely } from "kysely";
import { hashSecret } from "../../auth/tokens";
import type { DB } from "../../db/schema";

/** Ends the session the token names, if there is one; signing out twice, or without a session, does nothing. */
export async function signOut(db: Kysely<DB>, sessionToken: string | null): Promise<void> {
  if (!sessionToken) return;
  await db.deleteFrom("session").where("token_hash", "=", hashSecret(sessionToken)).execute();
}
