import { Type } from "typebox";
import { recordAudit } from "../../audit/record-audit";
import { notFound } from "../../errors";
import { type App, actorOf, principalOf } from "../../types";
import { createApiToken } from "./create-api-token";

const TokenInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});

export async function tokenRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/tokens",
    {
      config: { permission: "token:own" },
      schema: {
        tags: ["tokens"],
        summary: "The caller's API tokens",
        response: { 200: Type.Object({ items: Type.Array(TokenInfo) }) },
      },
    },
    async (request) => {
      const rows = await db
        .selectFrom("api_token")
        .selectAll()
        .where("user_id", "=", principalOf(request).userId)
        .orderBy("created_at", "desc")
        .execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          createdAt: r.created_at.toISOString(),
          expiresAt: r.expires_at.toISOString(),
          lastUsedAt: r.last_used_at?.toISOString() ?? null,
          revokedAt: r.revoked_at?.toISOString() ?? null,
        })),
      };
    },
  );

  app.post(
    "/tokens",
    {
      config: { permission: "token:own" },
      schema: {
        tags: ["tokens"],
        summary: "Create an API token for the caller (shown once)",
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            days: Type.Integer({ minimum: 1, maximum: 366, default: 90 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String(), token: Type.String(), expiresAt: Type.String() }) },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(db, actorOf(request), {
        userId: principalOf(request).userId,
        name: request.body.name,
        days: request.body.days,
      });
      return reply
        .status(201)
        .send({ id: created.id, token: created.token, expiresAt: created.expiresAt.toISOString() });
    },
  );

  app.delete(
    "/tokens/:id",
    {
      config: { permission: "token:own" },
      schema: {
        tags: ["tokens"],
        summary: "Revoke one of the caller's tokens",
        params: Type.Object({ id: Type.String({ format: "uuid" }) }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await db.transaction().execute(async (trx) => {
        const revoked = await trx
          .updateTable("api_token")
          .set({ revoked_at: new Date() })
          .where("id", "=", request.params.id)
          .where("user_id", "=", principal.userId)
          .where("revoked_at", "is", null)
          .returning("id")
          .executeTakeFirst();
        if (!revoked) throw notFound({ "zh-CN": "该令牌", en: "The token" });
        await recordAudit(trx, actorOf(request), { action: "revoke", entityType: "api_token", entityId: revoked.id });
      });
      return reply.status(204).send();
    },
  );
}
