import { type App, actorOf, principalOf } from "../../types";
import { findControlLevels } from "./find-control-levels";
import { findReferenceSet } from "./find-reference-set";
import { ControlLevelMapping, ControlLevels, ReferenceKindParams, ReferenceSet, ReferenceVersionQuery } from "./schema";
import { setControlLevels } from "./set-control-levels";

const TAGS = ["reference"];

export async function referenceRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/reference/control-levels",
    {
      config: { permission: "reference:read" },
      schema: {
        tags: TAGS,
        summary: "The risk level → control level mapping (practice; editable by an administrator)",
        response: { 200: ControlLevels },
      },
    },
    async () => findControlLevels(db),
  );

  app.put(
    "/reference/control-levels",
    {
      config: { permission: "reference:write" },
      schema: {
        tags: TAGS,
        summary: "Change the risk level → control level mapping",
        body: ControlLevelMapping,
        response: { 200: ControlLevels },
      },
    },
    async (request) => setControlLevels(db, principalOf(request), actorOf(request), request.body),
  );

  app.get(
    "/reference/:kind",
    {
      config: { permission: "reference:read" },
      schema: {
        tags: TAGS,
        summary: "The current version of a reference set: industry, accident-type, hazard-factor, risk-level",
        params: ReferenceKindParams,
        querystring: ReferenceVersionQuery,
        response: { 200: ReferenceSet },
      },
    },
    async (request) => findReferenceSet(db, request.params.kind, request.query.version),
  );
}
