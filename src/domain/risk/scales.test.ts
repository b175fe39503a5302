import { describe, expect, it } from "vitest";
import { ASSESSMENT_METHODS, METHOD_FACTORS, SCALES, scaleValues } from "./scales";

describe("SCALES", () => {
  it("lists the LEC values of Graham–Kinney", () => {
    expect(scaleValues("LEC", "l")).toEqual([10, 6, 3, 1, 0.5, 0.2, 0.1]);
    expect(scaleValues("LEC", "e")).toEqual([10, 6, 3, 2, 1, 0.5]);
    expect(scaleValues("LEC", "c")).toEqual([100, 40, 15, 7, 3, 1]);
  });

  it("lists LS likelihood and severity from 5 down to 1", () => {
    expect(scaleValues("LS", "l")).toEqual([5, 4, 3, 2, 1]);
    expect(scaleValues("LS", "s")).toEqual([5, 4, 3, 2, 1]);
  });

  it("lists the MES values, reusing the LEC exposure scale", () => {
    expect(scaleValues("MES", "m")).toEqual([5, 3, 1]);
    expect(scaleValues("MES", "e")).toEqual(scaleValues("LEC", "e"));
    expect(scaleValues("MES", "s")).toEqual([10, 8, 4, 2, 1]);
  });

  it("has a scale for exactly the factors each method multiplies", () => {
    for (const method of ASSESSMENT_METHODS) {
      expect(Object.keys(SCALES[method]).sort()).toEqual([...METHOD_FACTORS[method]].sort());
    }
  });

  it("gives every value a Chinese and an English meaning for the UI", () => {
    for (const method of ASSESSMENT_METHODS) {
      for (const scale of Object.values(SCALES[method])) {
        for (const entry of scale) {
          expect(entry.meaningZh.length).toBeGreaterThan(0);
          expect(entry.meaningEn.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it("has no unknown factor", () => {
    expect(scaleValues("LS", "c")).toEqual([]);
  });
});
