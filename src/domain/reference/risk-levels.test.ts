import { describe, expect, it } from "vitest";
import { controlLevels, defaultControlLevelByRiskLevel, riskLevelOf, riskLevels } from "./risk-levels";

function relativeLuminance(hex: string): number {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (lighter + 0.05) / (darker + 0.05);
}

describe("riskLevels", () => {
  it("grades 1 red major risk down to 4 blue low risk", () => {
    expect(riskLevels.map((level) => [level.level, level.colour, level.nameZh])).toEqual([
      [1, "red", "重大风险"],
      [2, "orange", "较大风险"],
      [3, "yellow", "一般风险"],
      [4, "blue", "低风险"],
    ]);
  });

  it("looks a level up by its number", () => {
    expect(riskLevelOf(3).colour).toBe("yellow");
  });

  it("keeps the notice-card text legible on every fill (WCAG contrast at least 4.5)", () => {
    for (const level of riskLevels) expect(contrast(level.hex, level.textHex)).toBeGreaterThanOrEqual(4.5);
  });
});

describe("controlLevels", () => {
  it("runs from company level down to post level", () => {
    expect(controlLevels.map((level) => level.nameZh)).toEqual(["公司级", "部门级", "车间级", "班组级", "岗位级"]);
  });

  it("maps red and orange to the company, yellow to the workshop and blue to the team by default", () => {
    expect(defaultControlLevelByRiskLevel).toEqual({ 1: "company", 2: "company", 3: "workshop", 4: "team" });
  });
});
