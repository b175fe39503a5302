import { requireTerritoryScope } from "../../auth/scope";
import { IdParams, NoContent } from "../../http/schemas";
import { type App, actorOf, principalOf } from "../../types";
import { createWebhook } from "./create-webhook";
import { deleteWebhook } from "./delete-webhook";
import { findNotifications } from "./find-notifications";
import { markAllNotificationsRead, markNotificationRead } from "./mark-notifications-read";
import { listWebhooks } from "./present-webhook";
import { NotificationList, NotificationListQuery, WebhookBody, WebhookCreated, WebhookList } from "./schema";

const TAGS = ["notifications"];

export async function notificationRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/notifications",
    {
      config: { permission: "account:self" },
      schema: {
        tags: TAGS,
        summary: "The caller's notification centre, newest first",
        querystring: NotificationListQuery,
        response: { 200: NotificationList },
      },
    },
    async (request) => findNotifications(db, principalOf(request).userId, request.query, request.locale),
  );

  app.post(
    "/notifications/:id/read",
    {
      config: { permission: "account:self" },
      schema: {
        tags: TAGS,
        summary: "Mark one notification read",
        params: IdParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await markNotificationRead(db, principalOf(request).userId, request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    "/notifications/read-all",
    {
      config: { permission: "account:self" },
      schema: {
        tags: TAGS,
        summary: "Mark all of the caller's notifications read",
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await markAllNotificationsRead(db, principalOf(request).userId);
      return reply.status(204).send();
    },
  );

  app.get(
    "/webhooks",
    {
      config: { permission: "webhook:admin" },
      schema: {
        tags: TAGS,
        summary: "Webhooks of the administrator's territory",
        response: { 200: WebhookList },
      },
    },
    async (request) => ({ items: await listWebhooks(db, requireTerritoryScope(principalOf(request)).path) }),
  );

  app.post(
    "/webhooks",
    {
      config: { permission: "webhook:admin" },
      schema: {
        tags: TAGS,
        summary:
          "Subscribe a URL to event kinds in the administrator's territory; the signing secret is shown once. A URL resolving to an internal address (loopback, private, link-local, metadata) is refused",
        body: WebhookBody,
        response: { 201: WebhookCreated },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const scope = requireTerritoryScope(principal);
      const created = await createWebhook(db, actorOf(request), {
        ...request.body,
        territoryPath: scope.path,
        createdBy: principal.userId,
        policy: { allowHosts: app.config.webhookAllowHosts ?? [] },
      });
      return reply.status(201).send(created);
    },
  );

  app.delete(
    "/webhooks/:id",
    {
      config: { permission: "webhook:admin" },
      schema: {
        tags: TAGS,
        summary: "Remove a webhook",
        params: IdParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const scope = requireTerritoryScope(principalOf(request));
      await deleteWebhook(db, actorOf(request), scope.path, request.params.id);
      return reply.status(204).send();
    },
  );
}
