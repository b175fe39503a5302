import { describe, expect, it } from "vitest";
import { DEFAULT_BANDS, levelForScore, type RiskBands, validateBands } from "./bands";

function bands(overrides: Partial<RiskBands> = {}): RiskBands {
  return {
    method: "LS",
    version: "custom-1",
    thresholds: [
      { level: 1, minScore: 20 },
      { level: 2, minScore: 15 },
      { level: 3, minScore: 9 },
    ],
    ...overrides,
  };
}

describe("DEFAULT_BANDS", () => {
  it("grades LEC red from 320, orange from 160, yellow from 70, blue below", () => {
    const grade = (score: number) => levelForScore(score, DEFAULT_BANDS.LEC);
    expect([grade(320), grade(319.99), grade(160), grade(159.99), grade(70), grade(69.99)]).toEqual([1, 2, 2, 3, 3, 4]);
  });

  it("grades LS red from 20, orange from 15, yellow from 9, blue below", () => {
    const grade = (score: number) => levelForScore(score, DEFAULT_BANDS.LS);
    expect([grade(25), grade(20), grade(16), grade(15), grade(12), grade(9), grade(8), grade(1)]).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4,
    ]);
  });

  it("drops a score in the gap between MES bands to the lower band", () => {
    const grade = (score: number) => levelForScore(score, DEFAULT_BANDS.MES);
    // No product of M × E × S falls in 151–179, 81–89 or 49: the gaps between the default MES bands.
    expect([grade(180), grade(170), grade(150), grade(90), grade(85), grade(80), grade(50), grade(49)]).toEqual([
      1, 2, 2, 2, 3, 3, 3, 4,
    ]);
  });

  it("carries a version on every default so a grade can be traced", () => {
    for (const method of ["LS", "LEC", "MES"] as const) {
      expect(DEFAULT_BANDS[method]).toMatchObject({ method, version: "default-2026" });
    }
  });

  it("ships sound defaults", () => {
    for (const method of ["LS", "LEC", "MES"] as const) expect(validateBands(DEFAULT_BANDS[method])).toEqual([]);
  });
});

describe("validateBands", () => {
  it("accepts the alternative LS bands 20 / 9 / 4", () => {
    expect(
      validateBands(
        bands({
          thresholds: [
            { level: 1, minScore: 20 },
            { level: 2, minScore: 9 },
            { level: 3, minScore: 4 },
          ],
        }),
      ),
    ).toEqual([]);
  });

  it("rejects bands without a level-2 threshold", () => {
    const problems = validateBands(
      bands({
        thresholds: [
          { level: 1, minScore: 20 },
          { level: 3, minScore: 9 },
        ],
      }),
    );
    expect(problems).toEqual([{ field: "thresholds", found: 2, reason: "missing_level", allowed: [2] }]);
  });

  it("rejects a level given twice", () => {
    const problems = validateBands(
      bands({
        thresholds: [
          { level: 1, minScore: 20 },
          { level: 2, minScore: 15 },
          { level: 2, minScore: 12 },
          { level: 3, minScore: 9 },
        ],
      }),
    );
    expect(problems).toEqual([{ field: "thresholds[2].level", found: 2, reason: "duplicate_level" }]);
  });

  it("rejects a level-4 threshold: level 4 is what stays below level 3", () => {
    const problems = validateBands(
      bands({
        thresholds: [
          { level: 1, minScore: 20 },
          { level: 2, minScore: 15 },
          { level: 3, minScore: 9 },
          { level: 4, minScore: 1 },
        ],
      }),
    );
    expect(problems).toEqual([{ field: "thresholds[3].level", found: 4, reason: "invalid_level", allowed: [1, 2, 3] }]);
  });

  it("rejects an orange threshold not below the red one", () => {
    const problems = validateBands(
      bands({
        thresholds: [
          { level: 1, minScore: 15 },
          { level: 2, minScore: 15 },
          { level: 3, minScore: 9 },
        ],
      }),
    );
    expect(problems).toEqual([{ field: "thresholds[1].minScore", found: 15, reason: "not_decreasing" }]);
  });

  it("rejects a yellow threshold above the orange one", () => {
    const problems = validateBands(
      bands({
        thresholds: [
          { level: 1, minScore: 20 },
          { level: 2, minScore: 9 },
          { level: 3, minScore: 15 },
        ],
      }),
    );
    expect(problems).toEqual([{ field: "thresholds[2].minScore", found: 15, reason: "not_decreasing" }]);
  });

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])(
    "rejects a threshold of %s: scores start above zero",
    (minScore) => {
      const problems = validateBands(
        bands({
          thresholds: [
            { level: 1, minScore: 20 },
            { level: 2, minScore: 15 },
            { level: 3, minScore },
          ],
        }),
      );
      expect(problems).toContainEqual({ field: "thresholds[2].minScore", found: minScore, reason: "not_positive" });
    },
  );

  it("rejects bands without a version", () => {
    expect(validateBands(bands({ version: " " }))).toEqual([
      { field: "version", found: " ", reason: "missing_version" },
    ]);
  });

  it("rejects bands for an unknown method", () => {
    expect(validateBands(bands({ method: "HAZOP" as RiskBands["method"] }))).toEqual([
      { field: "method", found: "HAZOP", reason: "unknown_method", allowed: ["LS", "LEC", "MES"] },
    ]);
  });
});
