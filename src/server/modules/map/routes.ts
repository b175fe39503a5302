import { Type } from "typebox";
import { territoryInScope } from "../../auth/scope";
import { notFound } from "../../errors";
import { type App, principalOf } from "../../types";
import { regionalLevelsOfChildren } from "../regions/regional-levels";
import { featureCard } from "./feature-card";
import { type LayerCollection, layerInViewport, type MapFilters } from "./map-features";
import { MAP_LAYERS, type MapLayer, parseBbox, parseLayers } from "./viewport";

const territoryNotFound = () => notFound({ "zh-CN": "该属地", en: "The territory" });

export async function mapRoutes(app: App) {
  const db = app.database.read;

  /** The territory's path when it lies in the caller's scope; a 404 otherwise. */
  async function scopedTerritoryPath(scope: Parameters<typeof territoryInScope>[1], id: string): Promise<string> {
    const node = await db
      .selectFrom("territory")
      .select("path")
      .where("id", "=", id)
      .where((eb) => territoryInScope(eb, scope))
      .executeTakeFirst();
    if (!node) throw territoryNotFound();
    return node.path;
  }

  app.get(
    "/map/config",
    {
      config: { permission: ["territory:read", "enterprise:read"] },
      schema: {
        tags: ["map"],
        summary: "What the map page needs from the server's configuration: the optional base-map tile URL (TILE_URL)",
        response: { 200: Type.Object({ tileUrl: Type.Union([Type.String(), Type.Null()]) }) },
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
        tags: ["map"],
        summary:
          "Map features in a viewport, one GeoJSON FeatureCollection per layer: individual records, or grid clusters when too many are in view",
        querystring: Type.Object(
          {
            bbox: Type.String({ description: "minLng,minLat,maxLng,maxLat in WGS 84 degrees" }),
            zoom: Type.Number({ minimum: 0, maximum: 24 }),
            layers: Type.Optional(Type.String({ description: `comma-separated: ${MAP_LAYERS.join(",")}` })),
            industry: Type.Optional(Type.String({ minLength: 1, maxLength: 8 })),
            level: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
            territoryId: Type.Optional(Type.String({ format: "uuid" })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const scope = principalOf(request).scope;
      const q = request.query;
      const bbox = parseBbox(q.bbox);
      const layers = parseLayers(q.layers);
      const filters: MapFilters = {
        industry: q.industry ?? null,
        level: q.level ?? null,
        territoryPath: q.territoryId ? await scopedTerritoryPath(scope, q.territoryId) : null,
      };
      const viewport = { bbox, zoom: q.zoom, filters, locale: request.locale };
      const collections: Partial<Record<MapLayer, LayerCollection>> = {};
      for (const layer of layers) collections[layer] = await layerInViewport(db, layer, scope, viewport);
      return {
        bbox,
        zoom: q.zoom,
        capped: Object.values(collections).some((collection) => collection.capped),
        layers: collections,
      };
    },
  );

  app.get(
    "/map/features/:layer/:id",
    {
      config: { permission: ["territory:read", "enterprise:read"] },
      schema: {
        tags: ["map"],
        summary: "The key facts of one map feature, for its card",
        params: Type.Object({
          layer: Type.Union(MAP_LAYERS.map((layer) => Type.Literal(layer))),
          id: Type.String({ format: "uuid" }),
        }),
      },
    },
    async (request) => {
      const { layer, id } = request.params;
      const card = await featureCard(
        { db, scope: principalOf(request).scope, en: request.locale === "en" },
        layer as MapLayer,
        id,
      );
      if (!card) throw notFound({ "zh-CN": "该地图要素", en: "The map feature" });
      return card;
    },
  );

  app.get(
    "/map/territories",
    {
      config: { permission: "territory:read" },
      schema: {
        tags: ["map"],
        summary:
          "Territory boundaries with each node's regional risk level, for the choropleth: the children of parentId, or the caller's top nodes",
        querystring: Type.Object(
          { parentId: Type.Optional(Type.String({ format: "uuid" })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const scope = principalOf(request).scope;
      const parentId = request.query.parentId ?? null;
      if (parentId) await scopedTerritoryPath(scope, parentId);
      const rows = await regionalLevelsOfChildren(db, scope, parentId);
      const boundaries = rows.length
        ? await db
            .selectFrom("territory")
            .select(["id", "boundary", "min_lng", "min_lat", "max_lng", "max_lat"])
            .where(
              "id",
              "in",
              rows.map((row) => row.territoryId),
            )
            .execute()
        : [];
      const byId = new Map(boundaries.map((node) => [node.id, node]));
      const en = request.locale === "en";
      return {
        type: "FeatureCollection",
        features: rows.flatMap((row) => {
          const node = byId.get(row.territoryId);
          if (!node?.boundary) return [];
          return [
            {
              type: "Feature",
              id: row.territoryId,
              geometry: node.boundary,
              properties: {
                id: row.territoryId,
                code: row.code,
                name: en && row.nameEn ? row.nameEn : row.nameZh,
                kind: row.kind,
                level: row.regional.level,
                colour: row.regional.colour,
                score: row.regional.score,
                explanation: en ? row.regional.explanationEn : row.regional.explanationZh,
                enterprises: row.enterprises.total,
                bbox: [node.min_lng, node.min_lat, node.max_lng, node.max_lat],
              },
            },
          ];
        }),
      };
    },
  );
}
