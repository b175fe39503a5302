import type { Static } from "typebox";
import type { TokenRow } from "./find-tokens";
import type { TokenCreated, TokenInfo } from "./schema";

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
