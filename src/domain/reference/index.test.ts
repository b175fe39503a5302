import { describe, expect, it } from "vitest";
import { referenceSets } from "./index";

describe("referenceSets", () => {
  it("holds one set of each kind, each with a version and items", () => {
    expect(referenceSets.map((set) => set.kind)).toEqual([
      "accident_type",
      "hazard_factor",
      "industry",
      "risk_level",
      "control_level",
    ]);
    for (const set of referenceSets) {
      expect(set.version).not.toBe("");
      expect(set.items.length).toBeGreaterThan(0);
    }
  });

  it("has unique codes and existing parents inside every set", () => {
    for (const set of referenceSets) {
      const codes = new Set(set.items.map((item) => item.code));
      expect(codes.size).toBe(set.items.length);
      for (const item of set.items) if (item.parentCode !== null) expect(codes.has(item.parentCode)).toBe(true);
    }
  });
});
