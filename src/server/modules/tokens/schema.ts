import { Type } from "typebox";

export const TokenInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});

export const TokenList = Type.Object({ items: Type.Array(TokenInfo) });

export const TokenCreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    days: Type.Integer({ minimum: 1, maximum: 366, default: 90 }),
  },
  { additionalProperties: false },
);

export const TokenCreated = Type.Object({ id: Type.String(), token: Type.String(), expiresAt: Type.String() });

export const TokenParams = Type.Object({ id: Type.String({ format: "uuid" }) });

export const UserTokenParams = Type.Object({
  id: Type.String({ format: "uuid" }),
  tokenId: Type.String({ format: "uuid" }),
});
