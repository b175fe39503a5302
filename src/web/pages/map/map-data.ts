import { MAP_LAYERS, type MapLayer } from "../../../domain/geo/map-layers";
import { type RiskLevel, riskLevelOf } from "../../../domain/reference/risk-levels";
import type { Answer } from "../../api/contract";

// The shapes the map API answers with, and the pure steps from them to what the page draws and lists.

export { MAP_LAYERS, type MapLayer } from "../../../domain/geo/map-layers";

export type Position = [number, number];

export type MapFeatureProperties = {
  layer: MapLayer;
  level: number | null;
  colour: string | null;
  cluster?: boolean;
  count?: number;
  byLevel?: number[];
  flagged?: number | boolean;
  id?: string;
  name?: string;
  detail?: string;
  flag?: boolean;
  score?: number;
};

export type MapFeature = {
  type: "Feature";
  id: string;
  geometry: { type: "Point"; coordinates: Position };
  properties: MapFeatureProperties;
};

export type LayerCollection = {
  type: "FeatureCollection";
  features: MapFeature[];
  clustered: boolean;
  capped: boolean;
  total: number;
};

export type FeaturesResponse = {
  capped: boolean;
  layers: Partial<Record<MapLayer, LayerCollection>>;
};

export type TerritoryFeature = {
  type: "Feature";
  id: string;
  geometry: { type: "Polygon"; coordinates: Position[][] };
  properties: {
    id: string;
    name: string;
    level: RiskLevel;
    colour: string;
    score: number;
    explanation: string;
    enterprises: number;
    bbox: [number | null, number | null, number | null, number | null];
  };
};

export type TerritoriesResponse = { type: "FeatureCollection"; features: TerritoryFeature[] };

export type FeatureCard = Answer<"/api/v1/map/features/{layer}/{id}">;

/** Grey for unrated enterprises and unassessed points, as on the register's map. */
export const UNRATED_HEX = "#8c8c8c";
/** Hidden dangers are not a risk level: their own colour, so they never read as a fifth risk colour. */
export const HIDDEN_DANGER_HEX = "#722ed1";

export function levelHex(level: number | null | undefined): string {
  return level === null || level === undefined ? UNRATED_HEX : riskLevelOf(level as RiskLevel).hex;
}

/** The features of every layer with the drawing attributes MapLibre reads (`hex`, `radius`, `sortKey`). */
export function drawableLayer(collection: LayerCollection | undefined) {
  const features = (collection?.features ?? []).map((feature) => {
    const count = feature.properties.count ?? 1;
    return {
      ...feature,
      properties: {
        ...feature.properties,
        hex: levelHex(feature.properties.level),
        // A cluster grows with the logarithm of its count so a city of 100,000 stays readable.
        radius: feature.properties.cluster ? Math.min(28, 8 + 4 * Math.log10(count + 1) * 2) : 7,
        weight: count,
        // Severe ones drawn last, on top.
        sortKey: 5 - (feature.properties.level ?? 5),
        cluster: feature.properties.cluster === true,
      },
    };
  });
  return { type: "FeatureCollection" as const, features };
}

export type ListRow = {
  layer: MapLayer;
  id: string;
  name: string;
  detail: string;
  level: number | null;
  flag: boolean;
  position: Position;
};

/** The individual (not clustered) features of the shown layers, worst level first, for the list beside the map. */
export function listRows(response: FeaturesResponse | undefined, shown: readonly MapLayer[]): ListRow[] {
  if (!response) return [];
  const rows: ListRow[] = [];
  for (const layer of shown) {
    const collection = response.layers[layer];
    if (!collection || collection.clustered) continue;
    for (const feature of collection.features) {
      rows.push({
        layer,
        id: feature.properties.id ?? feature.id,
        name: feature.properties.name ?? "",
        detail: feature.properties.detail ?? "",
        level: feature.properties.level,
        flag: feature.properties.flag === true,
        position: feature.geometry.coordinates,
      });
    }
  }
  return rows.sort(
    (a, b) => (a.level ?? 9) - (b.level ?? 9) || MAP_LAYERS.indexOf(a.layer) - MAP_LAYERS.indexOf(b.layer),
  );
}

/** How many features and clusters the map draws. */
export function drawnCounts(response: FeaturesResponse | undefined, shown: readonly MapLayer[]) {
  let features = 0;
  let clusters = 0;
  for (const layer of shown) {
    for (const feature of response?.layers[layer]?.features ?? []) {
      features++;
      if (feature.properties.cluster) clusters++;
    }
  }
  return { features, clusters };
}

/** The layers shown as clusters (the list cannot show them one by one). */
export function clusteredLayers(response: FeaturesResponse | undefined, shown: readonly MapLayer[]): MapLayer[] {
  return shown.filter((layer) => response?.layers[layer]?.clustered);
}

/** The bounding box of territory features, for the first view. */
export function territoryBounds(features: readonly TerritoryFeature[]): [Position, Position] | null {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (const feature of features) {
    for (const ring of feature.geometry.coordinates) {
      for (const [lng, lat] of ring) {
        minLng = Math.min(minLng, lng);
        minLat = Math.min(minLat, lat);
        maxLng = Math.max(maxLng, lng);
        maxLat = Math.max(maxLat, lat);
      }
    }
  }
  return Number.isFinite(minLng)
    ? [
        [minLng, minLat],
        [maxLng, maxLat],
      ]
    : null;
}
