import { describe, expect, it } from "vitest";
import {
  DEFAULT_INACTIVITY_SECONDS,
  DEVICE_TYPE_INFO,
  DEVICE_TYPES,
  isDeviceType,
  severityColour,
} from "./device-types";
import { ruleProblems } from "./rules";

describe("device types", () => {
  it("covers the eight types of the issue, each with a unit (switch state has none)", () => {
    expect(DEVICE_TYPES).toHaveLength(8);
    expect(DEVICE_TYPE_INFO.combustible_gas.unit).toBe("%LEL");
    expect(DEVICE_TYPE_INFO.toxic_gas.unit).toBe("ppm");
    expect(DEVICE_TYPE_INFO.oxygen.unit).toBe("%VOL");
    expect(DEVICE_TYPE_INFO.switch_state.unit).toBe("");
  });

  it("gives every type an inactivity rule of 300 s", () => {
    for (const type of DEVICE_TYPES) {
      const rule = DEVICE_TYPE_INFO[type].defaultRules.find((r) => r.kind === "inactivity");
      expect(rule?.durationSeconds, type).toBe(DEFAULT_INACTIVITY_SECONDS);
    }
    expect(DEFAULT_INACTIVITY_SECONDS).toBe(300);
  });

  it("ships only default rules that pass their own checks", () => {
    for (const type of DEVICE_TYPES) {
      for (const rule of DEVICE_TYPE_INFO[type].defaultRules)
        expect(ruleProblems(rule), `${type}/${rule.id}`).toEqual([]);
    }
  });

  it("alarms combustible gas at 20 %LEL orange and 50 %LEL red, clearing below 18 and 45", () => {
    const [high, highHigh] = DEVICE_TYPE_INFO.combustible_gas.defaultRules;
    expect(high).toMatchObject({ kind: "threshold_high", threshold: 20, clearThreshold: 18, severity: 2 });
    expect(highHigh).toMatchObject({ kind: "threshold_high_high", threshold: 50, clearThreshold: 45, severity: 1 });
  });

  it("alarms oxygen below 19.5 % and above 23.5 %", () => {
    const rules = DEVICE_TYPE_INFO.oxygen.defaultRules;
    expect(rules.find((r) => r.kind === "threshold_low")?.threshold).toBe(19.5);
    expect(rules.find((r) => r.kind === "threshold_high")?.threshold).toBe(23.5);
  });

  it("sets no value threshold for process variables", () => {
    for (const type of ["temperature", "pressure", "liquid_level", "flow"] as const) {
      expect(DEVICE_TYPE_INFO[type].defaultRules.map((r) => r.kind)).toEqual(["inactivity"]);
    }
  });

  it("maps severity 1–4 to red, orange, yellow, blue", () => {
    expect([1, 2, 3, 4].map((s) => severityColour(s as 1 | 2 | 3 | 4))).toEqual(["red", "orange", "yellow", "blue"]);
  });

  it("recognises device type codes", () => {
    expect(isDeviceType("oxygen")).toBe(true);
    expect(isDeviceType("smoke")).toBe(false);
  });
});
