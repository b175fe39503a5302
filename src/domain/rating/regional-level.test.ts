import { describe, expect, it } from "vitest";
import type { RiskLevel } from "../reference/risk-levels";
import {
  DEFAULT_REGIONAL,
  type RegionalConfig,
  type RegionalInput,
  regionalLevel,
  validateRegionalConfig,
} from "./regional-level";

const noAlarms = { red: 0, orange: 0, yellow: 0, blue: 0 };

function region(overrides: Partial<RegionalInput> = {}): RegionalInput {
  return {
    enterpriseLevels: [],
    publicRiskPointLevels: [],
    majorHazardLevels: [],
    activeAlarms: noAlarms,
    ...overrides,
  };
}

/** So many red, orange, yellow and blue units, in that order. */
function levels(red: number, orange: number, yellow: number, blue: number): RiskLevel[] {
  return [
    ...Array<RiskLevel>(red).fill(1),
    ...Array<RiskLevel>(orange).fill(2),
    ...Array<RiskLevel>(yellow).fill(3),
    ...Array<RiskLevel>(blue).fill(4),
  ];
}

describe("regionalLevel", () => {
  it("gives a region whose enterprises are all at one level that level", () => {
    const levelOf = (all: RiskLevel[]) => regionalLevel(region({ enterpriseLevels: all })).level;
    expect([levelOf(levels(5, 0, 0, 0)), levelOf(levels(0, 5, 0, 0)), levelOf(levels(0, 0, 5, 0))]).toEqual([1, 2, 3]);
    expect(levelOf(levels(0, 0, 0, 5))).toBe(4);
  });

  it("scores the mean value of the enterprises' levels: 100 red, 40 orange, 15 yellow, 0 blue", () => {
    // (2·100 + 10·40 + 30·15 + 58·0) / 100 = 10.5: a typical city is yellow.
    const result = regionalLevel(region({ enterpriseLevels: levels(2, 10, 30, 58) }));
    expect(result).toMatchObject({ score: 10.5, level: 3, colour: "yellow", scoreLevel: 3, raisedBy: [] });
  });

  it("places the index on the thresholds: red from 45, orange from 25, yellow from 10", () => {
    const levelFor = (red: number, blue: number) =>
      regionalLevel(region({ enterpriseLevels: levels(red, 0, 0, blue) }));
    expect(
      [levelFor(45, 55), levelFor(44, 56), levelFor(25, 75), levelFor(24, 76), levelFor(10, 90), levelFor(9, 91)].map(
        (result) => [result.score, result.level],
      ),
    ).toEqual([
      [45, 1],
      [44, 2],
      [25, 2],
      [24, 3],
      [10, 3],
      [9, 4],
    ]);
  });

  it("weighs enterprises 0.7 and public-area risk points 0.3", () => {
    const result = regionalLevel(
      region({ enterpriseLevels: levels(0, 0, 0, 10), publicRiskPointLevels: levels(1, 0, 0, 1) }),
    );
    // 0.7 · 0 + 0.3 · 50 = 15.
    expect(result).toMatchObject({ score: 15, level: 3 });
  });

  it("uses public-area risk points alone where there are no enterprises", () => {
    expect(regionalLevel(region({ publicRiskPointLevels: levels(0, 1, 0, 0) }))).toMatchObject({ score: 40, level: 2 });
  });

  it("is blue with index 0 for an empty region and says so", () => {
    const result = regionalLevel(region());
    expect(result).toMatchObject({ score: 0, level: 4, colour: "blue" });
    expect(result.explanationEn).toBe("blue (index 0.0): no enterprises or public risk points");
    expect(result.explanationZh).toBe("蓝色（指数 0.0）：无企业和公共区域风险点");
  });

  it("raises a region with a level-1 major hazard source to at least orange", () => {
    const result = regionalLevel(region({ enterpriseLevels: levels(0, 0, 0, 10), majorHazardLevels: [1, 3] }));
    expect(result).toMatchObject({ score: 0, scoreLevel: 4, level: 2, colour: "orange" });
    expect(result.raisedBy).toEqual([{ rule: "level1MajorHazardSource", count: 1, toLevel: 2 }]);
    expect(result.explanationEn).toBe(
      "orange (index 0.0): 10 enterprises (0 red, 0 orange, 0 yellow, 10 blue); " +
        "raised to at least orange by a level-1 major hazard source",
    );
  });

  it("raises a region with a level-2 major hazard source to at least yellow", () => {
    expect(regionalLevel(region({ majorHazardLevels: [2, 2] })).level).toBe(3);
  });

  it("makes a region red while a red alarm is active, and lets it fall back once cleared", () => {
    const calm = region({ enterpriseLevels: levels(0, 0, 1, 9) });
    const alarmed = regionalLevel({ ...calm, activeAlarms: { ...noAlarms, red: 2 } });
    expect(alarmed).toMatchObject({ level: 1, colour: "red", scoreLevel: 4 });
    expect(alarmed.explanationZh).toBe(
      "红色（指数 1.5）：企业 10（红 0、橙 0、黄 1、蓝 9）；2 条红色报警未解除，至少红色（报警解除后恢复）",
    );
    expect(regionalLevel(calm).level).toBe(4);
  });

  it("raises to at least yellow for an active orange alarm", () => {
    expect(regionalLevel(region({ activeAlarms: { ...noAlarms, orange: 1 } })).level).toBe(3);
  });

  it("mentions only the rules that made the level more severe", () => {
    const result = regionalLevel(
      region({
        enterpriseLevels: levels(1, 0, 0, 0),
        majorHazardLevels: [1],
        activeAlarms: { ...noAlarms, orange: 1 },
      }),
    );
    expect(result).toMatchObject({ level: 1, raisedBy: [] });
  });

  it("lists the raises most severe first", () => {
    const result = regionalLevel(
      region({ majorHazardLevels: [1, 2], activeAlarms: { red: 1, orange: 1, yellow: 0, blue: 0 } }),
    );
    expect(result.raisedBy.map((raise) => [raise.rule, raise.toLevel])).toEqual([
      ["activeRedAlarm", 1],
      ["level1MajorHazardSource", 2],
      ["level2MajorHazardSource", 3],
      ["activeOrangeAlarm", 3],
    ]);
  });

  it("turns a raise rule off when it is configured null", () => {
    const config: RegionalConfig = {
      ...DEFAULT_REGIONAL,
      raiseTo: { ...DEFAULT_REGIONAL.raiseTo, activeRedAlarm: null },
    };
    expect(regionalLevel(region({ activeAlarms: { ...noAlarms, red: 1 } }), config).level).toBe(4);
  });

  it("carries the configuration version", () => {
    expect(regionalLevel(region()).configVersion).toBe("default-2026");
  });
});

describe("validateRegionalConfig", () => {
  it("ships a sound default", () => {
    expect(validateRegionalConfig(DEFAULT_REGIONAL)).toEqual([]);
  });

  it("rejects thresholds that do not decrease", () => {
    const config = { ...DEFAULT_REGIONAL, thresholds: { 1: 25, 2: 25, 3: 10 } };
    expect(validateRegionalConfig(config)).toEqual([{ field: "thresholds.2", found: 25, reason: "not_decreasing" }]);
  });

  it("rejects a level value outside its own band, which would give an all-orange region another colour", () => {
    const config = { ...DEFAULT_REGIONAL, levelValues: { 1: 100, 2: 50, 3: 15, 4: 0 } };
    expect(validateRegionalConfig(config)).toEqual([
      { field: "levelValues.2", found: 50, reason: "outside_its_own_band" },
    ]);
  });

  it("rejects weights that sum to zero and unknown raise levels", () => {
    const config = {
      ...DEFAULT_REGIONAL,
      enterpriseWeight: 0,
      publicRiskPointWeight: 0,
      raiseTo: { ...DEFAULT_REGIONAL.raiseTo, activeOrangeAlarm: 5 as RiskLevel },
    };
    expect(validateRegionalConfig(config).map((problem) => problem.reason)).toEqual([
      "weights_sum_to_zero",
      "not_a_level_or_null",
    ]);
  });

  it("makes regionalLevel refuse an unsound configuration", () => {
    expect(() => regionalLevel(region(), { ...DEFAULT_REGIONAL, version: "" })).toThrow(RangeError);
  });
});
