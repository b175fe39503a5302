import { Type } from "typebox";
import { DateTime, Page } from "../../http/schemas";

export const AuditEntry = Type.Object({
  seq: Type.Integer(),
  at: DateTime,
  actorName: Type.String(),
  actorIp: Type.String(),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  hash: Type.String(),
});

export const AuditQuery = Type.Object(
  {
    entityType: Type.Optional(Type.String({ maxLength: 50 })),
    entityId: Type.Optional(Type.String({ maxLength: 100 })),
    actor: Type.Optional(Type.String({ maxLength: 100 })),
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  { additionalProperties: false },
);

export const AuditPage = Page(AuditEntry);

export const AuditVerification = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  firstBadSeq: Type.Union([Type.Integer(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
});
