// Regional risk level of a territory node: a weighted share of its enterprises' and public-area risk points' levels,
// raised by major hazard sources and active alarms (policy: "determine the safety risk level of the whole area";
// PRODUCT.md module 5). The rule and every number are *practice*: configuration with the defaults below.

import { type RiskColour, type RiskLevel, riskLevelOf } from "../reference/risk-levels";
import type { MajorHazardLevel } from "./rating-model";

export type RegionalInput = {
  /** Current rating level of every enterprise in the node and below. */
  enterpriseLevels: RiskLevel[];
  /** Level of every public-area risk point in the node and below. */
  publicRiskPointLevels: RiskLevel[];
  /** GB 18218-2018 level (table 6) of every major hazard source in the node and below. */
  majorHazardLevels: MajorHazardLevel[];
  /** Alarms not yet cleared, by colour (severity 1 red … 4 blue). */
  activeAlarms: { red: number; orange: number; yellow: number; blue: number };
};

/** The conditions that raise a region's level whatever its score. */
export type RaiseRule = "level1MajorHazardSource" | "level2MajorHazardSource" | "activeRedAlarm" | "activeOrangeAlarm";

export type RegionalConfig = {
  version: string;
  /** What one unit at each level adds to the 0–100 index; each must lie in its own level's band. */
  levelValues: Record<RiskLevel, number>;
  /** Share of the index given to enterprises and to public-area risk points; renormalised when one kind is absent. */
  enterpriseWeight: number;
  publicRiskPointWeight: number;
  /** Lowest index of each level; below the level-3 threshold is level 4. */
  thresholds: Record<1 | 2 | 3, number>;
  /** The least severe level each condition raises the region to; null turns the rule off. */
  raiseTo: Record<RaiseRule, RiskLevel | null>;
};

/** Shipped defaults: practice, configurable (docs/rating-model.md, "Regional level"). */
export const DEFAULT_REGIONAL: RegionalConfig = {
  version: "default-2026",
  levelValues: { 1: 100, 2: 40, 3: 15, 4: 0 }, // practice: a red unit weighs 2.5 orange ones, an orange one ~2.7 yellow
  enterpriseWeight: 0.7, // practice: enterprises carry most of a region's risk
  publicRiskPointWeight: 0.3, // practice: public areas (markets, stations, parks) the rest
  thresholds: { 1: 45, 2: 25, 3: 10 }, // practice: all-orange is orange, all-yellow yellow, 45 % red is red
  raiseTo: {
    level1MajorHazardSource: 2, // practice (issue): a GB 18218 level-1 source raises the region to at least orange
    level2MajorHazardSource: 3, // practice: a level-2 source to at least yellow
    activeRedAlarm: 1, // practice (issue): an active red alarm makes the region red while it is active
    activeOrangeAlarm: 3, // practice: an active orange alarm to at least yellow while active
  },
};

export type RegionalRaise = { rule: RaiseRule; count: number; toLevel: RiskLevel };

export type RegionalLevel = {
  level: RiskLevel;
  colour: RiskColour;
  /** The 0–100 index, one decimal; the raise rules change the level, never the index. */
  score: number;
  /** The level the index alone gives. */
  scoreLevel: RiskLevel;
  /** The rules that made the level more severe than the index alone, most severe first. */
  raisedBy: RegionalRaise[];
  explanationZh: string;
  explanationEn: string;
  configVersion: string;
};

export type RegionalConfigProblem = { field: string; found: unknown; reason: string };

const LEVELS: readonly RiskLevel[] = [1, 2, 3, 4];
const RAISE_RULES: readonly RaiseRule[] = [
  "activeRedAlarm",
  "level1MajorHazardSource",
  "level2MajorHazardSource",
  "activeOrangeAlarm",
];

function isNumberIn(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= min && value <= max;
}

/** Everything wrong with a regional configuration; [] when it can be used. */
export function validateRegionalConfig(config: RegionalConfig): RegionalConfigProblem[] {
  const problems: RegionalConfigProblem[] = [];
  if (typeof config.version !== "string" || config.version.trim() === "") {
    problems.push({ field: "version", found: config.version, reason: "missing_version" });
  }
  for (const level of LEVELS) {
    const value = config.levelValues?.[level];
    if (!isNumberIn(value, 0, 100))
      problems.push({ field: `levelValues.${level}`, found: value, reason: "outside_0_to_100" });
  }
  for (const field of ["enterpriseWeight", "publicRiskPointWeight"] as const) {
    if (!isNumberIn(config[field], 0, Number.MAX_VALUE)) {
      problems.push({ field, found: config[field], reason: "negative_or_not_a_number" });
    }
  }
  if (config.enterpriseWeight + config.publicRiskPointWeight <= 0) {
    problems.push({ field: "enterpriseWeight", found: config.enterpriseWeight, reason: "weights_sum_to_zero" });
  }
  for (const level of [1, 2, 3] as const) {
    const value = config.thresholds?.[level];
    if (!isNumberIn(value, Number.MIN_VALUE, 100)) {
      problems.push({ field: `thresholds.${level}`, found: value, reason: "outside_0_to_100" });
    }
  }
  for (const level of [2, 3] as const) {
    const above = config.thresholds?.[(level - 1) as 1 | 2];
    const here = config.thresholds?.[level];
    if (typeof above === "number" && typeof here === "number" && !(here < above)) {
      problems.push({ field: `thresholds.${level}`, found: here, reason: "not_decreasing" });
    }
  }
  if (problems.length === 0) {
    // A region whose units are all at one level must take that level.
    for (const level of LEVELS) {
      const value = config.levelValues[level];
      if (levelForIndex(value, config) !== level) {
        problems.push({ field: `levelValues.${level}`, found: value, reason: "outside_its_own_band" });
      }
    }
  }
  for (const rule of RAISE_RULES) {
    const value = config.raiseTo?.[rule];
    if (value !== null && !(LEVELS as readonly unknown[]).includes(value)) {
      problems.push({ field: `raiseTo.${rule}`, found: value, reason: "not_a_level_or_null" });
    }
  }
  return problems;
}

function levelForIndex(index: number, config: RegionalConfig): RiskLevel {
  for (const level of [1, 2, 3] as const) {
    if (index >= config.thresholds[level]) return level;
  }
  return 4;
}

function meanValue(levels: RiskLevel[], config: RegionalConfig): number {
  return levels.reduce((sum, level) => sum + config.levelValues[level], 0) / levels.length;
}

function tally(levels: RiskLevel[]): Record<RiskLevel, number> {
  const counts: Record<RiskLevel, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const level of levels) counts[level] += 1;
  return counts;
}

const COLOUR_ZH: Record<RiskColour, string> = { red: "红色", orange: "橙色", yellow: "黄色", blue: "蓝色" };
const LEVEL_SHORT_ZH: Record<RiskLevel, string> = { 1: "红", 2: "橙", 3: "黄", 4: "蓝" };

const RAISE_WORDING: Record<RaiseRule, { zh: (count: number) => string; en: (count: number) => string }> = {
  activeRedAlarm: {
    zh: (count) => `${count} 条红色报警未解除`,
    en: (count) => (count === 1 ? "an active red alarm" : `${count} active red alarms`),
  },
  level1MajorHazardSource: {
    zh: (count) => `${count} 处一级重大危险源`,
    en: (count) => (count === 1 ? "a level-1 major hazard source" : `${count} level-1 major hazard sources`),
  },
  level2MajorHazardSource: {
    zh: (count) => `${count} 处二级重大危险源`,
    en: (count) => (count === 1 ? "a level-2 major hazard source" : `${count} level-2 major hazard sources`),
  },
  activeOrangeAlarm: {
    zh: (count) => `${count} 条橙色报警未解除`,
    en: (count) => (count === 1 ? "an active orange alarm" : `${count} active orange alarms`),
  },
};

function formatIndex(score: number): string {
  return score.toFixed(1);
}

/** The level of a territory node from what lies in it and below it. */
export function regionalLevel(input: RegionalInput, config: RegionalConfig = DEFAULT_REGIONAL): RegionalLevel {
  const problems = validateRegionalConfig(config);
  if (problems.length > 0) {
    const list = problems.map((problem) => `${problem.field}: ${problem.reason} (${String(problem.found)})`);
    throw new RangeError(`cannot compute the regional level: ${list.join("; ")}`);
  }
  const parts: { weight: number; mean: number }[] = [];
  if (input.enterpriseLevels.length > 0) {
    parts.push({ weight: config.enterpriseWeight, mean: meanValue(input.enterpriseLevels, config) });
  }
  if (input.publicRiskPointLevels.length > 0) {
    parts.push({ weight: config.publicRiskPointWeight, mean: meanValue(input.publicRiskPointLevels, config) });
  }
  const totalWeight = parts.reduce((sum, part) => sum + part.weight, 0);
  const rawIndex = totalWeight > 0 ? parts.reduce((sum, part) => sum + part.weight * part.mean, 0) / totalWeight : 0;
  const score = Math.round(rawIndex * 10) / 10;
  const scoreLevel = levelForIndex(score, config);

  const counts: Record<RaiseRule, number> = {
    activeRedAlarm: input.activeAlarms.red,
    level1MajorHazardSource: input.majorHazardLevels.filter((level) => level === 1).length,
    level2MajorHazardSource: input.majorHazardLevels.filter((level) => level === 2).length,
    activeOrangeAlarm: input.activeAlarms.orange,
  };
  const raisedBy: RegionalRaise[] = RAISE_RULES.flatMap((rule) => {
    const toLevel = config.raiseTo[rule];
    return toLevel !== null && counts[rule] > 0 && toLevel < scoreLevel ? [{ rule, count: counts[rule], toLevel }] : [];
  }).sort((a, b) => a.toLevel - b.toLevel);
  const level = Math.min(scoreLevel, ...raisedBy.map((raise) => raise.toLevel)) as RiskLevel;
  const colour = riskLevelOf(level).colour;

  const enterprises = tally(input.enterpriseLevels);
  const points = tally(input.publicRiskPointLevels);
  const zhParts: string[] = [];
  const enParts: string[] = [];
  const describe = (counts: Record<RiskLevel, number>, total: number, zhNoun: string, enNoun: string) => {
    zhParts.push(`${zhNoun} ${total}（${LEVELS.map((item) => `${LEVEL_SHORT_ZH[item]} ${counts[item]}`).join("、")}）`);
    const enCounts = LEVELS.map((item) => `${counts[item]} ${riskLevelOf(item).colour}`).join(", ");
    enParts.push(`${total} ${enNoun} (${enCounts})`);
  };
  if (input.enterpriseLevels.length > 0) {
    describe(enterprises, input.enterpriseLevels.length, "企业", "enterprises");
  }
  if (input.publicRiskPointLevels.length > 0) {
    describe(points, input.publicRiskPointLevels.length, "公共区域风险点", "public risk points");
  }
  if (parts.length === 0) {
    zhParts.push("无企业和公共区域风险点");
    enParts.push("no enterprises or public risk points");
  }
  for (const raise of raisedBy) {
    const toColour = riskLevelOf(raise.toLevel).colour;
    const whileActive = raise.rule === "activeRedAlarm" || raise.rule === "activeOrangeAlarm";
    zhParts.push(
      `${RAISE_WORDING[raise.rule].zh(raise.count)}，至少${COLOUR_ZH[toColour]}${whileActive ? "（报警解除后恢复）" : ""}`,
    );
    enParts.push(
      `raised to at least ${toColour} by ${RAISE_WORDING[raise.rule].en(raise.count)}${whileActive ? " while active" : ""}`,
    );
  }
  return {
    level,
    colour,
    score,
    scoreLevel,
    raisedBy,
    explanationZh: `${COLOUR_ZH[colour]}（指数 ${formatIndex(score)}）：${zhParts.join("；")}`,
    explanationEn: `${colour} (index ${formatIndex(score)}): ${enParts.join("; ")}`,
    configVersion: config.version,
  };
}
