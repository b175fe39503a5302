import { describe, expect, it } from "vitest";
import {
  ALARM_ACTIONS,
  ALARM_STATUSES,
  type AlarmAction,
  type AlarmActionType,
  type AlarmLifecycle,
  type AlarmStatus,
  applyAlarmAction,
  isConditionActive,
  needsAcknowledgement,
  raisedAlarm,
} from "./alarm-lifecycle";

const RAISED = new Date("2026-11-29T00:00:00Z");
const LATER = new Date("2026-11-29T00:10:00Z");

function alarmIn(status: AlarmStatus): AlarmLifecycle {
  return { ...raisedAlarm(RAISED), status };
}

function action(type: AlarmActionType): AlarmAction {
  switch (type) {
    case "acknowledge":
      return { type, by: "operator-1", note: "on my way", at: LATER };
    case "clear":
      return { type, at: LATER, value: 12 };
    case "dispose":
      return { type, cause: "valve packing leak", actionTaken: "isolated and repacked", by: "operator-1", at: LATER };
  }
}

// Every status × action pair: the status it leads to, or null when it must be refused.
const EXPECTED: Record<AlarmStatus, Record<AlarmActionType, AlarmStatus | null>> = {
  active_unacknowledged: { acknowledge: "acknowledged", clear: "cleared_unacknowledged", dispose: null },
  acknowledged: { acknowledge: null, clear: "cleared", dispose: "acknowledged" },
  cleared_unacknowledged: { acknowledge: "cleared", clear: null, dispose: null },
  cleared: { acknowledge: null, clear: null, dispose: "cleared" },
};

describe("alarm life cycle", () => {
  const pairs = ALARM_STATUSES.flatMap((status) => ALARM_ACTIONS.map((type) => [status, type] as const));

  it.each(pairs)("from %s, %s goes where the table says", (status, type) => {
    const result = applyAlarmAction(alarmIn(status), action(type));
    const expected = EXPECTED[status][type];
    if (expected === null) {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe("illegal_transition");
      expect(result.error.message["zh-CN"]).not.toBe("");
      expect(result.error.message.en).not.toBe("");
    } else {
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.alarm.status).toBe(expected);
      expect(result).toMatchObject({ from: status, to: expected });
    }
  });

  it("records who acknowledged, when, and the note", () => {
    const result = applyAlarmAction(raisedAlarm(RAISED), action("acknowledge"));
    expect(result.ok && result.alarm).toMatchObject({
      acknowledgedBy: "operator-1",
      acknowledgedAt: LATER,
      acknowledgeNote: "on my way",
    });
  });

  it("records when the condition ended and the value that ended it", () => {
    const result = applyAlarmAction(raisedAlarm(RAISED), action("clear"));
    expect(result.ok && result.alarm).toMatchObject({ clearedAt: LATER, clearValue: 12 });
  });

  it("appends each disposal with cause, action taken, who and when", () => {
    const first = applyAlarmAction(alarmIn("acknowledged"), action("dispose"));
    if (!first.ok) throw new Error(first.error.message.en);
    const second = applyAlarmAction(first.alarm, { ...action("dispose"), cause: "re-checked" } as AlarmAction);
    expect(second.ok && second.alarm.disposals.map((d) => d.cause)).toEqual(["valve packing leak", "re-checked"]);
    expect(first.alarm.disposals[0]).toEqual({
      cause: "valve packing leak",
      actionTaken: "isolated and repacked",
      by: "operator-1",
      at: LATER,
    });
  });

  it("tells the operator to acknowledge before recording a disposal", () => {
    const result = applyAlarmAction(raisedAlarm(RAISED), action("dispose"));
    expect(!result.ok && result.error.message.en).toContain("Acknowledge the alarm before recording its disposal");
    expect(!result.ok && result.error.message["zh-CN"]).toContain("请先确认报警");
  });

  it("refuses an acknowledgement without a name", () => {
    const result = applyAlarmAction(raisedAlarm(RAISED), { type: "acknowledge", by: " ", at: LATER });
    expect(!result.ok && result.error).toMatchObject({ code: "actor_required", fields: ["by"] });
  });

  it("refuses a disposal without cause or action taken", () => {
    const noCause = applyAlarmAction(alarmIn("cleared"), { ...action("dispose"), cause: "" } as AlarmAction);
    expect(!noCause.ok && noCause.error.code).toBe("cause_required");
    const noAction = applyAlarmAction(alarmIn("cleared"), { ...action("dispose"), actionTaken: "" } as AlarmAction);
    expect(!noAction.ok && noAction.error.code).toBe("action_taken_required");
  });

  it("refuses a step without a valid time", () => {
    const result = applyAlarmAction(raisedAlarm(RAISED), { type: "clear", at: new Date("nope") });
    expect(!result.ok && result.error.code).toBe("invalid_time");
  });

  it("counts only active and acknowledged alarms as the one open alarm of a (device, rule)", () => {
    expect(ALARM_STATUSES.filter(isConditionActive)).toEqual(["active_unacknowledged", "acknowledged"]);
    expect(ALARM_STATUSES.filter(needsAcknowledgement)).toEqual(["active_unacknowledged", "cleared_unacknowledged"]);
  });
});
