import { IdParams } from "../../http/schemas";
import { type App, actorOf, principalOf } from "../../types";
import { createUser } from "./create-user";
import { findUsers, getUser } from "./find-users";
import { presentUser } from "./present-user";
import { User, UserCreateBody, UserListQuery, UserPage, UserPatchBody } from "./schema";
import { updateUser } from "./update-user";

export async function userRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/users",
    {
      config: { permission: "user:admin" },
      schema: {
        tags: ["users"],
        summary: "Users the administrator manages",
        querystring: UserListQuery,
        response: { 200: UserPage },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const found = await findUsers(db, principalOf(request), request.query);
      return { items: found.records.map(presentUser), total: found.total, page, pageSize };
    },
  );

  app.post(
    "/users",
    {
      config: { permission: "user:admin" },
      schema: { tags: ["users"], summary: "Create a user", body: UserCreateBody, response: { 201: User } },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const id = await createUser(db, principal, actorOf(request), request.body);
      return reply.status(201).send(presentUser(await getUser(db, principal, id)));
    },
  );

  app.patch(
    "/users/:id",
    {
      config: { permission: "user:admin" },
      schema: {
        tags: ["users"],
        summary: "Change a user's role, placement, password or state",
        params: IdParams,
        body: UserPatchBody,
        response: { 200: User },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      await updateUser(db, principal, actorOf(request), request.params.id, request.body);
      return presentUser(await getUser(db, principal, request.params.id));
    },
  );
}
