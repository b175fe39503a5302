import type { Bbox, GeoPolygon, Position } from "../api/types";

export type SvgOutline = {
  viewBox: string;
  paths: string[];
  width: number;
  height: number;
  /** Where a point (an enterprise's location, say) falls in the drawing. */
  project: (position: Position) => { x: number; y: number };
};

/** The bounding box of a polygon's rings. */
export function bboxOf(polygon: GeoPolygon): Bbox {
  const all = polygon.coordinates.flat();
  return {
    minLng: Math.min(...all.map((p) => p[0])),
    minLat: Math.min(...all.map((p) => p[1])),
    maxLng: Math.max(...all.map((p) => p[0])),
    maxLat: Math.max(...all.map((p) => p[1])),
  };
}

/**
 * Projects a GeoJSON polygon into SVG path strings, north up. Longitude is scaled by cos(latitude) so a territory
 * keeps its shape (an equirectangular projection; fine for a city-sized outline, no map library needed).
 */
export function polygonToSvg(polygon: GeoPolygon, size = 320, padding = 8): SvgOutline {
  const box = bboxOf(polygon);
  const midLat = ((box.minLat + box.maxLat) / 2) * (Math.PI / 180);
  const spanX = Math.max((box.maxLng - box.minLng) * Math.cos(midLat), 1e-9);
  const spanY = Math.max(box.maxLat - box.minLat, 1e-9);
  const scale = (size - 2 * padding) / Math.max(spanX, spanY);
  const width = spanX * scale + 2 * padding;
  const height = spanY * scale + 2 * padding;
  const project = ([lng, lat]: Position) => ({
    x: padding + (lng - box.minLng) * Math.cos(midLat) * scale,
    y: padding + (box.maxLat - lat) * scale,
  });
  const point = (position: Position) => {
    const { x, y } = project(position);
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  };
  const paths = polygon.coordinates.map((ring) => `M${ring.map(point).join("L")}Z`);
  return { viewBox: `0 0 ${width.toFixed(1)} ${height.toFixed(1)}`, paths, width, height, project };
}
