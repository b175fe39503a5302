import { describe, expect, it } from "vitest";
import { bboxOf, centroidOf, type Polygon, type Position, pointInPolygon, ringSignedArea } from "./polygon";

function rectangle(minLng: number, minLat: number, maxLng: number, maxLat: number): Position[] {
  return [
    [minLng, minLat],
    [maxLng, minLat],
    [maxLng, maxLat],
    [minLng, maxLat],
    [minLng, minLat],
  ];
}

const square: Polygon = { type: "Polygon", coordinates: [rectangle(0, 0, 10, 10)] };
const squareWithHole: Polygon = {
  type: "Polygon",
  coordinates: [rectangle(0, 0, 10, 10), rectangle(2, 2, 4, 4).reverse()],
};
// An L shape: the 10 × 10 square without its top-right 5 × 5 quarter.
const lShape: Polygon = {
  type: "Polygon",
  coordinates: [
    [
      [0, 0],
      [10, 0],
      [10, 5],
      [5, 5],
      [5, 10],
      [0, 10],
      [0, 0],
    ],
  ],
};

describe("pointInPolygon", () => {
  it("finds a point inside a square and rejects one outside", () => {
    expect(pointInPolygon([5, 5], square)).toBe(true);
    expect(pointInPolygon([11, 5], square)).toBe(false);
    expect(pointInPolygon([-0.1, 5], square)).toBe(false);
  });

  it("treats a point in a hole as outside", () => {
    expect(pointInPolygon([3, 3], squareWithHole)).toBe(false);
    expect(pointInPolygon([6, 6], squareWithHole)).toBe(true);
  });

  it("rejects a point in the notch of a concave polygon", () => {
    expect(pointInPolygon([7, 7], lShape)).toBe(false);
    expect(pointInPolygon([2, 8], lShape)).toBe(true);
  });
});

describe("bboxOf", () => {
  it("spans the outer ring", () => {
    expect(bboxOf(lShape)).toEqual({ minLng: 0, minLat: 0, maxLng: 10, maxLat: 10 });
  });
});

describe("centroidOf", () => {
  it("puts the centroid of a square at its centre", () => {
    expect(centroidOf(square)).toEqual([5, 5]);
  });

  it("weights an L shape by area", () => {
    // Three 5 × 5 squares centred at (2.5, 2.5), (7.5, 2.5) and (2.5, 7.5).
    const [lng, lat] = centroidOf(lShape);
    expect(lng).toBeCloseTo(12.5 / 3);
    expect(lat).toBeCloseTo(12.5 / 3);
  });

  it("does not depend on which way the ring runs", () => {
    const clockwise: Polygon = { type: "Polygon", coordinates: [[...lShape.coordinates[0]].reverse()] };
    expect(centroidOf(clockwise)[0]).toBeCloseTo(centroidOf(lShape)[0]);
  });

  it("moves away from a hole", () => {
    const [lng, lat] = centroidOf(squareWithHole);
    // 100 × (5, 5) − 4 × (3, 3), over an area of 96.
    expect(lng).toBeCloseTo((500 - 12) / 96);
    expect(lat).toBeCloseTo((500 - 12) / 96);
  });
});

describe("ringSignedArea", () => {
  it("is positive for a counter-clockwise ring and negative for a clockwise one", () => {
    expect(ringSignedArea(rectangle(0, 0, 2, 3))).toBe(6);
    expect(ringSignedArea(rectangle(0, 0, 2, 3).reverse())).toBe(-6);
  });
});
