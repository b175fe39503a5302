import { describe, expect, it } from "vitest";
import { onTimeRate, periodBounds, rectificationRate } from "./statistics";

describe("hidden-danger rates", () => {
  it("counts the rectification rate over the dangers not dismissed, to four decimals", () => {
    expect(rectificationRate({ found: 5, dismissed: 1, rectified: 1 })).toBe(0.25);
    expect(rectificationRate({ found: 4, dismissed: 1, rectified: 2 })).toBe(0.6667);
  });

  it("gives no rate when nothing is left to rectify or nothing was closed", () => {
    expect(rectificationRate({ found: 2, dismissed: 2, rectified: 0 })).toBeNull();
    expect(onTimeRate({ rectified: 0, onTime: 0 })).toBeNull();
    expect(onTimeRate({ rectified: 4, onTime: 3 })).toBe(0.75);
  });
});

describe("periods", () => {
  it("reads a year and a quarter in China Standard Time", () => {
    expect(periodBounds("2026")).toEqual({
      from: new Date("2025-12-31T16:00:00Z"),
      to: new Date("2026-12-31T16:00:00Z"),
    });
    expect(periodBounds("2026-Q2")).toEqual({
      from: new Date("2026-03-31T16:00:00Z"),
      to: new Date("2026-06-30T16:00:00Z"),
    });
    expect(periodBounds("2026-Q5")).toBeNull();
  });
});
