import { type App, principalOf } from "../../types";
import { presentRegionLevel } from "./present-region-level";
import { regionalLevelsOfChildren, territoryPathInScope } from "./regional-levels";
import { RegionLevelList, RegionLevelQuery } from "./schema";

export async function regionRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/regions/levels",
    {
      config: { permission: "territory:read" },
      schema: {
        tags: ["regions"],
        summary: "Regional risk level of each child of a territory node (the caller's top nodes without parentId)",
        querystring: RegionLevelQuery,
        response: { 200: RegionLevelList },
      },
    },
    async (request) => {
      const scope = principalOf(request).scope;
      const parentId = request.query.parentId ?? null;
      if (parentId !== null) await territoryPathInScope(db, scope, parentId);
      const rows = await regionalLevelsOfChildren(db, scope, parentId);
      return { items: rows.map((row) => presentRegionLevel(row, request.locale)) };
    },
  );
}
