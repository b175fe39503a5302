import { describe, expect, it } from "vitest";
import {
  type AlarmTransition,
  evaluateReading,
  evaluateSilence,
  MAX_FUTURE_SKEW_SECONDS,
  newRuleState,
  parseRuleState,
  type RuleState,
} from "./evaluate";
import type { AlarmRule } from "./rules";

const T0 = Date.parse("2026-11-29T00:00:00Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000);

const gasHigh: AlarmRule = {
  id: "high",
  kind: "threshold_high",
  severity: 2,
  threshold: 20,
  clearThreshold: 18,
  unit: "%LEL",
};
const oxygenLow: AlarmRule = { id: "low", kind: "threshold_low", severity: 2, threshold: 19.5, clearThreshold: 20 };
const sustained: AlarmRule = { id: "hot", kind: "sustained", severity: 3, threshold: 80, durationSeconds: 300 };
const rising: AlarmRule = { id: "rise", kind: "rate_of_change", severity: 3, ratePerMinute: 5, clearThreshold: 2 };
const silence: AlarmRule = { id: "inactivity", kind: "inactivity", severity: 3, durationSeconds: 300 };

/** Simulates the server: store the state as JSON after every step, read it back before the next. */
const restart = (state: RuleState): RuleState => parseRuleState(JSON.parse(JSON.stringify(state)))!;

/** Feeds [seconds, value] readings in order, restarting between each, and returns the transitions' types. */
function run(rule: AlarmRule, readings: [number, number][], start: RuleState = newRuleState()) {
  let state = start;
  const transitions: (AlarmTransition | null)[] = [];
  for (const [seconds, value] of readings) {
    const result = evaluateReading(restart(state), rule, { ts: at(seconds), value });
    state = result.state;
    transitions.push(result.transition);
  }
  return { state, transitions, types: transitions.map((t) => t?.type ?? null) };
}

describe("threshold rules", () => {
  it("raises at exactly the threshold, not below it", () => {
    expect(run(gasHigh, [[0, 19.9]]).types).toEqual([null]);
    expect(run(gasHigh, [[0, 20]]).types).toEqual(["raise"]);
  });

  it("updates, never raises again, while the value stays up", () => {
    const { types, state } = run(gasHigh, [
      [0, 22],
      [60, 30],
      [120, 25],
    ]);
    expect(types).toEqual(["raise", "update", "update"]);
    expect(state.active).toBe(true);
    expect(state.peak).toBe(30);
    expect(state.raisedAtMs).toBe(at(0).getTime());
  });

  it("clears only below the clear threshold: 18 %LEL still holds the alarm, 17.9 clears it", () => {
    const { types, transitions } = run(gasHigh, [
      [0, 25],
      [60, 19],
      [120, 18],
      [180, 17.9],
    ]);
    expect(types).toEqual(["raise", "update", "update", "clear"]);
    expect(transitions[3]).toMatchObject({ value: 17.9, peak: 25, at: at(180) });
  });

  it("does not flap while the value wanders between the clear threshold and the threshold", () => {
    const wandering: [number, number][] = [19, 18.5, 19.9, 18.1, 19.5].map((v, i) => [i * 10, v]);
    expect(run(gasHigh, wandering).types.every((t) => t === null)).toBe(true);
    const afterRaise = run(gasHigh, [[0, 21], ...wandering.map(([s, v]): [number, number] => [s + 10, v])]);
    expect(afterRaise.types).toEqual(["raise", "update", "update", "update", "update", "update"]);
  });

  it("raises again after a clear as a new alarm", () => {
    expect(
      run(gasHigh, [
        [0, 21],
        [10, 10],
        [20, 21],
      ]).types,
    ).toEqual(["raise", "clear", "raise"]);
  });

  it("without a clear threshold, clears as soon as the value is below the threshold", () => {
    const plain: AlarmRule = { id: "high", kind: "threshold_high", severity: 2, threshold: 20 };
    expect(
      run(plain, [
        [0, 20],
        [10, 19.99],
      ]).types,
    ).toEqual(["raise", "clear"]);
  });

  it("a low rule raises at or below its threshold and clears above its clear threshold", () => {
    const { types, state } = run(oxygenLow, [
      [0, 20.9],
      [10, 19.5],
      [20, 18],
      [30, 19.9],
      [40, 20],
      [50, 20.1],
    ]);
    expect(types).toEqual([null, "raise", "update", "update", "update", "clear"]);
    expect(state.active).toBe(false);
  });

  it("keeps the lowest value as the peak of a low alarm", () => {
    const { transitions } = run(oxygenLow, [
      [0, 19],
      [10, 17],
      [20, 18],
    ]);
    expect(transitions[2]?.peak).toBe(17);
  });

  it("words the raise in Chinese and English with the unit", () => {
    const { transitions } = run(gasHigh, [[0, 25]]);
    expect(transitions[0]?.message["zh-CN"]).toBe("高限报警：读数 25 %LEL 达到或超过报警阈值 20 %LEL");
    expect(transitions[0]?.message.en).toBe("High alarm: reading 25 %LEL at or above the alarm threshold 20 %LEL");
  });

  it("a rule without its threshold never raises but still records the reading", () => {
    const broken: AlarmRule = { id: "x", kind: "threshold_high", severity: 1 };
    const { types, state } = run(broken, [[0, 1e9]]);
    expect(types).toEqual([null]);
    expect(state.lastTsMs).toBe(at(0).getTime());
  });
});

describe("sustained rules", () => {
  it("raises only once the condition has held for the duration across readings", () => {
    const { types, transitions } = run(sustained, [
      [0, 85],
      [120, 90],
      [240, 88],
      [299, 86],
      [300, 84],
    ]);
    expect(types).toEqual([null, null, null, null, "raise"]);
    expect(transitions[4]?.at).toEqual(at(300));
  });

  it("starts counting again when a reading drops below the threshold", () => {
    const { types } = run(sustained, [
      [0, 85],
      [200, 79],
      [240, 85],
      [500, 85],
      [540, 85],
    ]);
    expect(types).toEqual([null, null, null, null, "raise"]);
  });

  it("resumes the run from the stored state after a restart", () => {
    const before = run(sustained, [
      [0, 85],
      [200, 85],
    ]).state;
    const stored = JSON.stringify(before);
    expect(JSON.parse(stored).conditionSinceMs).toBe(at(0).getTime());
    const after = evaluateReading(parseRuleState(JSON.parse(stored))!, sustained, { ts: at(300), value: 85 });
    expect(after.transition?.type).toBe("raise");
  });

  it("clears below its clear threshold and must hold the full duration to raise again", () => {
    const withClear: AlarmRule = { ...sustained, clearThreshold: 75 };
    const { types } = run(withClear, [
      [0, 85],
      [300, 85],
      [360, 77],
      [420, 74],
      [480, 85],
      [600, 85],
      [780, 85],
    ]);
    expect(types).toEqual([null, "raise", "update", "clear", null, null, "raise"]);
  });

  it("a below-direction rule raises after the value has stayed low for the duration", () => {
    const lowPressure: AlarmRule = { ...sustained, direction: "below", threshold: 0.2 };
    expect(
      run(lowPressure, [
        [0, 0.1],
        [300, 0.15],
      ]).types,
    ).toEqual([null, "raise"]);
  });
});

describe("rate-of-change rules", () => {
  it("needs two readings before it can say anything", () => {
    expect(run(rising, [[0, 100]]).types).toEqual([null]);
  });

  it("computes the change per minute over the last two readings", () => {
    const { transitions } = run(rising, [
      [0, 10],
      [30, 13],
    ]);
    expect(transitions[1]).toMatchObject({ type: "raise", value: 6 });
  });

  it("does not raise on a slower rise, nor on a fall, for a positive rate", () => {
    expect(
      run(rising, [
        [0, 10],
        [60, 14],
        [120, 0],
      ]).types,
    ).toEqual([null, null, null]);
  });

  it("a negative rate raises on a fall at least that fast (a draining tank)", () => {
    const draining: AlarmRule = { id: "drain", kind: "rate_of_change", severity: 2, ratePerMinute: -0.5, unit: "m" };
    const { transitions } = run(draining, [
      [0, 8],
      [60, 7.4],
    ]);
    expect(transitions[1]?.type).toBe("raise");
    expect(transitions[1]?.value).toBeCloseTo(-0.6);
    expect(transitions[1]?.message.en).toContain("falling by 0.6 m/min");
  });

  it("clears once the rate is below the clear rate, with hysteresis in between", () => {
    const { types } = run(rising, [
      [0, 0],
      [60, 6],
      [120, 9],
      [180, 10],
    ]);
    // 6/min raises; 3/min sits between the clear rate 2 and the limit 5; 1/min clears.
    expect(types).toEqual([null, "raise", "update", "clear"]);
  });

  it("resumes from the stored last reading after a restart", () => {
    const stored = JSON.stringify(run(rising, [[0, 10]]).state);
    const result = evaluateReading(parseRuleState(JSON.parse(stored))!, rising, { ts: at(60), value: 20 });
    expect(result.transition).toMatchObject({ type: "raise", value: 10 });
  });
});

describe("inactivity rules", () => {
  const seen = (seconds: number) => evaluateReading(newRuleState(), silence, { ts: at(seconds), value: 1 }).state;

  it("raises once the silence since the last reading reaches the limit, not before", () => {
    const state = seen(0);
    expect(evaluateSilence(state, silence, at(299)).transition).toBeNull();
    const raised = evaluateSilence(state, silence, at(300));
    expect(raised.transition).toMatchObject({ type: "raise", value: 300, at: at(300) });
    expect(raised.transition?.message["zh-CN"]).toContain("《安全生产法》第三十六条");
    expect(raised.transition?.message.en).toContain("Work Safety Law art. 36");
  });

  it("raises once only, however often the job runs", () => {
    const raised = evaluateSilence(seen(0), silence, at(300)).state;
    expect(evaluateSilence(raised, silence, at(360))).toEqual({ state: raised, transition: null });
  });

  it("clears on the next reading, giving the length of the gap", () => {
    const raised = evaluateSilence(seen(0), silence, at(300)).state;
    const resumed = evaluateReading(raised, silence, { ts: at(420), value: 5 });
    expect(resumed.transition).toMatchObject({ type: "clear", value: 420, at: at(420) });
    expect(resumed.state.active).toBe(false);
  });

  it("counts silence from the time data arrived, so a device clock running late does not hold the alarm up", () => {
    const late = evaluateReading(newRuleState(), silence, { ts: at(-3600), value: 1 }, at(0)).state;
    expect(evaluateSilence(late, silence, at(60)).transition).toBeNull();
    expect(evaluateSilence(late, silence, at(300)).transition?.type).toBe("raise");
  });

  it("resumes the silence clock from the stored state after a restart", () => {
    const stored = JSON.stringify(seen(0));
    expect(evaluateSilence(parseRuleState(JSON.parse(stored))!, silence, at(301)).transition?.type).toBe("raise");
  });

  it("watches a device never heard from since it was commissioned", () => {
    const state = newRuleState(at(0));
    expect(evaluateSilence(state, silence, at(300)).transition?.type).toBe("raise");
    expect(evaluateSilence(newRuleState(), silence, at(1e6)).transition).toBeNull();
  });

  it("other kinds ignore the silence job", () => {
    const state = run(gasHigh, [[0, 25]]).state;
    expect(evaluateSilence(state, gasHigh, at(10_000))).toEqual({ state, transition: null });
  });
});

describe("duplicates and readings out of order", () => {
  const rules = [gasHigh, oxygenLow, sustained, rising, silence];

  it.each(rules.map((rule) => [rule.kind, rule] as const))("a duplicate reading changes nothing (%s)", (_, rule) => {
    const first = evaluateReading(newRuleState(), rule, { ts: at(0), value: 50 });
    const again = evaluateReading(first.state, rule, { ts: at(0), value: 50 }, at(100));
    expect(again).toEqual({ state: first.state, transition: null, ignored: "duplicate" });
  });

  it("a redelivered reading with the same timestamp but another value is still the same reading", () => {
    const first = evaluateReading(newRuleState(), gasHigh, { ts: at(0), value: 25 });
    expect(evaluateReading(first.state, gasHigh, { ts: at(0), value: 5 }).ignored).toBe("duplicate");
  });

  it.each(rules.map((rule) => [rule.kind, rule] as const))(
    "a reading older than the last evaluated one changes nothing (%s)",
    (_, rule) => {
      const first = evaluateReading(newRuleState(), rule, { ts: at(60), value: 50 });
      const older = evaluateReading(first.state, rule, { ts: at(30), value: 0 });
      expect(older).toEqual({ state: first.state, transition: null, ignored: "out_of_order" });
    },
  );

  it("an old reading does not distort the rate: it is measured between the two newest readings", () => {
    let state = evaluateReading(newRuleState(), rising, { ts: at(0), value: 10 }).state;
    state = evaluateReading(state, rising, { ts: at(120), value: 12 }).state;
    state = evaluateReading(state, rising, { ts: at(60), value: 100 }).state;
    // Against the straggler (100 at 60 s) this would be a fall; against 12 at 120 s it is +1/min: no alarm.
    const next = evaluateReading(state, rising, { ts: at(180), value: 13 });
    expect(next.transition).toBeNull();
    expect(next.state.lastValue).toBe(13);
  });

  it("an old reading does not break a sustained run", () => {
    let state = evaluateReading(newRuleState(), sustained, { ts: at(0), value: 85 }).state;
    state = evaluateReading(state, sustained, { ts: at(200), value: 85 }).state;
    state = evaluateReading(state, sustained, { ts: at(100), value: 10 }).state;
    expect(evaluateReading(state, sustained, { ts: at(300), value: 85 }).transition?.type).toBe("raise");
  });

  it("an old reading below the clear threshold does not clear an active alarm", () => {
    const raised = evaluateReading(newRuleState(), gasHigh, { ts: at(60), value: 30 }).state;
    expect(evaluateReading(raised, gasHigh, { ts: at(30), value: 0 }).state.active).toBe(true);
  });

  it("refuses a reading stamped too far in the future, which would block every later reading", () => {
    const skew = MAX_FUTURE_SKEW_SECONDS;
    expect(evaluateReading(newRuleState(), gasHigh, { ts: at(skew + 1), value: 25 }, at(0)).ignored).toBe("future");
    expect(evaluateReading(newRuleState(), gasHigh, { ts: at(skew), value: 25 }, at(0)).ignored).toBeNull();
  });

  it("ignores a reading with no number or no valid time", () => {
    expect(evaluateReading(newRuleState(), gasHigh, { ts: at(0), value: Number.NaN }).ignored).toBe("invalid");
    expect(evaluateReading(newRuleState(), gasHigh, { ts: new Date("x"), value: 1 }).ignored).toBe("invalid");
  });
});

describe("parseRuleState", () => {
  it("reads back what was stored", () => {
    const state = run(gasHigh, [[0, 25]]).state;
    expect(parseRuleState(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it("refuses data that is not a rule state", () => {
    expect(parseRuleState(null)).toBeNull();
    expect(parseRuleState({ ...newRuleState(), version: 2 })).toBeNull();
    expect(parseRuleState({ ...newRuleState(), lastTsMs: "2026-11-29T00:00:00Z" })).toBeNull();
  });
});
