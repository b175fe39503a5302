import { Type } from "typebox";
import { ROLES } from "../../../domain/access/roles";
import { DateTime, OneOf, Page, Uuid } from "../../http/schemas";

const Role = OneOf(ROLES);

export const User = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  territory: Type.Union([Type.Object({ id: Uuid, code: Type.String(), name: Type.String() }), Type.Null()]),
  industries: Type.Array(Type.String()),
  enterpriseIds: Type.Array(Uuid),
  organisation: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
  disabled: Type.Boolean(),
  createdAt: DateTime,
});

export const UserPage = Page(User);

export const UserCreateBody = Type.Object(
  {
    username: Type.String({ minLength: 3, maxLength: 50, pattern: "^[A-Za-z0-9._-]+$" }),
    displayName: Type.String({ minLength: 1, maxLength: 50 }),
    password: Type.String({ minLength: 8, maxLength: 200 }),
    role: Role,
    territoryId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    industries: Type.Optional(Type.Array(Type.String({ maxLength: 4 }), { maxItems: 100 })),
    enterpriseIds: Type.Optional(Type.Array(Uuid, { maxItems: 5000 })),
    organisationId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { additionalProperties: false },
);

export const UserPatchBody = Type.Partial(
  Type.Object({
    displayName: Type.String({ minLength: 1, maxLength: 50 }),
    password: Type.String({ minLength: 8, maxLength: 200 }),
    role: Role,
    territoryId: Type.Union([Uuid, Type.Null()]),
    industries: Type.Array(Type.String({ maxLength: 4 }), { maxItems: 100 }),
    enterpriseIds: Type.Array(Uuid, { maxItems: 5000 }),
    organisationId: Type.Union([Uuid, Type.Null()]),
    disabled: Type.Boolean(),
  }),
  { additionalProperties: false, minProperties: 1 },
);

export const UserListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 50 })),
    role: Type.Optional(Role),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  { additionalProperties: false },
);
