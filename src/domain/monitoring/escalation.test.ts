import { describe, expect, it } from "vitest";
import type { AlarmStatus } from "./alarm-lifecycle";
import { DEFAULT_ALARM_ESCALATION, type EscalationAlarm, escalationDue } from "./escalation";

const RAISED = new Date("2026-11-29T00:00:00Z");
const minutesAfter = (minutes: number) => new Date(RAISED.getTime() + minutes * 60_000);

function alarm(overrides: Partial<EscalationAlarm> = {}): EscalationAlarm {
  return { raisedAt: RAISED, status: "active_unacknowledged", stepsSent: [], severity: 1, ...overrides };
}

const steps = (a: EscalationAlarm, minutes: number) => escalationDue(a, minutesAfter(minutes)).map((d) => d.target);

describe("escalationDue", () => {
  it("defaults to 5, 15 and 30 minutes, the supervisor for red and orange only", () => {
    expect(DEFAULT_ALARM_ESCALATION).toEqual({
      safetyManagerAfterMinutes: 5,
      principalAfterMinutes: 15,
      territorySupervisorAfterMinutes: 30,
      territorySupervisorUpToSeverity: 2,
    });
  });

  it("sends nothing in the first 5 minutes", () => {
    expect(steps(alarm(), 4.99)).toEqual([]);
  });

  it("goes to the safety manager at 5 minutes, the principal at 15, the supervisor at 30", () => {
    expect(steps(alarm(), 5)).toEqual(["safety_manager"]);
    expect(steps(alarm({ stepsSent: [1] }), 15)).toEqual(["principal"]);
    expect(steps(alarm({ stepsSent: [1, 2] }), 30)).toEqual(["territory_supervisor"]);
  });

  it("sends every missed step, lowest first, when the job fell behind", () => {
    expect(escalationDue(alarm(), minutesAfter(45))).toEqual([
      { step: 1, target: "safety_manager", dueAt: minutesAfter(5) },
      { step: 2, target: "principal", dueAt: minutesAfter(15) },
      { step: 3, target: "territory_supervisor", dueAt: minutesAfter(30) },
    ]);
  });

  it("sends nothing twice", () => {
    expect(steps(alarm({ stepsSent: [1, 2, 3] }), 120)).toEqual([]);
  });

  it("does not page the territory supervisor for a yellow or blue alarm", () => {
    expect(steps(alarm({ severity: 3 }), 120)).toEqual(["safety_manager", "principal"]);
    expect(steps(alarm({ severity: 2 }), 120)).toContain("territory_supervisor");
    expect(steps(alarm({ severity: undefined }), 120)).toContain("territory_supervisor");
  });

  it.each(["acknowledged", "cleared_unacknowledged", "cleared"] as AlarmStatus[])(
    "stops escalating once the alarm is %s",
    (status) => {
      expect(steps(alarm({ status }), 120)).toEqual([]);
    },
  );

  it("follows a configured schedule", () => {
    const config = { ...DEFAULT_ALARM_ESCALATION, safetyManagerAfterMinutes: 1, principalAfterMinutes: 2 };
    expect(escalationDue(alarm(), minutesAfter(2), config).map((d) => d.step)).toEqual([1, 2]);
  });
});
