// Evaluating one alarm rule of one device, reading by reading. The state a rule needs between
// readings is plain JSON the server stores per (device, rule), so durations and silence timers resume after a restart.
// No clock is read here: every time comes from the reading or from the caller's `now`.
//
// Ordering rule (MQTT QoS 1 delivers duplicates and, after reconnects, stragglers): each rule keeps the timestamp of
// the newest reading it evaluated. A reading with the same timestamp is a duplicate and changes nothing; an older one
// arrived out of order and changes nothing either: not the rate (it would be computed backwards), not a sustained
// run, not the alarm (it describes the past, not the present). Evaluation is therefore idempotent on (device, ts).

import type { LocalisedText } from "../text";
import { ALARM_RULE_KIND_LABELS, type AlarmRule, raisesUpwards } from "./rules";

/**
 * What one rule remembers between readings. Times are epoch milliseconds: numbers survive JSON.stringify/parse and a
 * JSONB column unchanged and compare without parsing. `version` lets the server migrate stored states.
 */
export type RuleState = {
  version: 1;
  /** Timestamp (device clock) of the newest reading evaluated; older and equal ones are ignored. */
  lastTsMs: number | null;
  /** Value of that reading: the rate of change is computed against it. */
  lastValue: number | null;
  /** When data last arrived (the caller's `now`, else the reading's ts), or when watching began: inactivity. */
  lastSeenMs: number | null;
  /** Whether this rule's alarm is raised. */
  active: boolean;
  raisedAtMs: number | null;
  /** The most extreme compared quantity since raising (highest, or lowest for a downward rule). */
  peak: number | null;
  /** sustained: timestamp of the first reading of the current run that met the condition. */
  conditionSinceMs: number | null;
};

/**
 * A change to the (device, rule) alarm. `value` is the quantity the rule compares: the reading for threshold and
 * sustained rules, the change per minute for rate of change, seconds without data for inactivity.
 */
export type AlarmTransition = {
  type: "raise" | "update" | "clear";
  value: number;
  /** The most extreme value since raising, this one included. */
  peak: number;
  at: Date;
  message: LocalisedText;
};

export type IgnoredReason = "invalid" | "duplicate" | "out_of_order" | "future";

export type ReadingEvaluation = {
  state: RuleState;
  transition: AlarmTransition | null;
  /** Why the reading changed nothing; null when it was evaluated. */
  ignored: IgnoredReason | null;
};

export type SilenceEvaluation = { state: RuleState; transition: AlarmTransition | null };

// Practice: a device clock may run a little ahead; a reading further ahead than this is refused, because accepting it
// would make every later, correct reading look out of order.
export const MAX_FUTURE_SKEW_SECONDS = 300;

/** A fresh state. `watchSince` (commissioning, or rule creation) starts the silence clock of a device never heard. */
export function newRuleState(watchSince?: Date): RuleState {
  return {
    version: 1,
    lastTsMs: null,
    lastValue: null,
    lastSeenMs: watchSince ? watchSince.getTime() : null,
    active: false,
    raisedAtMs: null,
    peak: null,
    conditionSinceMs: null,
  };
}

const isNumberOrNull = (value: unknown) => value === null || (typeof value === "number" && Number.isFinite(value));

/** The stored JSON as a RuleState, or null when it is not one (the server then starts afresh and logs it). */
export function parseRuleState(value: unknown): RuleState | null {
  if (typeof value !== "object" || value === null) return null;
  const s = value as Record<string, unknown>;
  const numbers = ["lastTsMs", "lastValue", "lastSeenMs", "raisedAtMs", "peak", "conditionSinceMs"];
  if (s.version !== 1 || typeof s.active !== "boolean" || !numbers.every((key) => isNumberOrNull(s[key]))) return null;
  return {
    version: 1,
    lastTsMs: s.lastTsMs as number | null,
    lastValue: s.lastValue as number | null,
    lastSeenMs: s.lastSeenMs as number | null,
    active: s.active,
    raisedAtMs: s.raisedAtMs as number | null,
    peak: s.peak as number | null,
    conditionSinceMs: s.conditionSinceMs as number | null,
  };
}

const isFiniteNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

function num(n: number): string {
  const rounded = Math.round(n * 1000) / 1000;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

function withUnit(n: number, unit: string | undefined): string {
  return unit ? `${num(n)} ${unit}` : num(n);
}

/** Raise and clear points of a rule comparing a value (or a rate); null when the rule lacks them. */
function limits(rule: AlarmRule): { raiseAt: number; clearAt: number; upwards: boolean } | null {
  const raiseAt = rule.kind === "rate_of_change" ? rule.ratePerMinute : rule.threshold;
  if (!isFiniteNumber(raiseAt)) return null;
  const clearAt = isFiniteNumber(rule.clearThreshold) ? rule.clearThreshold : raiseAt;
  return { raiseAt, clearAt, upwards: raisesUpwards(rule) };
}

const meetsRaise = (x: number, l: { raiseAt: number; upwards: boolean }) =>
  l.upwards ? x >= l.raiseAt : x <= l.raiseAt;
const meetsClear = (x: number, l: { clearAt: number; upwards: boolean }) => (l.upwards ? x < l.clearAt : x > l.clearAt);

type Wording = {
  raise: (measured: number) => LocalisedText;
  update: (measured: number, peak: number) => LocalisedText;
  clear: (measured: number) => LocalisedText;
};

function wording(rule: AlarmRule, l: { raiseAt: number; clearAt: number; upwards: boolean }, value: number): Wording {
  const label = ALARM_RULE_KIND_LABELS[rule.kind];
  const u = rule.unit;
  if (rule.kind === "rate_of_change") {
    const perMin = u ? `${u}/min` : "/min";
    const rising = l.upwards;
    return {
      raise: (rate) => ({
        "zh-CN": `变化速率报警：读数每分钟${rising ? "上升" : "下降"} ${num(Math.abs(rate))}（报警值 ${num(Math.abs(l.raiseAt))} ${perMin}），当前读数 ${withUnit(value, u)}`,
        en: `Rate-of-change alarm: the reading is ${rising ? "rising" : "falling"} by ${num(Math.abs(rate))} ${perMin} (limit ${num(Math.abs(l.raiseAt))} ${perMin}), now ${withUnit(value, u)}`,
      }),
      update: (rate, peak) => ({
        "zh-CN": `变化速率报警持续：每分钟变化 ${num(rate)}，峰值 ${num(peak)} ${perMin}，当前读数 ${withUnit(value, u)}`,
        en: `Rate-of-change alarm continues: ${num(rate)} ${perMin}, peak ${num(peak)} ${perMin}, now ${withUnit(value, u)}`,
      }),
      clear: (rate) => ({
        "zh-CN": `变化速率报警解除：每分钟变化 ${num(rate)}，已回到 ${num(l.clearAt)} ${perMin} 的解除值以内`,
        en: `Rate-of-change alarm cleared: ${num(rate)} ${perMin} is back within the clear rate ${num(l.clearAt)} ${perMin}`,
      }),
    };
  }
  const sustainedFor = rule.kind === "sustained" ? (rule.durationSeconds ?? 0) : 0;
  return {
    raise: (v) =>
      rule.kind === "sustained"
        ? {
            "zh-CN": `持续超限报警：读数已持续 ${num(sustainedFor)} 秒${l.upwards ? "不低于" : "不高于"}阈值 ${withUnit(l.raiseAt, u)}，当前 ${withUnit(v, u)}`,
            en: `Sustained alarm: the reading has been at or ${l.upwards ? "above" : "below"} ${withUnit(l.raiseAt, u)} for ${num(sustainedFor)} s, now ${withUnit(v, u)}`,
          }
        : {
            "zh-CN": `${label["zh-CN"]}：读数 ${withUnit(v, u)} ${l.upwards ? "达到或超过" : "等于或低于"}报警阈值 ${withUnit(l.raiseAt, u)}`,
            en: `${label.en}: reading ${withUnit(v, u)} at or ${l.upwards ? "above" : "below"} the alarm threshold ${withUnit(l.raiseAt, u)}`,
          },
    update: (v, peak) => ({
      "zh-CN": `${label["zh-CN"]}持续：读数 ${withUnit(v, u)}，峰值 ${withUnit(peak, u)}`,
      en: `${label.en} continues: reading ${withUnit(v, u)}, peak ${withUnit(peak, u)}`,
    }),
    clear: (v) => ({
      "zh-CN": `${label["zh-CN"]}解除：读数 ${withUnit(v, u)} 已回到解除阈值 ${withUnit(l.clearAt, u)} ${l.upwards ? "以下" : "以上"}`,
      en: `${label.en} cleared: reading ${withUnit(v, u)} is back ${l.upwards ? "below" : "above"} the clear threshold ${withUnit(l.clearAt, u)}`,
    }),
  };
}

/**
 * One step of a rule that compares a quantity: raise when it meets the raise point (and `gate` allows, for sustained
 * rules), update while raised and not past the clear point, clear once past it. The band between the two points
 * keeps whatever the alarm was, so a value wandering inside it does not flap.
 */
function compare(
  next: RuleState,
  l: { raiseAt: number; clearAt: number; upwards: boolean },
  measured: number,
  atMs: number,
  words: Wording,
  gate: boolean,
): { state: RuleState; transition: AlarmTransition | null } {
  const at = new Date(atMs);
  if (!next.active) {
    if (!meetsRaise(measured, l) || !gate) return { state: next, transition: null };
    return {
      state: { ...next, active: true, raisedAtMs: atMs, peak: measured },
      transition: { type: "raise", value: measured, peak: measured, at, message: words.raise(measured) },
    };
  }
  const peak =
    next.peak === null ? measured : l.upwards ? Math.max(next.peak, measured) : Math.min(next.peak, measured);
  if (meetsClear(measured, l)) {
    return {
      state: { ...next, active: false, raisedAtMs: null, peak: null, conditionSinceMs: null },
      transition: { type: "clear", value: measured, peak, at, message: words.clear(measured) },
    };
  }
  return {
    state: { ...next, peak },
    transition: { type: "update", value: measured, peak, at, message: words.update(measured, peak) },
  };
}

/**
 * Evaluates one reading against one rule. `now` is when the reading reached the platform (the inactivity clock runs
 * on arrival, so a device clock that is off cannot hold the alarm up) and guards against readings from the future;
 * without it, the reading's own timestamp stands in.
 */
export function evaluateReading(
  state: RuleState,
  rule: AlarmRule,
  reading: { ts: Date; value: number },
  now?: Date,
): ReadingEvaluation {
  const ignore = (ignored: IgnoredReason): ReadingEvaluation => ({ state, transition: null, ignored });
  const ts = reading.ts instanceof Date ? reading.ts.getTime() : Number.NaN;
  const nowMs = now ? now.getTime() : undefined;
  if (!Number.isFinite(ts) || !isFiniteNumber(reading.value)) return ignore("invalid");
  if (nowMs !== undefined && ts > nowMs + MAX_FUTURE_SKEW_SECONDS * 1000) return ignore("future");
  if (state.lastTsMs !== null && ts === state.lastTsMs) return ignore("duplicate");
  if (state.lastTsMs !== null && ts < state.lastTsMs) return ignore("out_of_order");

  const value = reading.value;
  const arrivedMs = nowMs ?? ts;
  const next: RuleState = {
    ...state,
    lastTsMs: ts,
    lastValue: value,
    lastSeenMs: state.lastSeenMs === null ? arrivedMs : Math.max(state.lastSeenMs, arrivedMs),
  };
  const evaluated = (result: { state: RuleState; transition: AlarmTransition | null }): ReadingEvaluation => ({
    ...result,
    ignored: null,
  });

  if (rule.kind === "inactivity") {
    if (!state.active) return evaluated({ state: next, transition: null });
    const gapSeconds = state.lastSeenMs === null ? 0 : Math.max(0, (arrivedMs - state.lastSeenMs) / 1000);
    return evaluated({
      state: { ...next, active: false, raisedAtMs: null, peak: null },
      transition: {
        type: "clear",
        value: gapSeconds,
        peak: Math.max(gapSeconds, state.peak ?? 0),
        at: new Date(arrivedMs),
        message: {
          "zh-CN": `监测恢复：中断 ${num(gapSeconds)} 秒后重新收到数据`,
          en: `Monitoring back online: data arrived after ${num(gapSeconds)} s of silence`,
        },
      },
    });
  }

  const l = limits(rule);
  // A rule missing its numbers cannot raise; the reading is still recorded so the rule works once they are set.
  if (l === null) return evaluated({ state: next, transition: null });

  if (rule.kind === "rate_of_change") {
    if (state.lastTsMs === null || state.lastValue === null) return evaluated({ state: next, transition: null });
    const ratePerMinute = (value - state.lastValue) / ((ts - state.lastTsMs) / 60_000);
    return evaluated(compare(next, l, ratePerMinute, ts, wording(rule, l, value), true));
  }

  if (rule.kind === "sustained") {
    // Sample and hold: the condition is taken to have held between two readings that both met it.
    const since = meetsRaise(value, l) ? (state.conditionSinceMs ?? ts) : null;
    const heldMs = since === null ? 0 : ts - since;
    const gate = heldMs >= (rule.durationSeconds ?? 0) * 1000;
    const result = compare({ ...next, conditionSinceMs: since }, l, value, ts, wording(rule, l, value), gate);
    return evaluated(result);
  }

  return evaluated(compare(next, l, value, ts, wording(rule, l, value), true));
}

/**
 * Checks an inactivity rule for silence; a job calls it on a timer. Raises once the time since data last arrived
 * (or since watching began) reaches durationSeconds, and returns nothing more while it stays raised, so the job may
 * run as often as it likes. The next reading clears it (evaluateReading). Other kinds: nothing to do.
 */
export function evaluateSilence(state: RuleState, rule: AlarmRule, now: Date): SilenceEvaluation {
  const limitSeconds = rule.durationSeconds;
  if (rule.kind !== "inactivity" || state.active || state.lastSeenMs === null || !isFiniteNumber(limitSeconds)) {
    return { state, transition: null };
  }
  const nowMs = now.getTime();
  const silentSeconds = (nowMs - state.lastSeenMs) / 1000;
  if (silentSeconds < limitSeconds) return { state, transition: null };
  return {
    state: { ...state, active: true, raisedAtMs: nowMs, peak: silentSeconds },
    transition: {
      type: "raise",
      value: silentSeconds,
      peak: silentSeconds,
      at: new Date(nowMs),
      message: {
        // Work Safety Law (2021) art. 36 ¶3.
        "zh-CN":
          `监测离线：已 ${num(silentSeconds)} 秒未收到数据（限值 ${num(limitSeconds)} 秒）。` +
          "《安全生产法》第三十六条：不得关闭、破坏直接关系生产安全的监控、报警设备、设施，或者篡改、隐瞒、销毁其相关数据、信息。",
        en:
          `Monitoring offline: no data for ${num(silentSeconds)} s (limit ${num(limitSeconds)} s). ` +
          "Work Safety Law art. 36: monitoring and alarm equipment that bears directly on safety may not be switched " +
          "off or damaged, nor its data tampered with, concealed or destroyed.",
      },
    },
  };
}
