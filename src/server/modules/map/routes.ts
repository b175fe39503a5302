import { notFound } from "../../errors";
import { type App, principalOf } from "../../types";
import { territoryPathInScope } from "../regions/regional-levels";
import { featureCard } from "./feature-card";
import { findTerritoryBoundaries } from "./find-territory-boundaries";
import { featuresInViewport, type MapFilters } from "./map-features";
import { presentTerritoryBoundary } from "./present-territory-boundary";
import {
  FeatureCard,
  FeatureParams,
  FeaturesQuery,
  MapConfig,
  MapFeatures,
  TerritoriesQuery,
  TerritoryBoundaries,
} from "./schema";
import { parseBbox, parseLayers } from "./viewport";

const tags = ["map"];

export async function mapRoutes(app: App) {
  const db = app.database.read;

  app.get(
    "/map/config",
    {
      config: { permission: ["territory:read", "enterprise:read"] },
      schema: {
        tags,
        summary: "What the map page needs from the server's configuration: the optional base-map tile URL (TILE_URL)",
        response: { 200: MapConfig },
      },
    },
    async () => ({ tileUrl: app.config.tileUrl ?? null }),
  );

  app.get(
    "/map/features",
    {
      // Enterprise people see their own enterprises' records on the map; supervisors their territory's.
      config: { permission: ["territory:read", "enterprise:read"] },
      schema: {
        tags,
        summary:
          "Map features in a viewport, one GeoJSON FeatureCollection per layer: individual records, or grid clusters when too many are in view",
        querystring: FeaturesQuery,
        response: { 200: MapFeatures },
      },
    },
    async (request) => {
      const scope = principalOf(request).scope;
      const q = request.query;
      const bbox = parseBbox(q.bbox);
      const filters: MapFilters = {
        industry: q.industry ?? null,
        level: q.level ?? null,
        territoryPath: q.territoryId ? await territoryPathInScope(db, scope, q.territoryId) : null,
      };
      const viewport = { bbox, zoom: q.zoom, filters, locale: request.locale };
      const found = await featuresInViewport(db, parseLayers(q.layers), scope, viewport);
      return { bbox, zoom: q.zoom, ...found };
    },
  );

  app.get(
    "/map/features/:layer/:id",
    {
      config: { permission: ["territory:read", "enterprise:read"] },
      schema: {
        tags,
        summary: "The key facts of one map feature, for its card",
        params: FeatureParams,
        response: { 200: FeatureCard },
      },
    },
    async (request) => {
      const { layer, id } = request.params;
      const context = { db, scope: principalOf(request).scope, en: request.locale === "en" };
      const card = await featureCard(context, layer, id);
      if (!card) throw notFound({ "zh-CN": "该地图要素", en: "The map feature" });
      return card;
    },
  );

  app.get(
    "/map/territories",
    {
      config: { permission: "territory:read" },
      schema: {
        tags,
        summary:
          "Territory boundaries with each node's regional risk level, for the choropleth: the children of parentId, or the caller's top nodes",
        querystring: TerritoriesQuery,
        response: { 200: TerritoryBoundaries },
      },
    },
    async (request) => {
      const scope = principalOf(request).scope;
      const parentId = request.query.parentId ?? null;
      if (parentId) await territoryPathInScope(db, scope, parentId);
      const found = await findTerritoryBoundaries(db, scope, parentId);
      return {
        type: "FeatureCollection" as const,
        features: found.map((boundary) => presentTerritoryBoundary(boundary, request.locale)),
      };
    },
  );
}
