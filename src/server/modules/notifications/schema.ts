import { Type } from "typebox";
import { DateTime, Items, NullableString, Uuid } from "../../http/schemas";

export const NotificationListQuery = Type.Object({
  unread: Type.Optional(Type.Boolean()),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
});

export const Notification = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String({ description: "In the caller's language" }),
  body: Type.String({ description: "In the caller's language" }),
  link: NullableString(),
  severity: Type.String(),
  createdAt: DateTime,
  readAt: NullableString({ format: "date-time" }),
});

export const NotificationList = Type.Object({
  items: Type.Array(Notification),
  total: Type.Integer(),
  unread: Type.Integer({ description: "Unread notifications in all, whatever the filter" }),
});

export const WebhookBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    url: Type.String({ format: "uri", pattern: "^https?://" }),
    eventKinds: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);

export const Webhook = Type.Object({
  id: Type.String(),
  name: Type.String(),
  url: Type.String(),
  eventKinds: Type.Array(Type.String()),
  territoryPath: Type.String(),
  disabled: Type.Boolean(),
  createdAt: DateTime,
});

export const WebhookList = Items(Webhook);

export const WebhookCreated = Type.Object({
  id: Uuid,
  secret: Type.String({ description: "The signing secret, shown this once" }),
});
