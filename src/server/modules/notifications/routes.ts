import { sql } from "kysely";
import { Type } from "typebox";
import { recordAudit } from "../../audit/record-audit";
import { requireTerritoryScope } from "../../auth/scope";
import { notFound } from "../../errors";
import { type App, actorOf, principalOf } from "../../types";
import { createWebhook } from "./create-webhook";

const Notification = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Type.Union([Type.String(), Type.Null()]),
  severity: Type.String(),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
});

const Webhook = Type.Object({
  id: Type.String(),
  name: Type.String(),
  url: Type.String(),
  eventKinds: Type.Array(Type.String()),
  territoryPath: Type.String(),
  disabled: Type.Boolean(),
  createdAt: Type.String(),
});

export async function notificationRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/notifications",
    {
      config: { permission: "account:self" },
      schema: {
        tags: ["notifications"],
        summary: "The caller's notification centre, newest first",
        querystring: Type.Object({
          unread: Type.Optional(Type.Boolean()),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
        }),
        response: {
          200: Type.Object({ items: Type.Array(Notification), total: Type.Integer(), unread: Type.Integer() }),
        },
      },
    },
    async (request) => {
      const userId = principalOf(request).userId;
      const { unread, page, pageSize } = request.query;
      let query = db.selectFrom("notification").where("user_id", "=", userId);
      if (unread) query = query.where("read_at", "is", null);
      const [rows, count, unreadCount] = await Promise.all([
        query
          .selectAll()
          .orderBy("created_at", "desc")
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        query.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
        db
          .selectFrom("notification")
          .select(sql<number>`count(*)`.as("n"))
          .where("user_id", "=", userId)
          .where("read_at", "is", null)
          .executeTakeFirstOrThrow(),
      ]);
      const en = request.locale === "en";
      return {
        items: rows.map((row) => ({
          id: row.id,
          kind: row.kind,
          title: en ? row.title_en : row.title_zh,
          body: en ? row.body_en : row.body_zh,
          link: row.link,
          severity: row.severity,
          createdAt: row.created_at.toISOString(),
          readAt: row.read_at?.toISOString() ?? null,
        })),
        total: Number(count.n),
        unread: Number(unreadCount.n),
      };
    },
  );

  app.post(
    "/notifications/:id/read",
    {
      config: { permission: "account:self" },
      schema: {
        tags: ["notifications"],
        summary: "Mark one notification read",
        params: Type.Object({ id: Type.String({ format: "uuid" }) }),
      },
    },
    async (request, reply) => {
      const updated = await db
        .updateTable("notification")
        .set({ read_at: new Date() })
        .where("user_id", "=", principalOf(request).userId)
        .where("id", "=", request.params.id)
        .returning("id")
        .executeTakeFirst();
      if (!updated) throw notFound({ "zh-CN": "该通知", en: "The notification" });
      return reply.status(204).send();
    },
  );

  app.post(
    "/notifications/read-all",
    {
      config: { permission: "account:self" },
      schema: { tags: ["notifications"], summary: "Mark all of the caller's notifications read" },
    },
    async (request, reply) => {
      await db
        .updateTable("notification")
        .set({ read_at: new Date() })
        .where("user_id", "=", principalOf(request).userId)
        .where("read_at", "is", null)
        .execute();
      return reply.status(204).send();
    },
  );

  app.get(
    "/webhooks",
    {
      config: { permission: "webhook:admin" },
      schema: {
        tags: ["notifications"],
        summary: "Webhooks of the administrator's territory",
        response: { 200: Type.Object({ items: Type.Array(Webhook) }) },
      },
    },
    async (request) => {
      const scope = requireTerritoryScope(principalOf(request));
      const rows = await db
        .selectFrom("webhook")
        .selectAll()
        .where("territory_path", "like", `${scope.path}%`)
        .orderBy("created_at")
        .execute();
      return {
        items: rows.map((row) => ({
          id: row.id,
          name: row.name,
          url: row.url,
          eventKinds: row.event_kinds,
          territoryPath: row.territory_path,
          disabled: row.disabled,
          createdAt: row.created_at.toISOString(),
        })),
      };
    },
  );

  app.post(
    "/webhooks",
    {
      config: { permission: "webhook:admin" },
      schema: {
        tags: ["notifications"],
        summary:
          "Subscribe a URL to event kinds in the administrator's territory; the signing secret is shown once. A URL resolving to an internal address (loopback, private, link-local, metadata) is refused",
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            url: Type.String({ format: "uri", pattern: "^https?://" }),
            eventKinds: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 50 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String(), secret: Type.String() }) },
      },
    },
    async (request, reply) => {
      const scope = requireTerritoryScope(principalOf(request));
      const { id, secret } = await createWebhook(db, actorOf(request), {
        ...request.body,
        territoryPath: scope.path,
        createdBy: principalOf(request).userId,
        policy: { allowHosts: app.config.webhookAllowHosts ?? [] },
      });
      return reply.status(201).send({ id, secret });
    },
  );

  app.delete(
    "/webhooks/:id",
    {
      config: { permission: "webhook:admin" },
      schema: {
        tags: ["notifications"],
        summary: "Remove a webhook",
        params: Type.Object({ id: Type.String({ format: "uuid" }) }),
      },
    },
    async (request, reply) => {
      const scope = requireTerritoryScope(principalOf(request));
      await db.transaction().execute(async (trx) => {
        const removed = await trx
          .deleteFrom("webhook")
          .where("id", "=", request.params.id)
          .where("territory_path", "like", `${scope.path}%`)
          .returning(["id", "name", "url"])
          .executeTakeFirst();
        if (!removed) throw notFound({ "zh-CN": "该 Webhook", en: "The webhook" });
        await recordAudit(trx, actorOf(request), {
          action: "delete",
          entityType: "webhook",
          entityId: removed.id,
          territoryPath: scope.path,
          before: removed,
        });
      });
      return reply.status(204).send();
    },
  );
}
