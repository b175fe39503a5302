import { describe, expect, it } from "vitest";
import { hazardFactors } from "./hazard-factors";

describe("hazardFactors (GB/T 13861-2022)", () => {
  it("has the four categories human, material, environmental and management", () => {
    const categories = hazardFactors.filter((factor) => factor.parentCode === null);
    expect(categories.map((factor) => [factor.code, factor.nameZh])).toEqual([
      ["1", "人的因素"],
      ["2", "物的因素"],
      ["3", "环境因素"],
      ["4", "管理因素"],
    ]);
  });

  it("has exactly the major classes of each category", () => {
    const classesOf = (category: string) =>
      hazardFactors.filter((factor) => factor.parentCode === category).map((factor) => factor.code);
    expect(classesOf("1")).toEqual(["11", "12"]);
    expect(classesOf("2")).toEqual(["21", "22", "23"]);
    expect(classesOf("3")).toEqual(["31", "32", "33", "39"]);
    expect(classesOf("4")).toEqual(["41", "42", "43", "44", "46", "49"]);
  });

  it("codes each class with its category's digit first", () => {
    for (const factor of hazardFactors.filter((f) => f.parentCode !== null)) {
      expect(factor.code.startsWith(factor.parentCode as string)).toBe(true);
    }
  });
});
