import { describe, expect, it } from "vitest";
import {
  DEFAULT_FREQUENCY,
  type FrequencyOverride,
  frequencyConfigFor,
  frequencyFor,
  validateFrequency,
  validateFrequencyOverrides,
} from "./inspection-frequency";

const city = "/990100/";
const district = "/990100/990102/";
const town = "/990100/990102/001/";

function override(scope: Omit<FrequencyOverride, "frequency">, redTimes: number): FrequencyOverride {
  return { ...scope, frequency: { 1: { timesPerYear: redTimes } } };
}

describe("DEFAULT_FREQUENCY", () => {
  it("inspects red monthly, orange quarterly, yellow twice a year and blue yearly", () => {
    expect([1, 2, 3, 4].map((level) => DEFAULT_FREQUENCY[level as 1 | 2 | 3 | 4].timesPerYear)).toEqual([12, 4, 2, 1]);
  });

  it("is sound", () => {
    expect(validateFrequency(DEFAULT_FREQUENCY)).toEqual([]);
  });
});

describe("frequencyFor", () => {
  const overrides = [
    override({ territoryPath: city }, 20),
    override({ department: "housing" }, 24),
    override({ department: "housing", territoryPath: district }, 36),
  ];

  it("falls back to the default without a matching override", () => {
    expect(frequencyFor(1, { department: "transport", territoryPath: "/990200/" }, overrides)).toEqual({
      timesPerYear: 12,
      source: "default",
    });
  });

  it("takes a territory's own frequency for every node below it", () => {
    expect(frequencyFor(1, { department: "transport", territoryPath: town }, overrides)).toMatchObject({
      timesPerYear: 20,
      source: "territory",
    });
  });

  it("prefers the department's frequency to the territory's", () => {
    expect(frequencyFor(1, { department: "housing", territoryPath: "/990100/990101/" }, overrides)).toMatchObject({
      timesPerYear: 24,
      source: "department",
    });
  });

  it("prefers the department's frequency in a territory to everything else", () => {
    const resolved = frequencyFor(1, { department: "housing", territoryPath: town }, overrides);
    expect(resolved).toEqual({ timesPerYear: 36, source: "department+territory", override: overrides[2] });
  });

  it("prefers the deeper of two territory overrides, whatever their order", () => {
    const nested = [override({ territoryPath: district }, 30), override({ territoryPath: city }, 20)];
    expect(frequencyFor(1, { territoryPath: town }, nested).timesPerYear).toBe(30);
  });

  it("does not let a territory override reach a sibling whose code starts the same", () => {
    expect(
      frequencyFor(1, { territoryPath: "/990100/9901021/" }, [override({ territoryPath: district }, 30)]),
    ).toMatchObject({ source: "default" });
  });

  it("lets a level the override leaves out fall through to the next configuration", () => {
    expect(frequencyFor(2, { department: "housing", territoryPath: town }, overrides)).toEqual({
      timesPerYear: 4,
      source: "default",
    });
  });

  it("builds the whole configuration in force for a scope", () => {
    const withOrange = [...overrides, { territoryPath: city, frequency: { 2: { timesPerYear: 6 } } }];
    expect(frequencyConfigFor({ department: "housing", territoryPath: town }, withOrange)).toEqual({
      1: { timesPerYear: 36 },
      2: { timesPerYear: 6 },
      3: { timesPerYear: 2 },
      4: { timesPerYear: 1 },
    });
  });

  it("uses a configured default instead of the shipped one", () => {
    const defaults = { ...DEFAULT_FREQUENCY, 4: { timesPerYear: 0 } };
    expect(frequencyFor(4, {}, [], defaults).timesPerYear).toBe(0);
  });
});

describe("validateFrequency and validateFrequencyOverrides", () => {
  it("rejects a fractional or negative frequency", () => {
    const config = { ...DEFAULT_FREQUENCY, 2: { timesPerYear: 2.5 }, 4: { timesPerYear: -1 } };
    expect(validateFrequency(config).map((problem) => problem.field)).toEqual(["2.timesPerYear", "4.timesPerYear"]);
  });

  it("rejects an override with neither department nor territory", () => {
    expect(validateFrequencyOverrides([{ frequency: {} }])).toEqual([
      { field: "[0]", found: { frequency: {} }, reason: "no_department_nor_territory" },
    ]);
  });

  it("rejects the same scope twice and a path that is not a territory path", () => {
    const problems = validateFrequencyOverrides([
      override({ department: "housing" }, 12),
      override({ department: "housing" }, 24),
      override({ territoryPath: "990100" }, 12),
    ]);
    expect(problems.map((problem) => [problem.field, problem.reason])).toEqual([
      ["[1]", "duplicate_scope"],
      ["[2].territoryPath", "not_a_territory_path"],
    ]);
  });

  it("rejects an unknown level and a bad number in an override", () => {
    const problems = validateFrequencyOverrides([
      { department: "housing", frequency: { 5: { timesPerYear: 1 }, 3: { timesPerYear: 400 } } as never },
    ]);
    expect(problems.map((problem) => problem.reason)).toEqual(["not_a_whole_number_0_to_366", "not_a_level"]);
  });
});
