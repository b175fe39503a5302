import { describe, expect, it } from "vitest";
import { createRandom } from "../geo/random";
import {
  COUNTED_FACTORS,
  type CountedFactor,
  DEFAULT_WEIGHTS,
  type RatingInputs,
  type RatingWeights,
  rateEnterprise,
  validateRatingInputs,
  validateWeights,
} from "./rating-model";

const noAlarms = { red: 0, orange: 0, yellow: 0, blue: 0 };
const noAccidents = { general: 0, larger: 0, major: 0, particularlyMajor: 0 };

/** A micro software firm with nothing against it: 2 points, all from its industry. */
function inputs(overrides: Partial<RatingInputs> = {}): RatingInputs {
  return {
    industrySection: "I",
    industryDivision: "65",
    scale: "micro",
    majorHazardLevels: [],
    redRiskPoints: 0,
    orangeRiskPoints: 0,
    hazardousProcesses: 0,
    openHiddenDangers: 0,
    overdueHiddenDangers: 0,
    openMajorHiddenDangers: 0,
    overdueMajorHiddenDangers: 0,
    alarmsLast30Days: noAlarms,
    accidentsLast12Months: noAccidents,
    enforcementViolations12Months: 0,
    verifiedPublicReports12Months: 0,
    ...overrides,
  };
}

/** Weights that score nothing but what the test switches on. */
function silentWeights(overrides: Partial<Record<CountedFactor, { pointsPerUnit: number; cap: number }>> = {}) {
  const factors = Object.fromEntries(
    COUNTED_FACTORS.map((factor) => [factor, overrides[factor] ?? { pointsPerUnit: 0, cap: 0 }]),
  ) as RatingWeights["factors"];
  return {
    ...DEFAULT_WEIGHTS,
    version: "test-1",
    industry: { divisions: {}, sections: {}, otherwise: 0 },
    scale: { large: 0, medium: 0, small: 0, micro: 0 },
    factors,
  } satisfies RatingWeights;
}

/** Inputs holding n units of one factor, hidden dangers counted the nested way a database counts them. */
const withUnits: Record<CountedFactor, (n: number) => Partial<RatingInputs>> = {
  majorHazardLevel1: (n) => ({ majorHazardLevels: Array(n).fill(1) }),
  majorHazardLevel2: (n) => ({ majorHazardLevels: Array(n).fill(2) }),
  majorHazardLevel3: (n) => ({ majorHazardLevels: Array(n).fill(3) }),
  majorHazardLevel4: (n) => ({ majorHazardLevels: Array(n).fill(4) }),
  redRiskPoints: (n) => ({ redRiskPoints: n }),
  orangeRiskPoints: (n) => ({ orangeRiskPoints: n }),
  hazardousProcesses: (n) => ({ hazardousProcesses: n }),
  particularlyMajorAccidents: (n) => ({ accidentsLast12Months: { ...noAccidents, particularlyMajor: n } }),
  majorAccidents: (n) => ({ accidentsLast12Months: { ...noAccidents, major: n } }),
  largerAccidents: (n) => ({ accidentsLast12Months: { ...noAccidents, larger: n } }),
  generalAccidents: (n) => ({ accidentsLast12Months: { ...noAccidents, general: n } }),
  overdueMajorHiddenDangers: (n) => ({
    openHiddenDangers: n,
    overdueHiddenDangers: n,
    openMajorHiddenDangers: n,
    overdueMajorHiddenDangers: n,
  }),
  openMajorHiddenDangers: (n) => ({ openHiddenDangers: n, openMajorHiddenDangers: n }),
  overdueGeneralHiddenDangers: (n) => ({ openHiddenDangers: n, overdueHiddenDangers: n }),
  openGeneralHiddenDangers: (n) => ({ openHiddenDangers: n }),
  redAlarms: (n) => ({ alarmsLast30Days: { ...noAlarms, red: n } }),
  orangeAlarms: (n) => ({ alarmsLast30Days: { ...noAlarms, orange: n } }),
  yellowAlarms: (n) => ({ alarmsLast30Days: { ...noAlarms, yellow: n } }),
  blueAlarms: (n) => ({ alarmsLast30Days: { ...noAlarms, blue: n } }),
  enforcementViolations: (n) => ({ enforcementViolations12Months: n }),
  verifiedPublicReports: (n) => ({ verifiedPublicReports12Months: n }),
};

const sumOfPoints = (rating: ReturnType<typeof rateEnterprise>) =>
  Math.round(rating.contributions.reduce((sum, item) => sum + item.points * 10, 0)) / 10;

describe("rateEnterprise, factor by factor", () => {
  const base = rateEnterprise(inputs()).score;

  it("scores the baseline enterprise only for its industry", () => {
    expect(rateEnterprise(inputs())).toMatchObject({ score: 2, inherent: 2, dynamic: 0, level: 4, colour: "blue" });
  });

  it.each(COUNTED_FACTORS)("adds the documented points for one unit of %s", (factor) => {
    const rating = rateEnterprise(inputs(withUnits[factor](1)));
    const { pointsPerUnit } = DEFAULT_WEIGHTS.factors[factor];
    expect(rating.score - base).toBeCloseTo(pointsPerUnit, 10);
    expect(rating.contributions.find((item) => item.factor === factor)).toMatchObject({
      count: 1,
      points: pointsPerUnit,
    });
  });

  it.each(COUNTED_FACTORS)("adds no more than the cap of %s however many units there are", (factor) => {
    const { pointsPerUnit, cap } = DEFAULT_WEIGHTS.factors[factor];
    const units = Math.ceil(cap / pointsPerUnit) + 3;
    const rating = rateEnterprise(inputs(withUnits[factor](units)));
    expect(rating.score - base).toBeCloseTo(cap, 10);
    expect(rating.contributions.find((item) => item.factor === factor)).toMatchObject({ count: units, points: cap });
  });

  it("counts an overdue major hidden danger once, at its worst state, not also as open or overdue", () => {
    const rating = rateEnterprise(inputs(withUnits.overdueMajorHiddenDangers(1)));
    expect(rating.contributions.map((item) => item.factor)).toEqual(["overdueMajorHiddenDangers", "industry"]);
  });

  it("splits nested hidden-danger counts into the four disjoint groups", () => {
    // 10 open: 3 major (1 of them overdue), 4 overdue in all, so 3 overdue general and 4 open general.
    const rating = rateEnterprise(
      inputs({
        openHiddenDangers: 10,
        overdueHiddenDangers: 4,
        openMajorHiddenDangers: 3,
        overdueMajorHiddenDangers: 1,
      }),
    );
    const countOf = (factor: string) => rating.contributions.find((item) => item.factor === factor)?.count;
    expect([
      countOf("overdueMajorHiddenDangers"),
      countOf("openMajorHiddenDangers"),
      countOf("overdueGeneralHiddenDangers"),
      countOf("openGeneralHiddenDangers"),
    ]).toEqual([1, 2, 3, 4]);
  });

  it("takes a division's base points before its section's", () => {
    const industryPoints = (industrySection: string, industryDivision: string) =>
      rateEnterprise(inputs({ industrySection, industryDivision })).contributions.find(
        (item) => item.factor === "industry",
      )?.points;
    expect(industryPoints("C", "26")).toBe(18);
    expect(industryPoints("C", "2614")).toBe(18);
    expect(industryPoints("C", "13")).toBe(6);
    expect(industryPoints("B", "06")).toBe(20);
    expect(industryPoints("B", "09")).toBe(16);
    expect(industryPoints("E", "47")).toBe(12);
    expect(industryPoints("H", "62")).toBe(8);
    expect(industryPoints("H", "61")).toBe(4);
    expect(industryPoints("M", "")).toBe(2);
  });

  it("adds the scale's points", () => {
    const scored = (["large", "medium", "small", "micro"] as const).map(
      (scale) => rateEnterprise(inputs({ scale })).score - base,
    );
    expect(scored).toEqual([8, 5, 2, 0]);
  });

  it("leaves out a factor whose weight is zero even when it has units", () => {
    const rating = rateEnterprise(inputs({ redRiskPoints: 3 }), silentWeights());
    expect(rating.contributions).toEqual([]);
    expect(rating.score).toBe(0);
  });
});

describe("rateEnterprise, explanation", () => {
  const chemicalPlant = inputs({
    industrySection: "C",
    industryDivision: "26",
    scale: "medium",
    redRiskPoints: 2,
    ...withUnits.overdueMajorHiddenDangers(1),
  });

  it("explains an orange chemical plant in Chinese and English, largest contribution first", () => {
    const rating = rateEnterprise(chemicalPlant);
    expect(rating).toMatchObject({ score: 56, level: 2, colour: "orange", inherent: 41, dynamic: 15 });
    expect(rating.explanationZh).toBe(
      "橙色，因为：行业：化学原料和化学制品制造业（+18），2 个红色风险点（+18），1 项逾期重大隐患（+15），中型企业（+5）",
    );
    expect(rating.explanationEn).toBe(
      "orange because: industry: Manufacture of raw chemical materials and chemical products (+18), " +
        "2 red risk points (+18), an overdue major hidden danger (+15), a medium-sized enterprise (+5)",
    );
  });

  it("carries the weights version so a score can be traced", () => {
    expect(rateEnterprise(chemicalPlant).weightsVersion).toBe("default-2026");
    expect(rateEnterprise(chemicalPlant, silentWeights()).weightsVersion).toBe("test-1");
  });

  it("lists exactly the non-zero contributions and they add up to the score, for many enterprises", () => {
    const random = createRandom(4754);
    const upTo = (n: number) => Math.floor(random() * (n + 1));
    for (let i = 0; i < 300; i++) {
      const openMajor = upTo(3);
      const overdueMajor = upTo(openMajor);
      const overdueGeneral = upTo(4);
      const rating = rateEnterprise(
        inputs({
          industrySection: "C",
          industryDivision: ["13", "26", "31", "25"][upTo(3)],
          scale: (["large", "medium", "small", "micro"] as const)[upTo(3)],
          majorHazardLevels: Array.from({ length: upTo(3) }, () => (1 + upTo(3)) as 1 | 2 | 3 | 4),
          redRiskPoints: upTo(4),
          orangeRiskPoints: upTo(6),
          hazardousProcesses: upTo(3),
          openHiddenDangers: openMajor + overdueGeneral + upTo(12),
          overdueHiddenDangers: overdueMajor + overdueGeneral,
          openMajorHiddenDangers: openMajor,
          overdueMajorHiddenDangers: overdueMajor,
          alarmsLast30Days: { red: upTo(2), orange: upTo(3), yellow: upTo(5), blue: upTo(7) },
          accidentsLast12Months: { general: upTo(2), larger: upTo(1) * upTo(1), major: 0, particularlyMajor: 0 },
          enforcementViolations12Months: upTo(5),
          verifiedPublicReports12Months: upTo(2),
        }),
      );
      expect(sumOfPoints(rating)).toBe(rating.score);
      expect(rating.score).toBeLessThanOrEqual(100);
      expect(rating.contributions.every((item) => item.points !== 0)).toBe(true);
      const listed = rating.contributions.map((item) => item.textEn).join(", ");
      expect(rating.explanationEn.endsWith(listed)).toBe(true);
      const points = rating.contributions.filter((item) => item.kind !== "cap").map((item) => item.points);
      expect(points).toEqual([...points].sort((a, b) => b - a));
    }
  });

  it("rounds each contribution to one decimal and still adds up to the score", () => {
    const weights = silentWeights({
      redAlarms: { pointsPerUnit: 1 / 3, cap: 10 },
      orangeAlarms: { pointsPerUnit: 1 / 3, cap: 10 },
      yellowAlarms: { pointsPerUnit: 1 / 3, cap: 10 },
    });
    const rating = rateEnterprise(inputs({ alarmsLast30Days: { red: 2, orange: 2, yellow: 2, blue: 0 } }), weights);
    expect(rating.contributions.map((item) => item.points)).toEqual([0.7, 0.7, 0.7]);
    expect(rating.score).toBe(2.1);
    expect(rating.explanationEn).toBe(
      "blue because: 2 red alarms in the last 30 days (+0.7), 2 orange alarms in the last 30 days (+0.7), " +
        "2 yellow alarms in the last 30 days (+0.7)",
    );
  });

  it("says nothing was scored when nothing was", () => {
    const rating = rateEnterprise(inputs(), silentWeights());
    expect([rating.explanationZh, rating.explanationEn]).toEqual([
      "蓝色，因为：没有计分项",
      "blue because: nothing scored",
    ]);
  });

  it("gives the same rating for the same inputs", () => {
    expect(rateEnterprise(chemicalPlant)).toEqual(rateEnterprise(structuredClone(chemicalPlant)));
  });
});

describe("rateEnterprise, score ceiling and levels", () => {
  const everything = inputs({
    industrySection: "B",
    industryDivision: "06",
    scale: "large",
    majorHazardLevels: [1, 1, 1],
    redRiskPoints: 5,
    accidentsLast12Months: { ...noAccidents, major: 1 },
    ...withUnits.overdueMajorHiddenDangers(2),
  });

  it("never scores above 100 and shows the cut as a last, negative line", () => {
    const rating = rateEnterprise(everything);
    // 20 + 8 + 30 + 27 + 60 + 30 = 175, cut by 75.
    expect(rating).toMatchObject({ score: 100, level: 1, colour: "red", inherent: 85, dynamic: 90 });
    expect(rating.contributions.at(-1)).toMatchObject({ factor: "scoreCap", kind: "cap", points: -75 });
    expect(rating.explanationEn.endsWith("score capped at 100 (-75)")).toBe(true);
    expect(rating.explanationZh.endsWith("总分以 100 分封顶（-75）")).toBe(true);
    expect(sumOfPoints(rating)).toBe(100);
  });

  it("places scores on the default thresholds: red from 60, orange from 40, yellow from 20", () => {
    const weights = silentWeights({ enforcementViolations: { pointsPerUnit: 0.1, cap: 100 } });
    const levelAt = (tenths: number) => {
      const rating = rateEnterprise(inputs({ enforcementViolations12Months: tenths }), weights);
      return [rating.score, rating.level];
    };
    expect([levelAt(600), levelAt(599), levelAt(400), levelAt(399), levelAt(200), levelAt(199), levelAt(0)]).toEqual([
      [60, 1],
      [59.9, 2],
      [40, 2],
      [39.9, 3],
      [20, 3],
      [19.9, 4],
      [0, 4],
    ]);
  });

  it("makes a particularly major or a major accident red on its own", () => {
    expect(rateEnterprise(inputs(withUnits.particularlyMajorAccidents(1))).level).toBe(1);
    expect(rateEnterprise(inputs(withUnits.majorAccidents(1))).level).toBe(1);
  });

  it("follows configured thresholds", () => {
    const weights = { ...DEFAULT_WEIGHTS, levelThresholds: { 1: 50, 2: 30, 3: 10 } };
    expect(
      rateEnterprise(inputs({ industrySection: "C", industryDivision: "26", redRiskPoints: 4 }), weights),
    ).toMatchObject({ score: 45, level: 2 });
  });
});

describe("validateWeights", () => {
  it("ships sound defaults", () => {
    expect(validateWeights(DEFAULT_WEIGHTS)).toEqual([]);
  });

  it("rejects negative points per unit and caps", () => {
    const weights = silentWeights({ redRiskPoints: { pointsPerUnit: -9, cap: -1 } });
    expect(validateWeights(weights)).toEqual([
      { field: "factors.redRiskPoints.pointsPerUnit", found: -9, reason: "negative_or_not_a_number" },
      { field: "factors.redRiskPoints.cap", found: -1, reason: "negative_or_not_a_number" },
    ]);
  });

  it("rejects thresholds that do not decrease from red to yellow", () => {
    const weights = { ...DEFAULT_WEIGHTS, levelThresholds: { 1: 40, 2: 40, 3: 50 } };
    expect(validateWeights(weights)).toEqual([
      { field: "levelThresholds.2", found: 40, reason: "not_decreasing" },
      { field: "levelThresholds.3", found: 50, reason: "not_decreasing" },
    ]);
  });

  it("rejects a threshold above 100 or at 0", () => {
    const weights = { ...DEFAULT_WEIGHTS, levelThresholds: { 1: 120, 2: 40, 3: 0 } };
    expect(validateWeights(weights).map((problem) => problem.field)).toEqual([
      "levelThresholds.1",
      "levelThresholds.3",
    ]);
  });

  it("rejects industry codes that are not GB/T 4754 sections or divisions", () => {
    const weights = { ...DEFAULT_WEIGHTS, industry: { divisions: { "2611": 18 }, sections: { Z: 3 }, otherwise: 2 } };
    expect(validateWeights(weights).map((problem) => problem.reason)).toEqual(["not_a_division", "not_a_section"]);
  });

  it("rejects weights that leave a factor out", () => {
    const { redAlarms: _left, ...factors } = DEFAULT_WEIGHTS.factors;
    const weights = { ...DEFAULT_WEIGHTS, factors: factors as RatingWeights["factors"] };
    expect(validateWeights(weights)).toEqual([
      { field: "factors.redAlarms", found: undefined, reason: "missing_factor" },
    ]);
  });

  it("refuses to rate with unsound weights", () => {
    expect(() => rateEnterprise(inputs(), { ...DEFAULT_WEIGHTS, version: "" })).toThrow(/version: missing_version/);
  });
});

describe("validateRatingInputs", () => {
  it("accepts consistent counts", () => {
    expect(validateRatingInputs(inputs(withUnits.overdueMajorHiddenDangers(2)))).toEqual([]);
  });

  it("rejects more overdue hidden dangers than open ones", () => {
    expect(validateRatingInputs(inputs({ openHiddenDangers: 1, overdueHiddenDangers: 2 }))).toEqual([
      { field: "overdueHiddenDangers", found: 2, reason: "exceeds_openHiddenDangers" },
    ]);
  });

  it("rejects an overdue major hidden danger not counted as overdue", () => {
    const problems = validateRatingInputs(
      inputs({ openHiddenDangers: 1, openMajorHiddenDangers: 1, overdueMajorHiddenDangers: 1 }),
    );
    expect(problems).toEqual([
      { field: "overdueMajorHiddenDangers", found: 1, reason: "exceeds_overdueHiddenDangers" },
    ]);
  });

  it("rejects negative and fractional counts", () => {
    const problems = validateRatingInputs(
      inputs({ redRiskPoints: -1, alarmsLast30Days: { ...noAlarms, yellow: 1.5 } }),
    );
    expect(problems.map((problem) => problem.field)).toEqual(["redRiskPoints", "alarmsLast30Days.yellow"]);
  });

  it("rejects a division outside its section and an unknown division", () => {
    expect(validateRatingInputs(inputs({ industrySection: "H", industryDivision: "26" }))).toEqual([
      { field: "industrySection", found: "H", reason: "division_belongs_to_C" },
    ]);
    expect(validateRatingInputs(inputs({ industryDivision: "99" }))[0]).toMatchObject({
      reason: "unknown_gbt4754_division",
    });
  });

  it("rejects a major hazard level outside GB 18218's four", () => {
    const problems = validateRatingInputs(inputs({ majorHazardLevels: [5 as 1] }));
    expect(problems).toEqual([{ field: "majorHazardLevels[0]", found: 5, reason: "not_a_gb18218_level" }]);
  });

  it("makes rateEnterprise throw a RangeError naming the problem", () => {
    expect(() => rateEnterprise(inputs({ openHiddenDangers: 0, overdueHiddenDangers: 1 }))).toThrow(RangeError);
  });
});
