// Annual and monthly enforcement plans of a supervising department: every enterprise gets the inspections its rating
// level requires, and spare capacity goes to a risk-weighted random draw that anyone can recompute from the published
// seed (policy: "classified supervision … differentiated and accurate dynamic supervision"; PRODUCT.md module 5).
// The calendar, the weight function and the draw are *practice*, documented in docs/rating-model.md.

import { createRandom } from "../geo/random";
import type { RiskLevel } from "../reference/risk-levels";
import { type FrequencyConfig, validateFrequency } from "./inspection-frequency";
import { type PlanSeed, seedNumber } from "./published-seed";

export type PlanEnterprise = {
  id: string;
  level: RiskLevel;
  /** The enterprise's rating score, 0–100. */
  score: number;
  /** Key check contents from the enterprise's risks (see keyCheckContents); carried into the plan. */
  checkContents: string[];
  /** This enterprise's own frequency, when its territory has an override (frequencyFor); else frequency[level]. */
  timesPerYear?: number;
};

/** The month a level's visits start in, or "spread": derived from the annual seed and the enterprise id. */
export type PlanCalendar = Record<RiskLevel, { firstMonth: number | "spread" }>;

// Practice (issue): red every month from January, orange in January/April/July/October, yellow in March and
// September, blue once in a month spread over the year by the annual seed. Configurable.
export const DEFAULT_PLAN_CALENDAR: PlanCalendar = {
  1: { firstMonth: 1 },
  2: { firstMonth: 1 },
  3: { firstMonth: 3 },
  4: { firstMonth: "spread" },
};

// Practice: an enterprise scoring 0 still has a chance in the random draw, 1/80 of one scoring 80.
export const DEFAULT_MINIMUM_WEIGHT = 1;

type PlanInputCommon = {
  /** Published before the draw (publishedSeed); the same seed and inputs always give the same plan. */
  seed: PlanSeed;
  year: number;
  enterprises: PlanEnterprise[];
  frequency: FrequencyConfig;
  /** Inspections the department can do in the period; without it every mandatory one is planned and none at random. */
  capacity?: number;
  calendar?: PlanCalendar;
  /** Random-draw weight = max(score, minimumWeight). */
  minimumWeight?: number;
};

export type AnnualPlanInput = PlanInputCommon & {
  month?: undefined;
  /** Spreads the "spread" levels over the months; defaults to seed. */
  annualSeed?: PlanSeed;
};

export type MonthlyPlanInput = PlanInputCommon & {
  month: number;
  /** The annual plan's seed, so that twelve monthly plans visit a yearly enterprise exactly once. */
  annualSeed: PlanSeed;
};

export type PlanInput = AnnualPlanInput | MonthlyPlanInput;

/** Why an enterprise is in a plan: its rating level requires the inspections, or the random draw picked it. */
export const SELECTION_REASONS = ["mandatory", "random"] as const;
export type SelectionReason = (typeof SELECTION_REASONS)[number];

export type PlanSelection = {
  enterpriseId: string;
  level: RiskLevel;
  score: number;
  inspections: number;
  reason: SelectionReason;
  /** The weight the enterprise had in the random draw, max(score, minimumWeight). */
  weight: number;
  /** Months of the inspections, one entry each; a random pick in an annual plan has none (any time). */
  months: number[];
  checkContents: string[];
};

export type LevelSummary = { enterprises: number; mandatory: number; random: number };

export type PlanSummary = {
  /** "2026" or "2026-03". */
  period: string;
  /** The 32-bit number the seed hashes to (seedNumber), which seeds mulberry32. */
  seedNumber: number;
  enterprises: number;
  /** Inspections the levels require in the period. */
  mandatoryRequired: number;
  mandatoryPlanned: number;
  /** Required inspections the capacity cannot cover; 0 when it can. */
  shortfall: number;
  /** The enterprises whose required inspections were cut, with how many, highest score first. */
  unplanned: { enterpriseId: string; inspections: number }[];
  random: number;
  capacity: number | null;
  /** Capacity left when every enterprise has been drawn. */
  unusedCapacity: number;
  byLevel: Record<RiskLevel, LevelSummary>;
};

export type EnforcementPlan = {
  seed: PlanSeed;
  year: number;
  month: number | null;
  selections: PlanSelection[];
  summary: PlanSummary;
};

export type PlanProblem = { field: string; found: unknown; reason: string };

const LEVELS: readonly RiskLevel[] = [1, 2, 3, 4];

/** Code-unit order of ids: the order the random stream is assigned in (docs/rating-model.md). */
function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Everything wrong with a plan's input; [] when a plan can be made. */
export function validatePlanInput(input: PlanInput): PlanProblem[] {
  const problems: PlanProblem[] = [];
  if (!Number.isInteger(input.year) || input.year < 1000 || input.year > 9999) {
    problems.push({ field: "year", found: input.year, reason: "not_a_4_digit_year" });
  }
  if (input.month !== undefined) {
    if (!Number.isInteger(input.month) || input.month < 1 || input.month > 12) {
      problems.push({ field: "month", found: input.month, reason: "not_1_to_12" });
    }
    if (input.annualSeed === undefined || String(input.annualSeed) === "") {
      problems.push({ field: "annualSeed", found: input.annualSeed, reason: "monthly_plan_needs_the_annual_seed" });
    }
  }
  if (String(input.seed) === "") problems.push({ field: "seed", found: input.seed, reason: "empty_seed" });
  if (input.capacity !== undefined && (!Number.isInteger(input.capacity) || input.capacity < 0)) {
    problems.push({ field: "capacity", found: input.capacity, reason: "not_a_whole_number" });
  }
  const minimumWeight = input.minimumWeight ?? DEFAULT_MINIMUM_WEIGHT;
  if (!Number.isFinite(minimumWeight) || minimumWeight <= 0) {
    problems.push({ field: "minimumWeight", found: minimumWeight, reason: "not_positive" });
  }
  for (const problem of validateFrequency(input.frequency)) {
    problems.push({ ...problem, field: `frequency.${problem.field}` });
  }
  const calendar = input.calendar ?? DEFAULT_PLAN_CALENDAR;
  for (const level of LEVELS) {
    const first = calendar[level]?.firstMonth;
    if (first !== "spread" && !(Number.isInteger(first) && (first as number) >= 1 && (first as number) <= 12)) {
      problems.push({ field: `calendar.${level}.firstMonth`, found: first, reason: "not_1_to_12_or_spread" });
    }
  }
  const seen = new Set<string>();
  input.enterprises.forEach((enterprise, index) => {
    const field = `enterprises[${index}]`;
    if (typeof enterprise.id !== "string" || enterprise.id === "") {
      problems.push({ field: `${field}.id`, found: enterprise.id, reason: "missing_id" });
    } else if (seen.has(enterprise.id)) {
      problems.push({ field: `${field}.id`, found: enterprise.id, reason: "duplicate_id" });
    }
    seen.add(enterprise.id);
    if (!LEVELS.includes(enterprise.level)) {
      problems.push({ field: `${field}.level`, found: enterprise.level, reason: "not_a_level" });
    }
    if (!Number.isFinite(enterprise.score) || enterprise.score < 0 || enterprise.score > 100) {
      problems.push({ field: `${field}.score`, found: enterprise.score, reason: "outside_0_to_100" });
    }
    const times = enterprise.timesPerYear;
    if (times !== undefined && (!Number.isInteger(times) || times < 0 || times > 366)) {
      problems.push({ field: `${field}.timesPerYear`, found: times, reason: "not_a_whole_number_0_to_366" });
    }
  });
  return problems;
}

/**
 * The months of a year's inspections, one entry per inspection, spread evenly from firstMonth: month m (0–11 after
 * firstMonth) gets ⌈(m+1)·t/12⌉ − ⌈m·t/12⌉ of them, so 4 a year from January falls in January, April, July, October.
 */
export function inspectionMonths(timesPerYear: number, firstMonth: number): number[] {
  const months: number[] = [];
  const ceilTwelfth = (n: number) => Math.floor((n + 11) / 12);
  for (let m = 0; m < 12; m++) {
    const count = ceilTwelfth((m + 1) * timesPerYear) - ceilTwelfth(m * timesPerYear);
    const month = ((firstMonth - 1 + m) % 12) + 1;
    for (let i = 0; i < count; i++) months.push(month);
  }
  return months.sort((a, b) => a - b);
}

/** The first month of a "spread" level for one enterprise: 1 + seedNumber("<annual seed>|<enterprise id>") mod 12. */
export function spreadFirstMonth(annualSeed: PlanSeed, enterpriseId: string): number {
  return 1 + (seedNumber(`${String(annualSeed)}|${enterpriseId}`) % 12);
}

/** Random-draw weight of an enterprise: its score, but never below the minimum weight. */
export function drawWeight(score: number, minimumWeight = DEFAULT_MINIMUM_WEIGHT): number {
  return Math.max(score, minimumWeight);
}

function cleanContents(contents: readonly string[]): string[] {
  return [...new Set(contents.map((content) => content.trim()).filter((content) => content !== ""))];
}

/** Makes a department's annual (no month) or monthly plan; throws a RangeError naming every input problem. */
export function generatePlan(input: PlanInput): EnforcementPlan {
  const problems = validatePlanInput(input);
  if (problems.length > 0) {
    const list = problems.map((problem) => `${problem.field}: ${problem.reason} (${String(problem.found)})`);
    throw new RangeError(`cannot make the plan: ${list.join("; ")}`);
  }
  const calendar = input.calendar ?? DEFAULT_PLAN_CALENDAR;
  const minimumWeight = input.minimumWeight ?? DEFAULT_MINIMUM_WEIGHT;
  const annualSeed = input.annualSeed ?? input.seed;
  const month = input.month ?? null;

  const due = input.enterprises.map((enterprise) => {
    const times = enterprise.timesPerYear ?? input.frequency[enterprise.level].timesPerYear;
    const first = calendar[enterprise.level].firstMonth;
    const firstMonth = first === "spread" ? spreadFirstMonth(annualSeed, enterprise.id) : first;
    const yearMonths = inspectionMonths(times, firstMonth);
    const months = month === null ? yearMonths : yearMonths.filter((found) => found === month);
    return { enterprise, months, weight: drawWeight(enterprise.score, minimumWeight) };
  });
  const mandatoryRequired = due.reduce((sum, item) => sum + item.months.length, 0);

  // Highest score first: when capacity is short, the riskiest enterprises keep their inspections.
  const byRisk = due
    .filter((item) => item.months.length > 0)
    .sort(
      (a, b) =>
        b.enterprise.score - a.enterprise.score ||
        a.enterprise.level - b.enterprise.level ||
        byId(a.enterprise.id, b.enterprise.id),
    );
  let remaining = input.capacity ?? Number.POSITIVE_INFINITY;
  const selections: PlanSelection[] = [];
  const unplanned: { enterpriseId: string; inspections: number }[] = [];
  for (const item of byRisk) {
    const planned = Math.min(item.months.length, remaining);
    remaining -= planned;
    if (planned > 0) {
      selections.push({
        enterpriseId: item.enterprise.id,
        level: item.enterprise.level,
        score: item.enterprise.score,
        inspections: planned,
        reason: "mandatory",
        weight: item.weight,
        months: item.months.slice(0, planned),
        checkContents: cleanContents(item.enterprise.checkContents),
      });
    }
    if (planned < item.months.length) {
      unplanned.push({ enterpriseId: item.enterprise.id, inspections: item.months.length - planned });
    }
  }
  const mandatoryPlanned = selections.reduce((sum, selection) => sum + selection.inspections, 0);

  // Efraimidis–Spirakis draw without replacement: in id order each enterprise takes the next number u of the stream,
  // its key is ln(1 − u) / weight, the largest keys win; enterprises not already due in the period come first.
  const random = createRandom(seedNumber(input.seed));
  const keyed = [...due]
    .sort((a, b) => byId(a.enterprise.id, b.enterprise.id))
    .map((item) => ({ ...item, key: Math.log(1 - random()) / item.weight }));
  const drawOrder = keyed.sort(
    (a, b) =>
      Number(a.months.length > 0) - Number(b.months.length > 0) ||
      b.key - a.key ||
      byId(a.enterprise.id, b.enterprise.id),
  );
  const spare = input.capacity === undefined ? 0 : Math.max(0, input.capacity - mandatoryRequired);
  const drawn = drawOrder.slice(0, spare);
  for (const item of drawn) {
    selections.push({
      enterpriseId: item.enterprise.id,
      level: item.enterprise.level,
      score: item.enterprise.score,
      inspections: 1,
      reason: "random",
      weight: item.weight,
      months: month === null ? [] : [month],
      checkContents: cleanContents(item.enterprise.checkContents),
    });
  }

  const byLevel = Object.fromEntries(
    LEVELS.map((level) => [level, { enterprises: 0, mandatory: 0, random: 0 }]),
  ) as Record<RiskLevel, LevelSummary>;
  for (const enterprise of input.enterprises) byLevel[enterprise.level].enterprises += 1;
  for (const selection of selections) {
    byLevel[selection.level][selection.reason === "mandatory" ? "mandatory" : "random"] += selection.inspections;
  }
  const period = month === null ? `${input.year}` : `${input.year}-${String(month).padStart(2, "0")}`;
  return {
    seed: input.seed,
    year: input.year,
    month,
    selections,
    summary: {
      period,
      seedNumber: seedNumber(input.seed),
      enterprises: input.enterprises.length,
      mandatoryRequired,
      mandatoryPlanned,
      shortfall: mandatoryRequired - mandatoryPlanned,
      unplanned,
      random: drawn.length,
      capacity: input.capacity ?? null,
      unusedCapacity: spare - drawn.length,
      byLevel,
    },
  };
}
