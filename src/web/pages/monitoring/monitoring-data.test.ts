import { describe, expect, it } from "vitest";
import { type Alarm, type Device, deviceStateOf, isUrgentChange, matchesFilter, sortAlarms } from "./monitoring-data";

const NOW = Date.parse("2026-11-29T06:00:00Z");

function alarmOf(overrides: Partial<Alarm> = {}): Alarm {
  return {
    id: "a-1",
    enterpriseId: "e-1",
    enterpriseName: "滨江化工",
    deviceId: "d-1",
    deviceName: "可燃气体探测器",
    deviceCode: "GT-1",
    ruleId: "high",
    ruleKind: "threshold_high",
    severity: 2,
    status: "active_unacknowledged",
    message: "高限报警",
    lastValue: 25,
    peak: 25,
    raisedAt: "2026-11-29T05:59:00Z",
    lastUpdateAt: "2026-11-29T05:59:00Z",
    acknowledgedAt: null,
    acknowledgeNote: null,
    clearedAt: null,
    disposals: [],
    ...overrides,
  };
}

function deviceOf(overrides: Partial<Device> = {}): Device {
  return {
    id: "d-1",
    enterpriseId: "e-1",
    enterpriseName: null,
    riskPointId: null,
    majorHazardUnitId: null,
    code: "GT-1",
    name: "可燃气体探测器",
    deviceType: "combustible_gas",
    unit: "%LEL",
    lng: null,
    lat: null,
    credentialRotatedAt: null,
    credentialRevokedAt: null,
    installDate: null,
    calibrationDue: null,
    lastValue: 2,
    lastTs: new Date(NOW - 60_000).toISOString(),
    ...overrides,
  };
}

describe("isUrgentChange", () => {
  it("announces a new level-2 alarm", () => {
    expect(isUrgentChange(undefined, alarmOf())).toBe(true);
  });

  it("stays quiet for a new level-3 alarm (an offline detector)", () => {
    expect(isUrgentChange(undefined, alarmOf({ severity: 3, ruleKind: "inactivity" }))).toBe(false);
  });

  it("announces an escalation from level 2 to level 1", () => {
    expect(isUrgentChange(alarmOf(), alarmOf({ severity: 1 }))).toBe(true);
  });

  it("stays quiet when a known alarm is only updated or acknowledged", () => {
    expect(isUrgentChange(alarmOf(), alarmOf({ peak: 30 }))).toBe(false);
    expect(isUrgentChange(alarmOf(), alarmOf({ status: "acknowledged" }))).toBe(false);
  });
});

describe("sortAlarms", () => {
  it("puts open alarms before cleared ones, the most severe first", () => {
    const sorted = sortAlarms([
      alarmOf({ id: "cleared", severity: 1, status: "cleared" }),
      alarmOf({ id: "yellow", severity: 3 }),
      alarmOf({ id: "red", severity: 1 }),
    ]);
    expect(sorted.map((a) => a.id)).toEqual(["red", "yellow", "cleared"]);
  });
});

describe("matchesFilter", () => {
  it("drops a streamed alarm of another severity than the one filtered", () => {
    expect(matchesFilter(alarmOf({ severity: 2 }), { severity: 1 })).toBe(false);
    expect(matchesFilter(alarmOf({ severity: 1 }), { severity: 1 })).toBe(true);
  });
});

describe("deviceStateOf", () => {
  it("shows a device with an open alarm as in alarm", () => {
    expect(deviceStateOf(deviceOf(), new Set(["d-1"]), NOW)).toBe("alarm");
  });

  it("shows a device silent for more than five minutes as offline", () => {
    expect(deviceStateOf(deviceOf({ lastTs: new Date(NOW - 6 * 60_000).toISOString() }), new Set(), NOW)).toBe(
      "offline",
    );
  });

  it("flags a calibration date before today", () => {
    expect(deviceStateOf(deviceOf({ calibrationDue: "2026-11-28" }), new Set(), NOW)).toBe("calibration");
    expect(deviceStateOf(deviceOf({ calibrationDue: "2026-11-29" }), new Set(), NOW)).toBe("normal");
  });
});
