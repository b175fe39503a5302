// Alarm rules: threshold, sustained for a duration, rate of change and inactivity (no data, which Work Safety Law
// (2021) art. 36 makes an alarm of its own: monitoring may not be switched off). A device's rules are its type's
// defaults merged with its own overrides, by rule id.

import { type LocalisedText, text } from "../text";
import { type AlarmSeverity, type DeviceType, deviceTypeInfo } from "./device-types";

export const ALARM_RULE_KINDS = [
  "threshold_high",
  "threshold_high_high",
  "threshold_low",
  "sustained",
  "rate_of_change",
  "inactivity",
] as const;
export type AlarmRuleKind = (typeof ALARM_RULE_KINDS)[number];

export const ALARM_RULE_KIND_LABELS: Readonly<Record<AlarmRuleKind, LocalisedText>> = {
  threshold_high: text("高限报警", "High alarm"),
  threshold_high_high: text("高高限报警", "High-high alarm"),
  threshold_low: text("低限报警", "Low alarm"),
  sustained: text("持续超限报警", "Sustained alarm"),
  rate_of_change: text("变化速率报警", "Rate-of-change alarm"),
  inactivity: text("监测离线", "Monitoring offline"),
};

/**
 * One alarm rule of a device. Which fields a kind reads:
 * - threshold_high, threshold_high_high: raise at value ≥ threshold; clear at value < clearThreshold.
 * - threshold_low: raise at value ≤ threshold; clear at value > clearThreshold.
 * - sustained: the threshold condition (direction "above" by default, or "below") must hold over readings for
 *   durationSeconds before it raises; clears like a threshold rule.
 * - rate_of_change: ratePerMinute is signed: positive raises on a rise at least that fast, negative on a fall at
 *   least that fast (a draining tank). clearThreshold is then a rate per minute with the same sign.
 * - inactivity: raises after durationSeconds without data; clears on the next reading.
 * clearThreshold defaults to the raise point (no hysteresis).
 */
export type AlarmRule = {
  /** Unique among one device's rules; overrides match defaults by it. */
  id: string;
  kind: AlarmRuleKind;
  severity: AlarmSeverity;
  /** false switches the rule off; absent means on. */
  enabled?: boolean;
  threshold?: number;
  /** Hysteresis: the value (or rate) that must be passed back before the alarm clears. */
  clearThreshold?: number;
  /** sustained: how long the condition must hold; inactivity: how long the silence must last. */
  durationSeconds?: number;
  /** rate_of_change: signed change per minute that raises the alarm. */
  ratePerMinute?: number;
  /** sustained: whether the condition is at or above the threshold (default) or at or below it. */
  direction?: "above" | "below";
  /** Unit for messages; effectiveRules fills it from the device type. */
  unit?: string;
};

/** A per-device change: the fields given replace the default rule's with the same id; a new id adds a rule. */
export type AlarmRuleOverride = { id: string } & Partial<Omit<AlarmRule, "id">>;

export type RuleProblemCode =
  | "id_required"
  | "invalid_kind"
  | "invalid_severity"
  | "threshold_required"
  | "clear_threshold_wrong_side"
  | "duration_required"
  | "rate_required"
  | "invalid_direction";

export type RuleProblem = { ruleId: string; code: RuleProblemCode; message: LocalisedText };

const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** Whether a rule's condition points upwards (value or rate must rise to raise it). */
export function raisesUpwards(rule: AlarmRule): boolean {
  switch (rule.kind) {
    case "threshold_low":
      return false;
    case "sustained":
      return rule.direction !== "below";
    case "rate_of_change":
      return (rule.ratePerMinute ?? 0) >= 0;
    default:
      return true;
  }
}

/** What is wrong with a rule, [] when it can be evaluated. The server checks overrides with it before saving. */
export function ruleProblems(rule: AlarmRule): RuleProblem[] {
  const id = typeof rule.id === "string" ? rule.id : "";
  const problems: RuleProblem[] = [];
  const add = (code: RuleProblemCode, zh: string, en: string) =>
    problems.push({ ruleId: id, code, message: text(zh, en) });

  if (id.trim() === "") add("id_required", "规则须有编号。", "A rule needs an id.");
  if (!ALARM_RULE_KINDS.includes(rule.kind)) {
    add("invalid_kind", "规则类型无效。", `Unknown rule kind "${String(rule.kind)}".`);
    return problems;
  }
  if (![1, 2, 3, 4].includes(rule.severity)) {
    add("invalid_severity", "报警级别须为 1–4。", "The severity must be 1, 2, 3 or 4.");
  }
  const needsThreshold = rule.kind !== "rate_of_change" && rule.kind !== "inactivity";
  if (needsThreshold && !isNumber(rule.threshold)) {
    add("threshold_required", "请设置报警阈值。", "Set the alarm threshold.");
  }
  if (rule.kind === "sustained" || rule.kind === "inactivity") {
    if (!isNumber(rule.durationSeconds) || rule.durationSeconds <= 0) {
      add("duration_required", "请设置持续时间（秒，大于 0）。", "Set the duration in seconds, more than 0.");
    }
  }
  if (rule.kind === "sustained" && rule.direction !== undefined && !["above", "below"].includes(rule.direction)) {
    add("invalid_direction", "方向须为 above 或 below。", 'The direction must be "above" or "below".');
  }
  if (rule.kind === "rate_of_change" && (!isNumber(rule.ratePerMinute) || rule.ratePerMinute === 0)) {
    add("rate_required", "请设置每分钟变化速率（不为 0）。", "Set the rate of change per minute (not 0).");
  }
  const raisePoint = rule.kind === "rate_of_change" ? rule.ratePerMinute : rule.threshold;
  if (rule.clearThreshold !== undefined && isNumber(raisePoint)) {
    const upwards = raisesUpwards(rule);
    // The clear point must lie on the safe side of the raise point, or the alarm would clear while still raised.
    const wrongSide =
      !isNumber(rule.clearThreshold) || (upwards ? rule.clearThreshold > raisePoint : rule.clearThreshold < raisePoint);
    if (wrongSide) {
      add(
        "clear_threshold_wrong_side",
        upwards ? "解除阈值不能高于报警阈值。" : "解除阈值不能低于报警阈值。",
        upwards
          ? "The clear threshold cannot be above the alarm threshold."
          : "The clear threshold cannot be below the alarm threshold.",
      );
    }
  }
  return problems;
}

/**
 * The device's rules in force: the type's defaults with each override merged in by id (a new id adds a rule),
 * minus the rules switched off (enabled: false), each stamped with the type's unit. A merged default that does not
 * pass ruleProblems falls back to the default, so a bad override never silences a gas alarm; a new rule that does
 * not pass is left out. The server rejects such overrides on save, so neither should happen.
 */
export function effectiveRules(deviceType: DeviceType, overrides: readonly AlarmRuleOverride[] = []): AlarmRule[] {
  const info = deviceTypeInfo(deviceType);
  const byId = new Map<string, AlarmRuleOverride>();
  for (const override of overrides) byId.set(override.id, { ...byId.get(override.id), ...override });

  const merged: AlarmRule[] = info.defaultRules.map((rule) => {
    const override = byId.get(rule.id);
    if (!override) return rule;
    const candidate: AlarmRule = { ...rule, ...override };
    return ruleProblems(candidate).length === 0 ? candidate : { ...rule, enabled: override.enabled ?? rule.enabled };
  });
  const defaultIds = new Set(info.defaultRules.map((rule) => rule.id));
  for (const [id, override] of byId) {
    if (defaultIds.has(id)) continue;
    const added = override as AlarmRule;
    if (ruleProblems(added).length === 0) merged.push(added);
  }
  return merged.filter((rule) => rule.enabled !== false).map((rule) => ({ ...rule, unit: rule.unit ?? info.unit }));
}
