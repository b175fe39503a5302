import { describe, expect, it } from "vitest";
import { type Polygon, pointInPolygon } from "./polygon";
import { createRandom, randomPointInPolygon } from "./random";

const triangle: Polygon = {
  type: "Polygon",
  coordinates: [
    [
      [118.7, 32.0],
      [118.9, 32.0],
      [118.8, 32.1],
      [118.7, 32.0],
    ],
  ],
};

describe("createRandom", () => {
  it("repeats the same sequence for the same seed", () => {
    const a = createRandom(42);
    const b = createRandom(42);
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
  });

  it("gives a different sequence for a different seed", () => {
    expect(createRandom(1)()).not.toBe(createRandom(2)());
  });

  it("stays in [0, 1) and spreads evenly", () => {
    const random = createRandom(7);
    const buckets = new Array(10).fill(0);
    let outOfRange = 0;
    for (let i = 0; i < 100_000; i++) {
      const value = random();
      if (value < 0 || value >= 1) outOfRange++;
      else buckets[Math.floor(value * 10)]++;
    }
    expect(outOfRange).toBe(0);
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});

describe("randomPointInPolygon", () => {
  it("always lands inside the polygon", () => {
    const random = createRandom(2026);
    for (let i = 0; i < 1_000; i++) expect(pointInPolygon(randomPointInPolygon(triangle, random), triangle)).toBe(true);
  });

  it("is deterministic for a seed", () => {
    expect(randomPointInPolygon(triangle, createRandom(9))).toEqual(randomPointInPolygon(triangle, createRandom(9)));
  });

  it("gives up on a polygon without area", () => {
    const line: Polygon = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    };
    expect(() => randomPointInPolygon(line, createRandom(1))).toThrow(RangeError);
  });
});
