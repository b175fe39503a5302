import { describe, expect, it } from "vitest";
import { bboxOf, polygonToSvg } from "./boundary";

const square = {
  type: "Polygon" as const,
  coordinates: [
    [
      [118, 32],
      [119, 32],
      [119, 33],
      [118, 33],
      [118, 32],
    ] as [number, number][],
  ],
};

describe("polygonToSvg", () => {
  it("puts north at the top: the northern edge has the smaller y", () => {
    const { paths } = polygonToSvg(square, 100, 0);
    const points = paths[0]
      .replace(/[MZ]/g, "")
      .split("L")
      .map((p) => p.split(",").map(Number));
    // [118, 33] (north-west corner) is the fourth point.
    expect(points[3][1]).toBe(0);
    expect(points[0][1]).toBeCloseTo(100);
  });

  it("narrows a degree of longitude by cos(latitude)", () => {
    const { width, height } = polygonToSvg(square, 100, 0);
    expect(width / height).toBeCloseTo(Math.cos((32.5 * Math.PI) / 180), 3);
  });

  it("finds the bounding box of the rings", () => {
    expect(bboxOf(square)).toEqual({ minLng: 118, minLat: 32, maxLng: 119, maxLat: 33 });
  });
});
