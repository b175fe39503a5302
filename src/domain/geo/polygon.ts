// Planar geometry on GeoJSON-style polygons (RFC 7946), in lng/lat degrees: good enough at city scale.

/** [longitude, latitude] in degrees, RFC 7946 order. */
export type Position = [number, number];

/** RFC 7946 §3.1.6: the first ring is the outer boundary, any further rings are holes; each ring is closed. */
export type Polygon = { type: "Polygon"; coordinates: Position[][] };

export type BoundingBox = { minLng: number; minLat: number; maxLng: number; maxLat: number };

/** Shoelace area of a closed ring in square degrees; positive when the ring runs counter-clockwise. */
export function ringSignedArea(ring: Position[]): number {
  let twiceArea = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[i + 1];
    twiceArea += x1 * y2 - x2 * y1;
  }
  return twiceArea / 2;
}

/** Even-odd ray casting over all rings, so a point inside a hole is outside; points exactly on an edge may go either way. */
export function pointInPolygon(point: Position, polygon: Polygon): boolean {
  const [x, y] = point;
  let inside = false;
  for (const ring of polygon.coordinates) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Smallest lng/lat box around the outer ring. */
export function bboxOf(polygon: Polygon): BoundingBox {
  let minLng = Number.POSITIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLng = Number.NEGATIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (const [lng, lat] of polygon.coordinates[0]) {
    if (lng < minLng) minLng = lng;
    if (lng > maxLng) maxLng = lng;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  }
  return { minLng, minLat, maxLng, maxLat };
}

/** Area-weighted centroid (holes subtracted); may fall outside a strongly concave polygon. */
export function centroidOf(polygon: Polygon): Position {
  let area = 0;
  let sumX = 0;
  let sumY = 0;
  polygon.coordinates.forEach((ring, index) => {
    const signed = ringSignedArea(ring);
    // Outer ring adds, holes subtract, whatever way each ring happens to run.
    const sign = (index === 0 ? 1 : -1) * Math.sign(signed);
    for (let i = 0; i < ring.length - 1; i++) {
      const [x1, y1] = ring[i];
      const [x2, y2] = ring[i + 1];
      const cross = x1 * y2 - x2 * y1;
      sumX += sign * (x1 + x2) * cross;
      sumY += sign * (y1 + y2) * cross;
    }
    area += sign * signed;
  });
  if (area === 0) {
    // Degenerate polygon (a line or a point): fall back to the mean vertex of the outer ring.
    const ring = polygon.coordinates[0].slice(0, -1);
    const n = ring.length || 1;
    return [ring.reduce((s, [lng]) => s + lng, 0) / n, ring.reduce((s, [, lat]) => s + lat, 0) / n];
  }
  return [sumX / (6 * area), sumY / (6 * area)];
}
