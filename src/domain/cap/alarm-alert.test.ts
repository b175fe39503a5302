import { describe, expect, it } from "vitest";
import {
  type AlarmCapOptions,
  type AlarmCapSubject,
  alarmCapAlert,
  alarmCapIdentifier,
  capCategoriesFor,
} from "./alarm-alert";

const RAISED = new Date("2026-11-29T00:00:00Z");
const LATER = new Date("2026-11-29T00:10:00Z");

function subject(overrides: Partial<AlarmCapSubject> = {}): AlarmCapSubject {
  return {
    alarmId: "a1",
    deviceId: "GT-101",
    deviceName: "GT-101",
    deviceType: "combustible_gas",
    ruleId: "high_high",
    ruleKind: "threshold_high_high",
    severity: 1,
    message: { "zh-CN": "高高限报警", en: "High-high alarm" },
    value: 0.1 + 0.2,
    peak: 55,
    raisedAt: RAISED,
    enterpriseName: "示例化工",
    area: { areaDesc: "罐区 A", circle: { lat: 31.23, lng: 121.47, radiusKm: 0 } },
    ...overrides,
  };
}

function options(overrides: Partial<AlarmCapOptions> = {}): AlarmCapOptions {
  return { sender: "dualguard.example.cn", sent: RAISED, sequence: 1, previous: [], ...overrides };
}

const later = options({
  sent: LATER,
  sequence: 3,
  previous: [
    { identifier: "dualguard.alarm.a1.1", sent: RAISED },
    { identifier: "dualguard.alarm.a1.2", sent: new Date(RAISED.getTime() + 60_000) },
  ],
});

describe("alarmCapAlert", () => {
  it("raises as an Alert, Immediate and Observed, with the alarm's severity", () => {
    const input = alarmCapAlert(subject(), "raise", options());
    expect(input).toMatchObject({
      msgType: "Alert",
      status: "Actual",
      identifier: "dualguard.alarm.a1.1",
      references: [],
    });
    expect(input.info[0]).toMatchObject({ urgency: "Immediate", certainty: "Observed", severity: "Extreme" });
    expect(input.info[0].responseType).toBeUndefined();
  });

  it("says it in Chinese and English, one info block each", () => {
    const input = alarmCapAlert(subject(), "raise", options());
    expect(input.info.map((i) => [i.language, i.event])).toEqual([
      ["zh-CN", "可燃气体高高限报警"],
      ["en-US", "Combustible gas high-high alarm"],
    ]);
  });

  it("updates as an Update referencing every earlier message of the alarm", () => {
    const input = alarmCapAlert(subject(), "update", later);
    expect(input.msgType).toBe("Update");
    expect(input.identifier).toBe("dualguard.alarm.a1.3");
    expect(input.references?.map((r) => r.identifier)).toEqual(["dualguard.alarm.a1.1", "dualguard.alarm.a1.2"]);
    expect(input.references?.every((r) => r.sender === "dualguard.example.cn")).toBe(true);
  });

  it("clears as an Update with AllClear and urgency Past", () => {
    const input = alarmCapAlert(subject(), "clear", later);
    expect(input.msgType).toBe("Update");
    expect(input.info[0]).toMatchObject({ responseType: ["AllClear"], urgency: "Past", certainty: "Observed" });
    expect(input.info[1].headline?.startsWith("Cleared: ")).toBe(true);
  });

  it("withdraws a false alarm as a Cancel with the reason as note", () => {
    const input = alarmCapAlert(subject(), "cancel", { ...later, cancelNote: "误报：标定用气" });
    expect(input).toMatchObject({ msgType: "Cancel", note: "误报：标定用气" });
    expect(input.info[0].headline?.startsWith("撤销：")).toBe(true);
  });

  it("groups all messages of one alarm as one incident", () => {
    expect(alarmCapAlert(subject(), "clear", later).incidents).toEqual(["dualguard.alarm.a1"]);
  });

  it("carries device, rule, rounded values, unit and colour as parameters", () => {
    const parameters = Object.fromEntries(
      (alarmCapAlert(subject(), "raise", options()).info[0].parameters ?? []).map((p) => [p.name, p.value]),
    );
    expect(parameters).toMatchObject({
      deviceId: "GT-101",
      ruleId: "high_high",
      value: "0.3",
      peak: "55",
      unit: "%LEL",
      colour: "red",
      raisedAt: "2026-11-29T08:00:00+08:00",
    });
  });

  it("gives the silence in seconds for a monitoring-offline alarm", () => {
    const input = alarmCapAlert(subject({ ruleKind: "inactivity", severity: 3 }), "raise", options());
    expect(input.info[0].parameters?.find((p) => p.name === "unit")?.value).toBe("s");
    expect(input.info[0]).toMatchObject({ severity: "Moderate", category: ["Safety"] });
  });
});

describe("alarmCapIdentifier and capCategoriesFor", () => {
  it("numbers the messages of an alarm", () => {
    expect(alarmCapIdentifier("a1", 2)).toBe("dualguard.alarm.a1.2");
  });

  it("files gas as fire, toxic and oxygen as health, the rest and offline monitors as safety", () => {
    expect(capCategoriesFor("combustible_gas", "threshold_high")).toEqual(["Safety", "Fire"]);
    expect(capCategoriesFor("toxic_gas", "threshold_high")).toEqual(["Safety", "Health"]);
    expect(capCategoriesFor("oxygen", "threshold_low")).toEqual(["Safety", "Health"]);
    expect(capCategoriesFor("pressure", "rate_of_change")).toEqual(["Safety"]);
    expect(capCategoriesFor("combustible_gas", "inactivity")).toEqual(["Safety"]);
  });
});
