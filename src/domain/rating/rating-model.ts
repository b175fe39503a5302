// Enterprise overall risk rating: inherent risk plus dynamic factors make a 0–100 score and one of the four levels
// (policy, "determine the overall safety risk level of enterprises and adjust it in time"; PRODUCT.md module 5).
// Every weight is *practice*: no national text fixes them, so they are configuration with the defaults below
// (reasoning in docs/rating-model.md). A rating always carries the contributions that make its score.

import { industries, industrySectionOf } from "../reference/industries";
import { type RiskColour, type RiskLevel, riskLevelOf } from "../reference/risk-levels";

export type EnterpriseScale = "large" | "medium" | "small" | "micro";
/** GB 18218-2018 levels of a major hazard source (table 6), 1 the most severe. */
export type MajorHazardLevel = 1 | 2 | 3 | 4;

export type RatingInputs = {
  /** GB/T 4754-2017 section letter, e.g. "C". */
  industrySection: string;
  /** GB/T 4754-2017 division, e.g. "26" ("" when unknown); a group or class code is read by its first two digits. */
  industryDivision: string;
  scale: EnterpriseScale;
  /** One entry per major hazard source the enterprise has filed. */
  majorHazardLevels: MajorHazardLevel[];
  redRiskPoints: number;
  orangeRiskPoints: number;
  hazardousProcesses: number;
  /** Counts as a database counts them: open ⊇ overdue and open ⊇ open major ⊇ overdue major. */
  openHiddenDangers: number;
  overdueHiddenDangers: number;
  openMajorHiddenDangers: number;
  overdueMajorHiddenDangers: number;
  alarmsLast30Days: { red: number; orange: number; yellow: number; blue: number };
  /** Accident grades of State Council Decree 493 art. 3. */
  accidentsLast12Months: { general: number; larger: number; major: number; particularlyMajor: number };
  enforcementViolations12Months: number;
  verifiedPublicReports12Months: number;
};

/** Factors scored as a count times points per unit, capped. Listed in the order ties are explained. */
export const COUNTED_FACTORS = [
  "majorHazardLevel1",
  "majorHazardLevel2",
  "majorHazardLevel3",
  "majorHazardLevel4",
  "redRiskPoints",
  "orangeRiskPoints",
  "hazardousProcesses",
  "particularlyMajorAccidents",
  "majorAccidents",
  "largerAccidents",
  "generalAccidents",
  "overdueMajorHiddenDangers",
  "openMajorHiddenDangers",
  "overdueGeneralHiddenDangers",
  "openGeneralHiddenDangers",
  "redAlarms",
  "orangeAlarms",
  "yellowAlarms",
  "blueAlarms",
  "enforcementViolations",
  "verifiedPublicReports",
] as const;
export type CountedFactor = (typeof COUNTED_FACTORS)[number];
export type RatingFactor = "industry" | "scale" | CountedFactor | "scoreCap";

const INHERENT_FACTORS: ReadonlySet<RatingFactor> = new Set([
  "industry",
  "scale",
  "majorHazardLevel1",
  "majorHazardLevel2",
  "majorHazardLevel3",
  "majorHazardLevel4",
  "redRiskPoints",
  "orangeRiskPoints",
  "hazardousProcesses",
]);

/** Points for each unit of a counted factor; the factor never adds more than cap. */
export type FactorWeight = { pointsPerUnit: number; cap: number };

export type RatingWeights = {
  /** Stored with every rating so a score can be traced to the weights in force when it was made. */
  version: string;
  /** Base points by GB/T 4754 division, else by section, else otherwise. */
  industry: { divisions: Record<string, number>; sections: Record<string, number>; otherwise: number };
  scale: Record<EnterpriseScale, number>;
  factors: Record<CountedFactor, FactorWeight>;
  /** Lowest score of each level; below the level-3 threshold is level 4 (blue). */
  levelThresholds: Record<1 | 2 | 3, number>;
};

export const DEFAULT_WEIGHTS_VERSION = "default-2026";

/** Shipped defaults: practice, configurable. docs/rating-model.md gives the reasoning factor by factor. */
export const DEFAULT_WEIGHTS: RatingWeights = {
  version: DEFAULT_WEIGHTS_VERSION,
  industry: {
    divisions: {
      "06": 20, // practice: coal mining, firedamp explosions and water inrush (GB 6441 types) make it the top base
      "25": 18, // practice: petroleum, coal and fuel processing handles GB 18218 flammables in bulk
      "26": 18, // practice: raw chemicals, the hazardous-chemicals industry of GB 18218-2018
      "27": 10, // practice: medicines, chemical synthesis at smaller scale
      "28": 10, // practice: chemical fibres, solvents and polymerisation
      "31": 12, // practice: ferrous smelting, molten metal and coal gas
      "32": 12, // practice: non-ferrous smelting, molten metal and toxic gases
      "45": 12, // practice: gas production and supply, flammable gas under pressure
      "59": 8, // practice: warehousing, where hazardous goods are stored
      "62": 8, // practice: catering uses fuel gas; Work Safety Law (2021) art. 36 para. 3 singles it out
    },
    sections: {
      B: 16, // practice: mining, collapse, roof fall, blasting
      E: 12, // practice: construction, falls from height, collapse, lifting injuries
      D: 8, // practice: power, gas and water supply, electric shock and pressure equipment
      C: 6, // practice: manufacturing in general, machinery injury
      G: 6, // practice: transport and storage, vehicle injury
      A: 4, // practice: agriculture, machinery and drowning
      H: 4, // practice: accommodation, crowded premises and fire
      F: 3, // practice: wholesale and retail
    },
    otherwise: 2, // practice: offices, services, public administration
  },
  // Practice: more people exposed means a worse possible accident grade (Decree 493 art. 3 grades by deaths).
  scale: { large: 8, medium: 5, small: 2, micro: 0 },
  factors: {
    majorHazardLevel1: { pointsPerUnit: 15, cap: 30 }, // practice: GB 18218-2018 level 1, R ≥ 100 (table 6)
    majorHazardLevel2: { pointsPerUnit: 10, cap: 20 }, // practice: GB 18218 level 2, 50 ≤ R < 100
    majorHazardLevel3: { pointsPerUnit: 6, cap: 12 }, // practice: GB 18218 level 3, 10 ≤ R < 50
    majorHazardLevel4: { pointsPerUnit: 3, cap: 6 }, // practice: GB 18218 level 4, R < 10
    redRiskPoints: { pointsPerUnit: 9, cap: 27 }, // practice: a major (red) risk, 安委办〔2016〕11号
    orangeRiskPoints: { pointsPerUnit: 3, cap: 9 }, // practice: a larger (orange) risk, a third of a red one
    hazardousProcesses: { pointsPerUnit: 3, cap: 9 }, // practice: each hazardous process under key supervision
    particularlyMajorAccidents: { pointsPerUnit: 80, cap: 80 }, // practice: Decree 493 art. 3, ≥ 30 deaths: red alone
    majorAccidents: { pointsPerUnit: 60, cap: 60 }, // practice: Decree 493 art. 3, 10–29 deaths: red alone
    largerAccidents: { pointsPerUnit: 25, cap: 50 }, // practice: Decree 493 art. 3, 3–9 deaths
    generalAccidents: { pointsPerUnit: 8, cap: 24 }, // practice: Decree 493 art. 3, < 3 deaths
    overdueMajorHiddenDangers: { pointsPerUnit: 15, cap: 30 }, // practice: a major hidden danger past its plan's limit (§7)
    openMajorHiddenDangers: { pointsPerUnit: 8, cap: 16 }, // practice: a major hidden danger being rectified in time (§7)
    overdueGeneralHiddenDangers: { pointsPerUnit: 2, cap: 10 }, // practice: a general one not fixed by its deadline
    openGeneralHiddenDangers: { pointsPerUnit: 0.5, cap: 5 }, // practice: found and being fixed is the mechanism working
    redAlarms: { pointsPerUnit: 4, cap: 12 }, // practice: monitoring alarm of severity 1 (red)
    orangeAlarms: { pointsPerUnit: 2, cap: 8 }, // practice: severity 2
    yellowAlarms: { pointsPerUnit: 1, cap: 4 }, // practice: severity 3
    blueAlarms: { pointsPerUnit: 0.5, cap: 2 }, // practice: severity 4
    enforcementViolations: { pointsPerUnit: 3, cap: 12 }, // practice: each violation found by an enforcement inspection
    verifiedPublicReports: { pointsPerUnit: 4, cap: 12 }, // practice: a public report found true (reward measures, 安监总财〔2018〕19号)
  },
  levelThresholds: { 1: 60, 2: 40, 3: 20 }, // practice: red ≥ 60, orange ≥ 40, yellow ≥ 20, blue below
};

export type RatingContribution = {
  factor: RatingFactor;
  kind: "inherent" | "dynamic" | "cap";
  /** Units counted (1 for industry and scale, 0 for the cap line). */
  count: number;
  /** Rounded to one decimal; negative only on the cap line. */
  points: number;
  textZh: string;
  textEn: string;
};

export type EnterpriseRating = {
  /** 0–100, one decimal; exactly the sum of the contributions' points. */
  score: number;
  level: RiskLevel;
  colour: RiskColour;
  /** Sum of the inherent contributions, before the cap. */
  inherent: number;
  /** Sum of the dynamic contributions, before the cap. */
  dynamic: number;
  /** Sorted by points, largest first; factors scoring 0 are left out; a cap line comes last when the sum passed 100. */
  contributions: RatingContribution[];
  explanationZh: string;
  explanationEn: string;
  weightsVersion: string;
};

export type RatingProblem = { field: string; found: unknown; reason: string };

const SCORE_CEILING = 100;
const TENTHS = 10;

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

function isNonNegativeNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

/** Everything wrong with a set of weights; [] when it can be used. */
export function validateWeights(weights: RatingWeights): RatingProblem[] {
  const problems: RatingProblem[] = [];
  if (typeof weights.version !== "string" || weights.version.trim() === "") {
    problems.push({ field: "version", found: weights.version, reason: "missing_version" });
  }
  const checkPoints = (field: string, value: unknown) => {
    if (!isNonNegativeNumber(value)) problems.push({ field, found: value, reason: "negative_or_not_a_number" });
    else if (value > SCORE_CEILING) problems.push({ field, found: value, reason: "above_100" });
  };
  for (const [code, points] of Object.entries(weights.industry?.divisions ?? {})) {
    if (!/^\d{2}$/.test(code))
      problems.push({ field: `industry.divisions.${code}`, found: code, reason: "not_a_division" });
    checkPoints(`industry.divisions.${code}`, points);
  }
  for (const [code, points] of Object.entries(weights.industry?.sections ?? {})) {
    if (!/^[A-T]$/.test(code))
      problems.push({ field: `industry.sections.${code}`, found: code, reason: "not_a_section" });
    checkPoints(`industry.sections.${code}`, points);
  }
  checkPoints("industry.otherwise", weights.industry?.otherwise);
  for (const scale of ["large", "medium", "small", "micro"] as const)
    checkPoints(`scale.${scale}`, weights.scale?.[scale]);
  for (const factor of COUNTED_FACTORS) {
    const weight = weights.factors?.[factor];
    if (!weight) {
      problems.push({ field: `factors.${factor}`, found: weight, reason: "missing_factor" });
      continue;
    }
    checkPoints(`factors.${factor}.pointsPerUnit`, weight.pointsPerUnit);
    checkPoints(`factors.${factor}.cap`, weight.cap);
  }
  const thresholds = weights.levelThresholds ?? ({} as Record<1 | 2 | 3, number>);
  for (const level of [1, 2, 3] as const) {
    const value = thresholds[level];
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value > SCORE_CEILING) {
      problems.push({ field: `levelThresholds.${level}`, found: value, reason: "outside_0_to_100" });
    }
  }
  for (const level of [2, 3] as const) {
    const above = thresholds[(level - 1) as 1 | 2];
    const here = thresholds[level];
    if (typeof above === "number" && typeof here === "number" && !(here < above)) {
      problems.push({ field: `levelThresholds.${level}`, found: here, reason: "not_decreasing" });
    }
  }
  return problems;
}

/** Everything wrong with a set of inputs (negative or fractional counts, nested counts that do not nest). */
export function validateRatingInputs(inputs: RatingInputs): RatingProblem[] {
  const problems: RatingProblem[] = [];
  const count = (field: string, value: unknown) => {
    if (!isNonNegativeInteger(value)) problems.push({ field, found: value, reason: "not_a_count" });
  };
  const divisionSection = inputs.industryDivision === "" ? undefined : industrySectionOf(inputs.industryDivision);
  if (inputs.industryDivision !== "" && divisionSection === undefined) {
    problems.push({ field: "industryDivision", found: inputs.industryDivision, reason: "unknown_gbt4754_division" });
  } else if (divisionSection !== undefined && divisionSection !== inputs.industrySection) {
    problems.push({
      field: "industrySection",
      found: inputs.industrySection,
      reason: `division_belongs_to_${divisionSection}`,
    });
  }
  if (!["large", "medium", "small", "micro"].includes(inputs.scale)) {
    problems.push({ field: "scale", found: inputs.scale, reason: "unknown_scale" });
  }
  inputs.majorHazardLevels.forEach((level, index) => {
    if (![1, 2, 3, 4].includes(level)) {
      problems.push({ field: `majorHazardLevels[${index}]`, found: level, reason: "not_a_gb18218_level" });
    }
  });
  for (const field of [
    "redRiskPoints",
    "orangeRiskPoints",
    "hazardousProcesses",
    "openHiddenDangers",
    "overdueHiddenDangers",
    "openMajorHiddenDangers",
    "overdueMajorHiddenDangers",
    "enforcementViolations12Months",
    "verifiedPublicReports12Months",
  ] as const) {
    count(field, inputs[field]);
  }
  for (const colour of ["red", "orange", "yellow", "blue"] as const) {
    count(`alarmsLast30Days.${colour}`, inputs.alarmsLast30Days[colour]);
  }
  for (const grade of ["general", "larger", "major", "particularlyMajor"] as const) {
    count(`accidentsLast12Months.${grade}`, inputs.accidentsLast12Months[grade]);
  }
  if (problems.length > 0) return problems;
  // A hidden danger counted as overdue or major is also counted as open.
  const nested: [string, number, string, number][] = [
    ["overdueHiddenDangers", inputs.overdueHiddenDangers, "openHiddenDangers", inputs.openHiddenDangers],
    ["openMajorHiddenDangers", inputs.openMajorHiddenDangers, "openHiddenDangers", inputs.openHiddenDangers],
    [
      "overdueMajorHiddenDangers",
      inputs.overdueMajorHiddenDangers,
      "openMajorHiddenDangers",
      inputs.openMajorHiddenDangers,
    ],
    [
      "overdueMajorHiddenDangers",
      inputs.overdueMajorHiddenDangers,
      "overdueHiddenDangers",
      inputs.overdueHiddenDangers,
    ],
  ];
  for (const [field, value, within, limit] of nested) {
    if (value > limit) problems.push({ field, found: value, reason: `exceeds_${within}` });
  }
  const generalOpen =
    inputs.openHiddenDangers -
    inputs.openMajorHiddenDangers -
    (inputs.overdueHiddenDangers - inputs.overdueMajorHiddenDangers);
  if (problems.length === 0 && generalOpen < 0) {
    problems.push({
      field: "overdueHiddenDangers",
      found: inputs.overdueHiddenDangers,
      reason: "exceeds_open_general",
    });
  }
  return problems;
}

/** How many units of each counted factor the inputs hold; each hidden danger is counted once, at its worst state. */
export function factorCounts(inputs: RatingInputs): Record<CountedFactor, number> {
  const levelCount = (level: MajorHazardLevel) => inputs.majorHazardLevels.filter((found) => found === level).length;
  const overdueGeneral = inputs.overdueHiddenDangers - inputs.overdueMajorHiddenDangers;
  return {
    majorHazardLevel1: levelCount(1),
    majorHazardLevel2: levelCount(2),
    majorHazardLevel3: levelCount(3),
    majorHazardLevel4: levelCount(4),
    redRiskPoints: inputs.redRiskPoints,
    orangeRiskPoints: inputs.orangeRiskPoints,
    hazardousProcesses: inputs.hazardousProcesses,
    particularlyMajorAccidents: inputs.accidentsLast12Months.particularlyMajor,
    majorAccidents: inputs.accidentsLast12Months.major,
    largerAccidents: inputs.accidentsLast12Months.larger,
    generalAccidents: inputs.accidentsLast12Months.general,
    overdueMajorHiddenDangers: inputs.overdueMajorHiddenDangers,
    openMajorHiddenDangers: inputs.openMajorHiddenDangers - inputs.overdueMajorHiddenDangers,
    overdueGeneralHiddenDangers: overdueGeneral,
    openGeneralHiddenDangers: inputs.openHiddenDangers - inputs.openMajorHiddenDangers - overdueGeneral,
    redAlarms: inputs.alarmsLast30Days.red,
    orangeAlarms: inputs.alarmsLast30Days.orange,
    yellowAlarms: inputs.alarmsLast30Days.yellow,
    blueAlarms: inputs.alarmsLast30Days.blue,
    enforcementViolations: inputs.enforcementViolations12Months,
    verifiedPublicReports: inputs.verifiedPublicReports12Months,
  };
}

type Wording = { zh: (count: number) => string; enOne: string; enMany: (count: number) => string };

const counted = (zhUnit: string, enOne: string, enMany: string): Wording => ({
  zh: (count) => `${count} ${zhUnit}`,
  enOne,
  enMany: (count) => `${count} ${enMany}`,
});

const WORDING: Record<CountedFactor, Wording> = {
  majorHazardLevel1: counted("处一级重大危险源", "a level-1 major hazard source", "level-1 major hazard sources"),
  majorHazardLevel2: counted("处二级重大危险源", "a level-2 major hazard source", "level-2 major hazard sources"),
  majorHazardLevel3: counted("处三级重大危险源", "a level-3 major hazard source", "level-3 major hazard sources"),
  majorHazardLevel4: counted("处四级重大危险源", "a level-4 major hazard source", "level-4 major hazard sources"),
  redRiskPoints: counted("个红色风险点", "a red risk point", "red risk points"),
  orangeRiskPoints: counted("个橙色风险点", "an orange risk point", "orange risk points"),
  hazardousProcesses: counted("种重点监管危险工艺", "a hazardous process", "hazardous processes"),
  particularlyMajorAccidents: {
    zh: (count) => `近 12 个月 ${count} 起特别重大事故`,
    enOne: "a particularly major accident in the last 12 months",
    enMany: (count) => `${count} particularly major accidents in the last 12 months`,
  },
  majorAccidents: {
    zh: (count) => `近 12 个月 ${count} 起重大事故`,
    enOne: "a major accident in the last 12 months",
    enMany: (count) => `${count} major accidents in the last 12 months`,
  },
  largerAccidents: {
    zh: (count) => `近 12 个月 ${count} 起较大事故`,
    enOne: "a larger accident in the last 12 months",
    enMany: (count) => `${count} larger accidents in the last 12 months`,
  },
  generalAccidents: {
    zh: (count) => `近 12 个月 ${count} 起一般事故`,
    enOne: "a general accident in the last 12 months",
    enMany: (count) => `${count} general accidents in the last 12 months`,
  },
  overdueMajorHiddenDangers: counted(
    "项逾期重大隐患",
    "an overdue major hidden danger",
    "overdue major hidden dangers",
  ),
  openMajorHiddenDangers: counted("项未销号的重大隐患", "an open major hidden danger", "open major hidden dangers"),
  overdueGeneralHiddenDangers: counted(
    "项逾期一般隐患",
    "an overdue general hidden danger",
    "overdue general hidden dangers",
  ),
  openGeneralHiddenDangers: counted(
    "项未销号的一般隐患",
    "an open general hidden danger",
    "open general hidden dangers",
  ),
  redAlarms: {
    zh: (count) => `近 30 天 ${count} 次红色报警`,
    enOne: "a red alarm in the last 30 days",
    enMany: (count) => `${count} red alarms in the last 30 days`,
  },
  orangeAlarms: {
    zh: (count) => `近 30 天 ${count} 次橙色报警`,
    enOne: "an orange alarm in the last 30 days",
    enMany: (count) => `${count} orange alarms in the last 30 days`,
  },
  yellowAlarms: {
    zh: (count) => `近 30 天 ${count} 次黄色报警`,
    enOne: "a yellow alarm in the last 30 days",
    enMany: (count) => `${count} yellow alarms in the last 30 days`,
  },
  blueAlarms: {
    zh: (count) => `近 30 天 ${count} 次蓝色报警`,
    enOne: "a blue alarm in the last 30 days",
    enMany: (count) => `${count} blue alarms in the last 30 days`,
  },
  enforcementViolations: {
    zh: (count) => `近 12 个月执法检查发现 ${count} 项违法行为`,
    enOne: "a violation found by enforcement in the last 12 months",
    enMany: (count) => `${count} violations found by enforcement in the last 12 months`,
  },
  verifiedPublicReports: {
    zh: (count) => `近 12 个月 ${count} 件举报经查属实`,
    enOne: "a verified public report in the last 12 months",
    enMany: (count) => `${count} verified public reports in the last 12 months`,
  },
};

const SCALE_WORDING: Record<EnterpriseScale, { zh: string; en: string }> = {
  large: { zh: "大型企业", en: "a large enterprise" },
  medium: { zh: "中型企业", en: "a medium-sized enterprise" },
  small: { zh: "小型企业", en: "a small enterprise" },
  micro: { zh: "微型企业", en: "a micro enterprise" },
};

const COLOUR_WORDING: Record<RiskColour, { zh: string; en: string }> = {
  red: { zh: "红色", en: "red" },
  orange: { zh: "橙色", en: "orange" },
  yellow: { zh: "黄色", en: "yellow" },
  blue: { zh: "蓝色", en: "blue" },
};

const industryByCode = new Map(industries.map((item) => [item.code, item]));

/** Points shown with their sign and at most one decimal: "+18", "+0.5", "-12.5". */
function signedPoints(tenths: number): string {
  const sign = tenths < 0 ? "-" : "+";
  const magnitude = Math.abs(tenths);
  return `${sign}${magnitude % TENTHS === 0 ? magnitude / TENTHS : (magnitude / TENTHS).toFixed(1)}`;
}

/** Whole tenths of a point, so that sums are exact and the explanation adds up to the score. */
function toTenths(points: number): number {
  return Math.round(points * TENTHS);
}

type Draft = { factor: RatingFactor; count: number; tenths: number; zh: string; en: string };

function industryDraft(inputs: RatingInputs, weights: RatingWeights): Draft {
  const division = inputs.industryDivision.slice(0, 2);
  const byDivision = weights.industry.divisions[division];
  const bySection = weights.industry.sections[inputs.industrySection];
  const points = byDivision ?? bySection ?? weights.industry.otherwise;
  const named = byDivision !== undefined ? industryByCode.get(division) : industryByCode.get(inputs.industrySection);
  const code = byDivision !== undefined ? division : inputs.industrySection;
  const zhName = named ? named.nameZh : code;
  const enName = named ? named.nameEn : code;
  return {
    factor: "industry",
    count: 1,
    tenths: toTenths(points),
    zh: `行业：${zhName}`,
    en: `industry: ${enName}`,
  };
}

/** Rates an enterprise; throws a RangeError naming every problem when the inputs or weights cannot be used. */
export function rateEnterprise(inputs: RatingInputs, weights: RatingWeights = DEFAULT_WEIGHTS): EnterpriseRating {
  const problems = [...validateRatingInputs(inputs), ...validateWeights(weights)];
  if (problems.length > 0) {
    const list = problems.map((problem) => `${problem.field}: ${problem.reason} (${String(problem.found)})`);
    throw new RangeError(`cannot rate the enterprise: ${list.join("; ")}`);
  }
  const counts = factorCounts(inputs);
  const drafts: Draft[] = [
    industryDraft(inputs, weights),
    {
      factor: "scale",
      count: 1,
      tenths: toTenths(weights.scale[inputs.scale]),
      zh: SCALE_WORDING[inputs.scale].zh,
      en: SCALE_WORDING[inputs.scale].en,
    },
    ...COUNTED_FACTORS.map((factor): Draft => {
      const count = counts[factor];
      const { pointsPerUnit, cap } = weights.factors[factor];
      const wording = WORDING[factor];
      return {
        factor,
        count,
        tenths: toTenths(Math.min(cap, count * pointsPerUnit)),
        zh: wording.zh(count),
        en: count === 1 ? wording.enOne : wording.enMany(count),
      };
    }),
  ];
  const scored = drafts.filter((draft) => draft.tenths > 0);
  const sumOf = (kind: "inherent" | "dynamic") =>
    scored
      .filter((draft) => INHERENT_FACTORS.has(draft.factor) === (kind === "inherent"))
      .reduce((sum, draft) => sum + draft.tenths, 0);
  const inherentTenths = sumOf("inherent");
  const dynamicTenths = sumOf("dynamic");
  const scoreTenths = Math.min(SCORE_CEILING * TENTHS, inherentTenths + dynamicTenths);

  // Stable sort keeps the declared order (industry, scale, then COUNTED_FACTORS) among equal points.
  const contributions: RatingContribution[] = [...scored]
    .sort((a, b) => b.tenths - a.tenths)
    .map((draft) => ({
      factor: draft.factor,
      kind: INHERENT_FACTORS.has(draft.factor) ? "inherent" : "dynamic",
      count: draft.count,
      points: draft.tenths / TENTHS,
      textZh: `${draft.zh}（${signedPoints(draft.tenths)}）`,
      textEn: `${draft.en} (${signedPoints(draft.tenths)})`,
    }));
  const excess = inherentTenths + dynamicTenths - scoreTenths;
  if (excess > 0) {
    contributions.push({
      factor: "scoreCap",
      kind: "cap",
      count: 0,
      points: -excess / TENTHS,
      textZh: `总分以 ${SCORE_CEILING} 分封顶（${signedPoints(-excess)}）`,
      textEn: `score capped at ${SCORE_CEILING} (${signedPoints(-excess)})`,
    });
  }

  const score = scoreTenths / TENTHS;
  const level = levelForRatingScore(score, weights);
  const colour = riskLevelOf(level).colour;
  const reasonsZh = contributions.length > 0 ? contributions.map((item) => item.textZh).join("，") : "没有计分项";
  const reasonsEn = contributions.length > 0 ? contributions.map((item) => item.textEn).join(", ") : "nothing scored";
  return {
    score,
    level,
    colour,
    inherent: inherentTenths / TENTHS,
    dynamic: dynamicTenths / TENTHS,
    contributions,
    explanationZh: `${COLOUR_WORDING[colour].zh}，因为：${reasonsZh}`,
    explanationEn: `${COLOUR_WORDING[colour].en} because: ${reasonsEn}`,
    weightsVersion: weights.version,
  };
}

/** The level a rating score falls in: the most severe threshold it reaches, else level 4. */
export function levelForRatingScore(score: number, weights: RatingWeights = DEFAULT_WEIGHTS): RiskLevel {
  for (const level of [1, 2, 3] as const) {
    if (score >= weights.levelThresholds[level]) return level;
  }
  return 4;
}
