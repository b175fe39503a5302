import type { Selectable } from "kysely";
import type { Static } from "typebox";
import type { ApiTokenTable } from "../../db/schema";
import type { TokenCreated, TokenInfo } from "./schema";

/** What a token list shows of a stored token: never its hash. */
export type TokenRow = Pick<
  Selectable<ApiTokenTable>,
  "id" | "name" | "created_at" | "expires_at" | "last_used_at" | "revoked_at"
>;

export function presentToken(row: TokenRow): Static<typeof TokenInfo> {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/** A token just made: the only answer that ever carries its secret. */
export function presentCreatedToken(created: {
  id: string;
  token: string;
  expiresAt: Date;
}): Static<typeof TokenCreated> {
  return { id: created.id, token: created.token, expiresAt: created.expiresAt.toISOString() };
}
