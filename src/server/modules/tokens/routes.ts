import { forbidden, notFound } from "../../errors";
import { type App, actorOf, principalOf } from "../../types";
import { findManagedUser } from "../users/user-scope";
import { createApiToken } from "./create-api-token";
import { listTokensOf } from "./present-token";
import { revokeToken } from "./revoke-token";
import { TokenCreateBody, TokenCreated, TokenList, TokenParams, UserTokenParams } from "./schema";

const THE_USER = { "zh-CN": "该用户", en: "The user" };

export async function tokenRoutes(app: App) {
  const { db } = app.database;

  /** The user whose tokens an administrator manages: every placement of theirs inside its scope. */
  async function managedUser(request: Parameters<typeof principalOf>[0], userId: string) {
    const user = await findManagedUser(db, principalOf(request), userId);
    if (!user) throw notFound(THE_USER);
    if (!user.wholly) {
      throw forbidden({
        "zh-CN": "该用户还关联您管辖范围以外的属地、单位或企业，只能由管辖其全部范围的管理员管理其令牌",
        en: "This user is also placed outside your scope; only an administrator over all of its placements may manage its tokens",
      });
    }
    return user;
  }

  app.get(
    "/tokens",
    {
      config: { permission: "token:own" },
      schema: { tags: ["tokens"], summary: "The caller's API tokens", response: { 200: TokenList } },
    },
    async (request) => ({ items: await listTokensOf(db, principalOf(request).userId) }),
  );

  app.post(
    "/tokens",
    {
      config: { permission: "token:own" },
      schema: {
        tags: ["tokens"],
        summary: "Create an API token for the caller (shown once); only from a signed-in session",
        body: TokenCreateBody,
        response: { 201: TokenCreated },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      // A leaked token must not be able to outlive its revocation by minting successors.
      if (principal.via !== "session") {
        throw forbidden({
          "zh-CN": "API 令牌只能在登录会话中创建，令牌不能再生成令牌；请登录网页后在「API 令牌」页面创建",
          en: "API tokens can only be created from a signed-in session, not with another token; sign in to the web app and create it on the API tokens page",
        });
      }
      const created = await createApiToken(db, actorOf(request), {
        userId: principal.userId,
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
      schema: { tags: ["tokens"], summary: "Revoke one of the caller's tokens", params: TokenParams },
    },
    async (request, reply) => {
      await revokeToken(db, actorOf(request), { id: request.params.id, userId: principalOf(request).userId });
      return reply.status(204).send();
    },
  );

  app.get(
    "/users/:id/tokens",
    {
      config: { permission: "user:admin" },
      schema: {
        tags: ["tokens"],
        summary: "A user's API tokens, for an administrator whose scope holds every placement of the user",
        params: TokenParams,
        response: { 200: TokenList },
      },
    },
    async (request) => {
      const user = await managedUser(request, request.params.id);
      return { items: await listTokensOf(db, user.id) };
    },
  );

  app.delete(
    "/users/:id/tokens/:tokenId",
    {
      config: { permission: "user:admin" },
      schema: {
        tags: ["tokens"],
        summary: "Revoke a user's API token (administrator whose scope holds every placement of the user)",
        params: UserTokenParams,
      },
    },
    async (request, reply) => {
      const user = await managedUser(request, request.params.id);
      await revokeToken(db, actorOf(request), { id: request.params.tokenId, userId: user.id });
      return reply.status(204).send();
    },
  );
}
