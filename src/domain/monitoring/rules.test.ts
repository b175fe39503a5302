import { describe, expect, it } from "vitest";
import { type AlarmRule, effectiveRules, ruleProblems } from "./rules";

const codes = (rule: AlarmRule) => ruleProblems(rule).map((p) => p.code);

describe("effectiveRules", () => {
  it("gives a device without overrides its type's defaults, with the type's unit", () => {
    const rules = effectiveRules("combustible_gas");
    expect(rules.map((r) => r.id)).toEqual(["high", "high_high", "inactivity"]);
    expect(rules.every((r) => r.unit === "%LEL")).toBe(true);
  });

  it("changes a default's fields by rule id and keeps the rest", () => {
    const [high] = effectiveRules("combustible_gas", [{ id: "high", threshold: 25, clearThreshold: 22 }]);
    expect(high).toMatchObject({ id: "high", kind: "threshold_high", severity: 2, threshold: 25, clearThreshold: 22 });
  });

  it("lets an override switch a default off", () => {
    const rules = effectiveRules("combustible_gas", [{ id: "inactivity", enabled: false }]);
    expect(rules.map((r) => r.id)).toEqual(["high", "high_high"]);
  });

  it("lets an override switch on the switch-state alarm, which is off by default", () => {
    expect(effectiveRules("switch_state").map((r) => r.id)).toEqual(["inactivity"]);
    const rules = effectiveRules("switch_state", [{ id: "switch_on", enabled: true }]);
    expect(rules.map((r) => r.id)).toEqual(["switch_on", "inactivity"]);
  });

  it("adds a per-device rule under a new id", () => {
    const rules = effectiveRules("temperature", [{ id: "hot", kind: "threshold_high", severity: 2, threshold: 60 }]);
    expect(rules.map((r) => r.id)).toEqual(["inactivity", "hot"]);
    expect(rules[1].unit).toBe("°C");
  });

  it("keeps the default when an override would break it, so a typo cannot silence a gas alarm", () => {
    const [high] = effectiveRules("combustible_gas", [{ id: "high", clearThreshold: 30 }]);
    expect(high).toMatchObject({ threshold: 20, clearThreshold: 18 });
  });

  it("leaves out a new rule that cannot be evaluated", () => {
    expect(
      effectiveRules("flow", [{ id: "x", kind: "sustained", severity: 2, threshold: 3 }]).map((r) => r.id),
    ).toEqual(["inactivity"]);
  });

  it("merges several overrides of one rule in order", () => {
    const [high] = effectiveRules("toxic_gas", [
      { id: "high", threshold: 8 },
      { id: "high", clearThreshold: 7 },
    ]);
    expect(high).toMatchObject({ threshold: 8, clearThreshold: 7 });
  });
});

describe("ruleProblems", () => {
  it("accepts a complete rule of each kind", () => {
    expect(codes({ id: "a", kind: "threshold_high", severity: 1, threshold: 5, clearThreshold: 4 })).toEqual([]);
    expect(codes({ id: "a", kind: "threshold_low", severity: 1, threshold: 5, clearThreshold: 6 })).toEqual([]);
    expect(codes({ id: "a", kind: "sustained", severity: 3, threshold: 5, durationSeconds: 60 })).toEqual([]);
    expect(codes({ id: "a", kind: "rate_of_change", severity: 3, ratePerMinute: -2, clearThreshold: -1 })).toEqual([]);
    expect(codes({ id: "a", kind: "inactivity", severity: 3, durationSeconds: 60 })).toEqual([]);
  });

  it("asks for the numbers each kind needs", () => {
    expect(codes({ id: "a", kind: "threshold_high", severity: 1 })).toEqual(["threshold_required"]);
    expect(codes({ id: "a", kind: "sustained", severity: 1, threshold: 1 })).toEqual(["duration_required"]);
    expect(codes({ id: "a", kind: "inactivity", severity: 1, durationSeconds: 0 })).toEqual(["duration_required"]);
    expect(codes({ id: "a", kind: "rate_of_change", severity: 1, ratePerMinute: 0 })).toEqual(["rate_required"]);
  });

  it("refuses a clear threshold on the wrong side of the alarm threshold", () => {
    expect(codes({ id: "a", kind: "threshold_high", severity: 1, threshold: 20, clearThreshold: 21 })).toEqual([
      "clear_threshold_wrong_side",
    ]);
    expect(codes({ id: "a", kind: "threshold_low", severity: 1, threshold: 19.5, clearThreshold: 19 })).toEqual([
      "clear_threshold_wrong_side",
    ]);
    expect(codes({ id: "a", kind: "rate_of_change", severity: 1, ratePerMinute: -2, clearThreshold: -3 })).toEqual([
      "clear_threshold_wrong_side",
    ]);
  });

  it("refuses a missing id, an unknown kind, a severity off the scale and an unknown direction", () => {
    expect(codes({ id: " ", kind: "inactivity", severity: 3, durationSeconds: 1 })).toEqual(["id_required"]);
    expect(codes({ id: "a", kind: "smoke" as never, severity: 3 })).toEqual(["invalid_kind"]);
    expect(codes({ id: "a", kind: "inactivity", severity: 5 as never, durationSeconds: 1 })).toEqual([
      "invalid_severity",
    ]);
    expect(
      codes({ id: "a", kind: "sustained", severity: 3, threshold: 1, durationSeconds: 1, direction: "up" as never }),
    ).toEqual(["invalid_direction"]);
  });

  it("explains each problem in Chinese and English", () => {
    const [problem] = ruleProblems({ id: "a", kind: "threshold_high", severity: 1 });
    expect(problem).toEqual({
      ruleId: "a",
      code: "threshold_required",
      message: { "zh-CN": "请设置报警阈值。", en: "Set the alarm threshold." },
    });
  });
});
