import { type App, actorOf, principalOf } from "../../types";
import { createOrganisation } from "./create-organisation";
import { findOrganisations, getOrganisation } from "./find-organisations";
import { presentOrganisation } from "./present-organisation";
import { Organisation, OrganisationBody, OrganisationList } from "./schema";

export async function organisationRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/organisations",
    {
      config: { permission: "organisation:read" },
      schema: {
        tags: ["organisations"],
        summary: "Government departments, insurers and third-party organisations in the caller's territory",
        response: { 200: OrganisationList },
      },
    },
    async (request) => ({ items: (await findOrganisations(db, principalOf(request).scope)).map(presentOrganisation) }),
  );

  app.post(
    "/organisations",
    {
      config: { permission: "organisation:write" },
      schema: {
        tags: ["organisations"],
        summary: "Register an organisation",
        body: OrganisationBody,
        response: { 201: Organisation },
      },
    },
    async (request, reply) => {
      const id = await createOrganisation(db, principalOf(request), actorOf(request), request.body);
      return reply.status(201).send(presentOrganisation(await getOrganisation(db, id)));
    },
  );
}
