// How often a supervising department inspects an enterprise of each rating level (policy: "determine different law
// enforcement inspection frequencies … for enterprises with different risk levels"; PRODUCT.md module 5). The
// numbers are *practice*: a default, overridden per department, per territory, or per department in a territory.

import type { RiskLevel } from "../reference/risk-levels";

export type FrequencyConfig = Record<RiskLevel, { timesPerYear: number }>;

// Practice (issue defaults): red monthly, orange quarterly, yellow twice a year, blue yearly. Configurable.
export const DEFAULT_FREQUENCY: FrequencyConfig = {
  1: { timesPerYear: 12 },
  2: { timesPerYear: 4 },
  3: { timesPerYear: 2 },
  4: { timesPerYear: 1 },
};

/**
 * A department's and/or a territory's own frequencies. A territory override applies to its node and every node below
 * (paths like "/990100/990102/"); levels it leaves out fall through to the next, less specific configuration.
 */
export type FrequencyOverride = {
  department?: string;
  territoryPath?: string;
  frequency: Partial<FrequencyConfig>;
};

/** Who is asking: the supervising department and the territory node of the enterprise. */
export type FrequencyScope = { department?: string; territoryPath?: string };

export type FrequencySource = "department+territory" | "department" | "territory" | "default";

export type ResolvedFrequency = {
  timesPerYear: number;
  source: FrequencySource;
  /** The override that decided, absent for the default. */
  override?: FrequencyOverride;
};

export type FrequencyProblem = { field: string; found: unknown; reason: string };

const LEVELS: readonly RiskLevel[] = [1, 2, 3, 4];
// No department inspects one enterprise more than once a day: a bound that catches typing errors.
const MAX_TIMES_PER_YEAR = 366;

function checkTimes(field: string, value: unknown, problems: FrequencyProblem[]) {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_TIMES_PER_YEAR) {
    problems.push({ field, found: value, reason: "not_a_whole_number_0_to_366" });
  }
}

/** Everything wrong with a complete frequency configuration; [] when it can be used. */
export function validateFrequency(config: FrequencyConfig): FrequencyProblem[] {
  const problems: FrequencyProblem[] = [];
  for (const level of LEVELS) checkTimes(`${level}.timesPerYear`, config?.[level]?.timesPerYear, problems);
  return problems;
}

/** Everything wrong with a list of overrides: bad numbers, no department nor territory, the same scope twice. */
export function validateFrequencyOverrides(overrides: readonly FrequencyOverride[]): FrequencyProblem[] {
  const problems: FrequencyProblem[] = [];
  const seen = new Set<string>();
  overrides.forEach((override, index) => {
    if (override.department === undefined && override.territoryPath === undefined) {
      problems.push({ field: `[${index}]`, found: override, reason: "no_department_nor_territory" });
    }
    if (override.territoryPath !== undefined && !/^\/(?:[^/]+\/)*$/.test(override.territoryPath)) {
      problems.push({
        field: `[${index}].territoryPath`,
        found: override.territoryPath,
        reason: "not_a_territory_path",
      });
    }
    for (const [level, value] of Object.entries(override.frequency ?? {})) {
      if (!["1", "2", "3", "4"].includes(level)) {
        problems.push({ field: `[${index}].frequency.${level}`, found: level, reason: "not_a_level" });
      } else {
        checkTimes(`[${index}].frequency.${level}.timesPerYear`, value?.timesPerYear, problems);
      }
    }
    const key = `${override.department ?? ""}|${override.territoryPath ?? ""}`;
    if (seen.has(key)) problems.push({ field: `[${index}]`, found: key, reason: "duplicate_scope" });
    seen.add(key);
  });
  return problems;
}

/** Whether an override's territory covers the node: the node itself or any node below it. */
function covers(overridePath: string, nodePath: string): boolean {
  const prefix = overridePath.endsWith("/") ? overridePath : `${overridePath}/`;
  const node = nodePath.endsWith("/") ? nodePath : `${nodePath}/`;
  return node.startsWith(prefix);
}

function tierOf(override: FrequencyOverride, scope: FrequencyScope): FrequencySource | null {
  const department = override.department;
  const path = override.territoryPath;
  if (department !== undefined && department !== scope.department) return null;
  if (path !== undefined && (scope.territoryPath === undefined || !covers(path, scope.territoryPath))) return null;
  if (department !== undefined && path !== undefined) return "department+territory";
  if (department !== undefined) return "department";
  if (path !== undefined) return "territory";
  return null;
}

const TIER_RANK: Record<FrequencySource, number> = {
  "department+territory": 3,
  department: 2,
  territory: 1,
  default: 0,
};

/**
 * How many times a year an enterprise of this level is inspected in this scope. Most specific wins:
 * department+territory > department > territory > default; among territory overrides the deepest node wins, and of
 * two equally specific ones the later in the list.
 */
export function frequencyFor(
  level: RiskLevel,
  scope: FrequencyScope,
  overrides: readonly FrequencyOverride[] = [],
  defaults: FrequencyConfig = DEFAULT_FREQUENCY,
): ResolvedFrequency {
  let best: { override: FrequencyOverride; source: FrequencySource; depth: number } | undefined;
  for (const override of overrides) {
    const source = tierOf(override, scope);
    const entry = override.frequency[level];
    if (source === null || entry === undefined) continue;
    const depth = override.territoryPath?.length ?? 0;
    const better =
      best === undefined ||
      TIER_RANK[source] > TIER_RANK[best.source] ||
      (TIER_RANK[source] === TIER_RANK[best.source] && depth >= best.depth);
    if (better) best = { override, source, depth };
  }
  if (best === undefined) return { timesPerYear: defaults[level].timesPerYear, source: "default" };
  return {
    timesPerYear: (best.override.frequency[level] as { timesPerYear: number }).timesPerYear,
    source: best.source,
    override: best.override,
  };
}

/** The whole frequency configuration in force for a scope, level by level. */
export function frequencyConfigFor(
  scope: FrequencyScope,
  overrides: readonly FrequencyOverride[] = [],
  defaults: FrequencyConfig = DEFAULT_FREQUENCY,
): FrequencyConfig {
  const timesOf = (level: RiskLevel) => ({
    timesPerYear: frequencyFor(level, scope, overrides, defaults).timesPerYear,
  });
  return { 1: timesOf(1), 2: timesOf(2), 3: timesOf(3), 4: timesOf(4) };
}
