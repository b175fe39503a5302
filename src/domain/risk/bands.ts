// Score bands that turn an LS, LEC or MES score into one of the four risk levels. Bands are configuration: the
// defaults below are common practice (no national text fixes them), an administrator may replace them with a new version.

import type { RiskLevel } from "../reference/risk-levels";
import { ASSESSMENT_METHODS, type AssessmentMethod, isAssessmentMethod } from "./scales";

/** A score reaching a threshold's minScore takes its level; the first (most severe) match wins, else level 4. */
export type RiskBandThreshold = { level: RiskLevel; minScore: number };

export type RiskBands = {
  method: AssessmentMethod;
  /** Recorded on every assessment so a grade can be traced to the bands in force when it was made. */
  version: string;
  thresholds: RiskBandThreshold[];
};

export const DEFAULT_BANDS_VERSION = "default-2026";

/** Shipped defaults (*practice*, configurable). Gaps between products fall to the lower band. */
export const DEFAULT_BANDS: Record<AssessmentMethod, RiskBands> = {
  LS: {
    method: "LS",
    version: DEFAULT_BANDS_VERSION,
    thresholds: [
      { level: 1, minScore: 20 }, // DB37/T 2882-2016 LS bands: 20–25 red
      { level: 2, minScore: 15 }, // DB37/T 2882-2016 LS bands: 15–16 orange
      { level: 3, minScore: 9 }, // DB37/T 2882-2016 LS bands: 9–12 yellow, 1–8 blue
    ],
  },
  LEC: {
    method: "LEC",
    version: DEFAULT_BANDS_VERSION,
    thresholds: [
      { level: 1, minScore: 320 }, // LEC four colours (practice on Graham–Kinney's grades): D ≥ 320 red
      { level: 2, minScore: 160 }, // LEC four colours (practice on Graham–Kinney's grades): 160 ≤ D < 320 orange
      { level: 3, minScore: 70 }, // LEC four colours (practice on Graham–Kinney's grades): 70 ≤ D < 160 yellow, D < 70 blue
    ],
  },
  MES: {
    method: "MES",
    version: DEFAULT_BANDS_VERSION,
    thresholds: [
      { level: 1, minScore: 180 }, // MES bands (practice): ≥ 180 red
      { level: 2, minScore: 90 }, // MES bands (practice): 90–150 orange
      { level: 3, minScore: 50 }, // MES bands (practice): 50–80 yellow, ≤ 48 blue
    ],
  },
};

/** Levels a threshold must be given for; level 4 is whatever stays below the level-3 threshold. */
const thresholdLevels: readonly RiskLevel[] = [1, 2, 3];

export type RiskBandsProblem = {
  field: string;
  found: unknown;
  reason:
    | "unknown_method"
    | "missing_version"
    | "missing_level"
    | "duplicate_level"
    | "invalid_level"
    | "not_positive"
    | "not_decreasing";
  allowed?: (string | number)[];
};

/** Every reason an edited set of bands cannot be used; empty when the bands are sound. */
export function validateBands(bands: RiskBands): RiskBandsProblem[] {
  const problems: RiskBandsProblem[] = [];
  if (!isAssessmentMethod(bands.method)) {
    problems.push({ field: "method", found: bands.method, reason: "unknown_method", allowed: [...ASSESSMENT_METHODS] });
  }
  if (typeof bands.version !== "string" || bands.version.trim() === "") {
    problems.push({ field: "version", found: bands.version, reason: "missing_version" });
  }
  const thresholds = Array.isArray(bands.thresholds) ? bands.thresholds : [];
  const seen = new Set<number>();
  thresholds.forEach((threshold, index) => {
    const field = `thresholds[${index}]`;
    if (!(thresholdLevels as readonly unknown[]).includes(threshold?.level)) {
      problems.push({ field: `${field}.level`, found: threshold?.level, reason: "invalid_level", allowed: [1, 2, 3] });
    } else if (seen.has(threshold.level)) {
      problems.push({ field: `${field}.level`, found: threshold.level, reason: "duplicate_level" });
    } else {
      seen.add(threshold.level);
    }
    const minScore = threshold?.minScore;
    if (typeof minScore !== "number" || !Number.isFinite(minScore) || minScore <= 0) {
      problems.push({ field: `${field}.minScore`, found: minScore, reason: "not_positive" });
    }
  });
  for (const level of thresholdLevels) {
    if (!seen.has(level))
      problems.push({ field: "thresholds", found: level, reason: "missing_level", allowed: [level] });
  }
  // Compare neighbouring levels only when both are present and numeric, so one mistake is reported once.
  const minScoreOf = (level: RiskLevel) => thresholds.find((threshold) => threshold?.level === level)?.minScore;
  for (const level of [2, 3] as const) {
    const above = minScoreOf((level - 1) as RiskLevel);
    const here = minScoreOf(level);
    if (typeof above === "number" && typeof here === "number" && !(here < above)) {
      const index = thresholds.findIndex((threshold) => threshold?.level === level);
      problems.push({ field: `thresholds[${index}].minScore`, found: here, reason: "not_decreasing" });
    }
  }
  return problems;
}

/** The level a score falls in; the thresholds may be listed in any order. */
export function levelForScore(score: number, bands: RiskBands): RiskLevel {
  const mostSevereFirst = [...bands.thresholds].sort((a, b) => a.level - b.level);
  return mostSevereFirst.find((threshold) => score >= threshold.minScore)?.level ?? 4;
}
