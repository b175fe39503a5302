import { describe, expect, it } from "vitest";
import { alphaFor } from "./alpha";

describe("alphaFor", () => {
  it.each([
    [0, 0.5],
    [1, 1.0],
    [29, 1.0],
    [30, 1.2],
    [49, 1.2],
    [50, 1.5],
    [99, 1.5],
    [100, 2.0],
    [12_000, 2.0],
  ])("gives α for %i people within 500 m as %d", (people, alpha) => {
    expect(alphaFor(people)).toBe(alpha);
  });

  it.each([-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])("refuses %s people: not a head count", (people) => {
    expect(() => alphaFor(people)).toThrow(RangeError);
  });
});
