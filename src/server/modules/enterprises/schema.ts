import { Type } from "typebox";
import { DateTime, FileResponse, NullableNumber, NullableString, OneOf, Page, Uuid } from "../../http/schemas";

export const SCALES = ["large", "medium", "small", "micro"] as const;
export const STATUSES = ["operating", "suspended", "closed"] as const;

const Person = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50 }),
    phone: Type.String({ maxLength: 30 }),
    role: Type.Optional(Type.String({ maxLength: 50 })),
  },
  { additionalProperties: false },
);

const fields = {
  name: Type.String({ minLength: 2, maxLength: 200 }),
  uscc: Type.String({ minLength: 1, maxLength: 30, description: "Unified social credit code, GB 32100-2015" }),
  industryCode: Type.String({ minLength: 2, maxLength: 4, description: "GB/T 4754-2017 division code, e.g. 26" }),
  scale: OneOf(SCALES),
  address: Type.String({ maxLength: 300 }),
  lng: NullableNumber({ minimum: -180, maximum: 180 }),
  lat: NullableNumber({ minimum: -90, maximum: 90 }),
  territoryId: Uuid,
  principalName: Type.String({ maxLength: 50 }),
  principalPhone: Type.String({ maxLength: 30 }),
  safetyManagers: Type.Array(Person, { maxItems: 50 }),
  contacts: Type.Array(Person, { maxItems: 50 }),
  status: OneOf(STATUSES),
};

export const EnterpriseCreateBody = Type.Object(
  {
    name: fields.name,
    uscc: fields.uscc,
    industryCode: fields.industryCode,
    scale: fields.scale,
    territoryId: fields.territoryId,
    address: Type.Optional(fields.address),
    lng: Type.Optional(fields.lng),
    lat: Type.Optional(fields.lat),
    principalName: Type.Optional(fields.principalName),
    principalPhone: Type.Optional(fields.principalPhone),
    safetyManagers: Type.Optional(fields.safetyManagers),
    contacts: Type.Optional(fields.contacts),
    status: Type.Optional(fields.status),
  },
  { additionalProperties: false },
);

export const EnterprisePatchBody = Type.Partial(Type.Object(fields), { additionalProperties: false, minProperties: 1 });

export const CloseBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 500, description: "Why it closed, e.g. deregistered 2026-03" }) },
  { additionalProperties: false },
);

export const EnterpriseListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    territoryId: Type.Optional(Uuid),
    industry: Type.Optional(Type.String({ maxLength: 4 })),
    status: Type.Optional(
      OneOf(STATUSES, { description: "Without it, closed enterprises are left out; status=closed lists them" }),
    ),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  { additionalProperties: false },
);

export const ImportTemplateQuery = Type.Object({
  format: Type.Union([Type.Literal("xlsx"), Type.Literal("csv")], { default: "xlsx" }),
});

export const EnterpriseSummary = Type.Object({
  id: Uuid,
  name: Type.String(),
  uscc: Type.String(),
  industryCode: Type.String(),
  industryName: Type.String(),
  scale: Type.String(),
  territoryId: Uuid,
  territoryName: Type.String(),
  territoryFullName: Type.String({ description: "Place names below the city, e.g. 江北区 / 石桥镇 / 第一网格" }),
  status: Type.String(),
  address: Type.String(),
});

export const EnterprisePage = Page(EnterpriseSummary);

export const Enterprise = Type.Object({
  ...EnterpriseSummary.properties,
  lng: NullableNumber(),
  lat: NullableNumber(),
  principalName: Type.String(),
  principalPhone: Type.String(),
  safetyManagers: Type.Array(Person),
  contacts: Type.Array(Person),
  territoryPath: Type.String(),
  closedAt: NullableString({ format: "date-time" }),
  closedReason: Type.String(),
  hasHistory: Type.Boolean({
    description: "Records are kept against it (registers, hidden dangers, readings …): it can be closed, not deleted",
  }),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const ImportTemplate = FileResponse(
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "The import template: XLSX with the code lists, or CSV with the header and an example row",
);

export const ImportResult = Type.Object({
  total: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
});
