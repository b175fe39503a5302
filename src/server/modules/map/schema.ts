import { Type } from "typebox";
import { MAP_LAYERS } from "../../../domain/geo/map-layers";
import { NullableNumber, NullableString, OneOf, RiskLevel, Uuid } from "../../http/schemas";

export const MapConfig = Type.Object({ tileUrl: NullableString({ description: "TILE_URL, the base map's tiles" }) });

export const FeaturesQuery = Type.Object(
  {
    bbox: Type.String({ description: "minLng,minLat,maxLng,maxLat in WGS 84 degrees" }),
    zoom: Type.Number({ minimum: 0, maximum: 24 }),
    layers: Type.Optional(Type.String({ description: `comma-separated: ${MAP_LAYERS.join(",")}` })),
    industry: Type.Optional(Type.String({ minLength: 1, maxLength: 8 })),
    level: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
    territoryId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

const Position = Type.Tuple([Type.Number(), Type.Number()], { description: "[longitude, latitude], WGS 84" });

export const MapFeature = Type.Object({
  type: Type.Literal("Feature"),
  id: Type.String({ description: "The record's id, or layer:cx:cy for a cluster" }),
  geometry: Type.Object({ type: Type.Literal("Point"), coordinates: Position }),
  properties: Type.Object({
    layer: OneOf(MAP_LAYERS),
    level: NullableNumber({ description: "The layer's own level; a cluster's worst" }),
    colour: NullableString(),
    // A record
    id: Type.Optional(Uuid),
    name: Type.Optional(Type.String()),
    detail: Type.Optional(Type.String()),
    flag: Type.Optional(Type.Boolean({ description: "A major hidden danger, an unacknowledged alarm" })),
    score: Type.Optional(Type.Number()),
    // A cluster
    cluster: Type.Optional(Type.Literal(true)),
    count: Type.Optional(Type.Integer()),
    byLevel: Type.Optional(Type.Array(Type.Integer(), { description: "Records of level 1, 2, 3 and 4" })),
    flagged: Type.Optional(Type.Integer()),
  }),
});

export const LayerCollection = Type.Object({
  type: Type.Literal("FeatureCollection"),
  features: Type.Array(MapFeature),
  clustered: Type.Boolean({ description: "The features are grid clusters rather than individual records" }),
  capped: Type.Boolean({ description: "More was in view than the answer carries" }),
  total: Type.Integer({ description: "How many records the features stand for" }),
});

export const MapFeatures = Type.Object({
  bbox: Type.Object({ minLng: Type.Number(), minLat: Type.Number(), maxLng: Type.Number(), maxLat: Type.Number() }),
  zoom: Type.Number(),
  capped: Type.Boolean(),
  layers: Type.Object(
    {
      enterprises: Type.Optional(LayerCollection),
      riskPoints: Type.Optional(LayerCollection),
      majorHazards: Type.Optional(LayerCollection),
      alarms: Type.Optional(LayerCollection),
      hiddenDangers: Type.Optional(LayerCollection),
    },
    { description: "The layers asked for (all by default)" },
  ),
});

export const FeatureParams = Type.Object({ layer: OneOf(MAP_LAYERS), id: Uuid });

export const FeatureCard = Type.Object({
  layer: OneOf(MAP_LAYERS),
  id: Uuid,
  name: Type.String(),
  level: NullableNumber(),
  explanation: NullableString({ description: "Why the record has its level, where the platform knows" }),
  score: NullableNumber(),
  facts: Type.Array(
    Type.Object({
      key: Type.String({ description: "A label key the web app translates" }),
      value: Type.Unsafe<string | number | null>({
        type: ["string", "number", "null"],
        description: "Already in the caller's language",
      }),
    }),
  ),
  link: Type.String({ description: "The record's own page in the web app" }),
});

export const TerritoriesQuery = Type.Object({ parentId: Type.Optional(Uuid) }, { additionalProperties: false });

export const TerritoryBoundaries = Type.Object({
  type: Type.Literal("FeatureCollection"),
  features: Type.Array(
    Type.Object({
      type: Type.Literal("Feature"),
      id: Uuid,
      geometry: Type.Object({ type: Type.Literal("Polygon"), coordinates: Type.Array(Type.Array(Position)) }),
      properties: Type.Object({
        id: Uuid,
        code: Type.String(),
        name: Type.String(),
        kind: Type.String(),
        level: RiskLevel,
        colour: Type.String(),
        score: Type.Number(),
        explanation: Type.String(),
        enterprises: Type.Integer(),
        bbox: Type.Tuple([NullableNumber(), NullableNumber(), NullableNumber(), NullableNumber()]),
      }),
    }),
  ),
});
