import { Type } from "typebox";
import { Items, OneOf, Uuid } from "../../http/schemas";

export const KINDS = ["emergency_management", "industry_department", "insurer", "third_party"] as const;

export const Organisation = Type.Object({
  id: Uuid,
  kind: Type.String(),
  name: Type.String(),
  territory: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
  industries: Type.Array(Type.String()),
  phone: Type.String(),
});

export const OrganisationList = Items(Organisation);

export const OrganisationBody = Type.Object(
  {
    kind: OneOf(KINDS),
    name: Type.String({ minLength: 2, maxLength: 100 }),
    territoryId: Uuid,
    industries: Type.Optional(Type.Array(Type.String({ maxLength: 4 }), { maxItems: 100 })),
    phone: Type.Optional(Type.String({ maxLength: 30 })),
  },
  { additionalProperties: false },
);
