import { IdParams } from "../../http/schemas";
import { type App, principalOf } from "../../types";
import { findTerritories, getTerritory } from "./find-territories";
import { presentTerritoryDetail, presentTerritoryNode } from "./present-territory";
import { TerritoryDetail, TerritoryList } from "./schema";

export async function territoryRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/territories",
    {
      config: { permission: "territory:read" },
      schema: {
        tags: ["territories"],
        summary: "The caller's territory subtree, flat, with enterprise counts",
        response: { 200: TerritoryList },
      },
    },
    async (request) => ({ items: (await findTerritories(db, principalOf(request).scope)).map(presentTerritoryNode) }),
  );

  app.get(
    "/territories/:id",
    {
      config: { permission: "territory:read" },
      schema: {
        tags: ["territories"],
        summary: "One territory node with its boundary",
        params: IdParams,
        response: { 200: TerritoryDetail },
      },
    },
    async (request) => presentTerritoryDetail(await getTerritory(db, principalOf(request).scope, request.params.id)),
  );
}
