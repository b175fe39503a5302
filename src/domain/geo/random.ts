import { bboxOf, type Polygon, type Position, pointInPolygon } from "./polygon";

/** Deterministic PRNG (mulberry32): the same seed always gives the same sequence of numbers in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const maxAttempts = 10_000;

/** A uniformly distributed point inside the polygon, by rejection sampling in its bounding box. */
export function randomPointInPolygon(polygon: Polygon, random: () => number): Position {
  const { minLng, minLat, maxLng, maxLat } = bboxOf(polygon);
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const point: Position = [minLng + random() * (maxLng - minLng), minLat + random() * (maxLat - minLat)];
    if (pointInPolygon(point, polygon)) return point;
  }
  throw new RangeError(`no point found inside the polygon after ${maxAttempts} attempts: is it degenerate?`);
}
