import type { Feature, FeatureCollection, Point } from "geojson";
import type { GeoPolygon, Position, RiskPointSummary } from "../../api/types";
import { levelItem, NOT_ASSESSED_HEX } from "../../components/RiskLevel";

export type RiskPointFeatureProperties = {
  id: string;
  name: string;
  /** 0 when not assessed. */
  level: number;
  hex: string;
  /** Red is drawn last, so it stays on top where points overlap. */
  sortKey: number;
};

const hasLocation = (point: RiskPointSummary) => point.lng != null && point.lat != null;

/** The located risk points as GeoJSON circles, coloured by level. */
export function riskPointFeatures(
  points: readonly RiskPointSummary[],
): FeatureCollection<Point, RiskPointFeatureProperties> {
  const features = points.filter(hasLocation).map(
    (point): Feature<Point, RiskPointFeatureProperties> => ({
      type: "Feature",
      id: point.id,
      geometry: { type: "Point", coordinates: [point.lng!, point.lat!] },
      properties: {
        id: point.id,
        name: point.name,
        level: point.level ?? 0,
        hex: levelItem(point.level)?.hex ?? NOT_ASSESSED_HEX,
        sortKey: point.level ? 5 - point.level : 0,
      },
    }),
  );
  return { type: "FeatureCollection", features };
}

/** Points that cannot be drawn: listed under the map so none is forgotten. */
export function pointsWithoutLocation(points: readonly RiskPointSummary[]): RiskPointSummary[] {
  return points.filter((point) => !hasLocation(point));
}

export type LngLatBounds = [[number, number], [number, number]];

/**
 * The box to show: the boundary and every located point (and the extra positions, e.g. the enterprise's own), widened
 * to at least `minSpan` degrees so a single point is not shown at street-corner zoom. Null when there is nothing.
 */
export function mapBounds(
  points: readonly RiskPointSummary[],
  boundary: GeoPolygon | null | undefined,
  extra: readonly Position[] = [],
  minSpan = 0.004,
): LngLatBounds | null {
  const positions: Position[] = [
    ...(boundary?.coordinates.flat() ?? []),
    ...points.filter(hasLocation).map((p): Position => [p.lng!, p.lat!]),
    ...extra,
  ];
  if (positions.length === 0) return null;
  let west = Math.min(...positions.map((p) => p[0]));
  let east = Math.max(...positions.map((p) => p[0]));
  let south = Math.min(...positions.map((p) => p[1]));
  let north = Math.max(...positions.map((p) => p[1]));
  if (east - west < minSpan) {
    const middle = (east + west) / 2;
    west = middle - minSpan / 2;
    east = middle + minSpan / 2;
  }
  if (north - south < minSpan) {
    const middle = (north + south) / 2;
    south = middle - minSpan / 2;
    north = middle + minSpan / 2;
  }
  return [
    [west, south],
    [east, north],
  ];
}
