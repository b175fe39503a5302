import { Type } from "typebox";
import { DateTime, Items, NullableString, Uuid } from "../../http/schemas";

export const TokenInfo = Type.Object({
  id: Uuid,
  name: Type.String(),
  createdAt: DateTime,
  expiresAt: DateTime,
  lastUsedAt: NullableString({ format: "date-time" }),
  revokedAt: NullableString({ format: "date-time" }),
});

export const TokenList = Items(TokenInfo);

export const TokenCreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    days: Type.Integer({ minimum: 1, maximum: 366, default: 90 }),
  },
  { additionalProperties: false },
);

export const TokenCreated = Type.Object({
  id: Uuid,
  token: Type.String({ description: "The secret, shown this once: only its hash is kept" }),
  expiresAt: DateTime,
});

export const UserTokenParams = Type.Object({ id: Uuid, tokenId: Uuid }, { additionalProperties: false });
