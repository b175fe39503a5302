// Scores a hazard with LS, LEC or MES and grades the score into a risk level and colour.

import { type RiskColour, type RiskLevel, riskLevelOf } from "../reference/risk-levels";
import { DEFAULT_BANDS, levelForScore, type RiskBands, validateBands } from "./bands";
import { ASSESSMENT_METHODS, type AssessmentMethod, isAssessmentMethod, METHOD_FACTORS, scaleValues } from "./scales";

export type RiskAssessmentProblem = {
  /** Where the problem is, e.g. "factors.e" or "method". */
  field: string;
  found: unknown;
  /** The valid values of the field (scale values, factor names or method names). */
  allowed: number[] | string[];
  reason: "missing" | "off_scale" | "unknown_method" | "unexpected";
};

export type RiskAssessmentResult =
  | { ok: true; score: number; level: RiskLevel; colour: RiskColour; bandsVersion: string }
  | { ok: false; problems: RiskAssessmentProblem[] };

// Scale values have at most one decimal (0.1, 0.2, 0.5): multiply in tenths so 0.1 × 0.5 × 1 is 0.05, not 0.05000…1.
const tenths = 10;

/**
 * LS: R = L × S (DB37/T 2882-2016); LEC: D = L × E × C (Graham–Kinney); MES: R = M × E × S (practice). Every
 * missing, off-scale, non-number or extra factor is reported; a score is only given when all factors are on their
 * scale. Throws a RangeError when the bands are not for this method or are unsound: that is a configuration error, not
 * the user's input.
 */
export function assessRisk(
  method: AssessmentMethod,
  factors: Record<string, unknown>,
  bands: RiskBands = DEFAULT_BANDS[method],
): RiskAssessmentResult {
  if (!isAssessmentMethod(method)) {
    return {
      ok: false,
      problems: [{ field: "method", found: method, allowed: [...ASSESSMENT_METHODS], reason: "unknown_method" }],
    };
  }
  if (bands.method !== method) {
    throw new RangeError(`assessRisk: bands "${bands.version}" are for ${bands.method}, not ${method}`);
  }
  const bandProblems = validateBands(bands);
  if (bandProblems.length > 0) {
    throw new RangeError(`assessRisk: bands "${bands.version}" are unsound: ${JSON.stringify(bandProblems)}`);
  }

  const given: Record<string, unknown> = factors !== null && typeof factors === "object" ? factors : {};
  const names = METHOD_FACTORS[method];
  const problems: RiskAssessmentProblem[] = [];
  let productInTenths = 1;
  let divisor = 1;
  for (const name of names) {
    const allowed = scaleValues(method, name);
    const field = `factors.${name}`;
    if (!(name in given) || given[name] === undefined || given[name] === null) {
      problems.push({ field, found: given[name], allowed, reason: "missing" });
      continue;
    }
    const value = given[name];
    if (typeof value !== "number" || !allowed.includes(value)) {
      problems.push({ field, found: value, allowed, reason: "off_scale" });
      continue;
    }
    productInTenths *= Math.round(value * tenths);
    divisor *= tenths;
  }
  for (const name of Object.keys(given)) {
    if (!names.includes(name)) {
      problems.push({ field: `factors.${name}`, found: given[name], allowed: [...names], reason: "unexpected" });
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  // Integers up to 1000 × 100 × 1000 stay exact; one division, then 2 decimals, keeps the score clean.
  const score = Math.round((productInTenths / divisor) * 100) / 100;
  const level = levelForScore(score, bands);
  return { ok: true, score, level, colour: colourOf(level), bandsVersion: bands.version };
}

/** A risk point's level is the most severe of its hazards' levels; null while none is assessed. */
export function riskPointLevel(levels: RiskLevel[]): RiskLevel | null {
  if (levels.length === 0) return null;
  return Math.min(...levels) as RiskLevel;
}

/** The colour of a level: 1 red, 2 orange, 3 yellow, 4 blue. */
export function colourOf(level: RiskLevel): RiskColour {
  return riskLevelOf(level).colour;
}
