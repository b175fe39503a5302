import { IdParams, NoContent } from "../../http/schemas";
import { type App, actorOf, principalOf } from "../../types";
import { createOwnApiToken } from "./create-api-token";
import { findTokenHolder } from "./find-token-holder";
import { findTokensOf } from "./find-tokens";
import { presentCreatedToken, presentToken } from "./present-token";
import { revokeToken } from "./revoke-token";
import { TokenCreateBody, TokenCreated, TokenList, UserTokenParams } from "./schema";

export async function tokenRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/tokens",
    {
      config: { permission: "token:own" },
      schema: { tags: ["tokens"], summary: "The caller's API tokens", response: { 200: TokenList } },
    },
    async (request) => ({ items: (await findTokensOf(db, principalOf(request).userId)).map(presentToken) }),
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
      const created = await createOwnApiToken(db, principalOf(request), actorOf(request), request.body);
      return reply.status(201).send(presentCreatedToken(created));
    },
  );

  app.delete(
    "/tokens/:id",
    {
      config: { permission: "token:own" },
      schema: {
        tags: ["tokens"],
        summary: "Revoke one of the caller's tokens",
        params: IdParams,
        response: { 204: NoContent },
      },
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
        params: IdParams,
        response: { 200: TokenList },
      },
    },
    async (request) => {
      const holder = await findTokenHolder(db, principalOf(request), request.params.id);
      return { items: (await findTokensOf(db, holder.id)).map(presentToken) };
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
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const holder = await findTokenHolder(db, principalOf(request), request.params.id);
      await revokeToken(db, actorOf(request), { id: request.params.tokenId, userId: holder.id });
      return reply.status(204).send();
    },
  );
}
