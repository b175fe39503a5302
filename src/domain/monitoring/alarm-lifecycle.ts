// The life cycle of one alarm, the alarm states of IEC 62682 (ANSI/ISA-18.2): active-unacknowledged → acknowledged →
// cleared, or active-unacknowledged → cleared-unacknowledged → cleared when the condition ends before anyone responds.
// Each step records who and when; disposals (cause and action taken) are recorded once someone has acknowledged the
// alarm.

import { type LocalisedText, text } from "../text";

export const ALARM_STATUSES = ["active_unacknowledged", "acknowledged", "cleared_unacknowledged", "cleared"] as const;
export type AlarmStatus = (typeof ALARM_STATUSES)[number];

/** The statuses of an alarm whose condition still holds (not yet cleared), acknowledged or not. */
export const ACTIVE_ALARM_STATUSES = [
  "active_unacknowledged",
  "acknowledged",
] as const satisfies readonly AlarmStatus[];

export const ALARM_ACTIONS = ["acknowledge", "clear", "dispose"] as const;
export type AlarmActionType = (typeof ALARM_ACTIONS)[number];

export const ALARM_STATUS_LABELS: Readonly<Record<AlarmStatus, LocalisedText>> = {
  active_unacknowledged: text("报警未确认", "Active, unacknowledged"),
  acknowledged: text("已确认", "Acknowledged"),
  cleared_unacknowledged: text("已消除未确认", "Cleared, unacknowledged"),
  cleared: text("已消除", "Cleared"),
};

export const ALARM_ACTION_LABELS: Readonly<Record<AlarmActionType, LocalisedText>> = {
  acknowledge: text("确认报警", "Acknowledge"),
  clear: text("报警消除", "Clear"),
  dispose: text("登记处置", "Record disposal"),
};

/**
 * Status × action → next status; a missing entry is illegal. Disposal records what was done without moving the
 * status, and needs an acknowledgement first: whoever records the cause has taken responsibility for the alarm.
 */
export const ALARM_TRANSITIONS: Readonly<Record<AlarmStatus, Readonly<Partial<Record<AlarmActionType, AlarmStatus>>>>> =
  {
    active_unacknowledged: { acknowledge: "acknowledged", clear: "cleared_unacknowledged" },
    acknowledged: { clear: "cleared", dispose: "acknowledged" },
    cleared_unacknowledged: { acknowledge: "cleared" },
    cleared: { dispose: "cleared" },
  };

/** Whether the condition behind the alarm still holds: at most one such alarm per (device, rule). */
export function isConditionActive(status: AlarmStatus): boolean {
  return (ACTIVE_ALARM_STATUSES as readonly AlarmStatus[]).includes(status);
}

/** Whether someone still has to acknowledge the alarm. */
export function needsAcknowledgement(status: AlarmStatus): boolean {
  return status === "active_unacknowledged" || status === "cleared_unacknowledged";
}

export type AlarmDisposal = { cause: string; actionTaken: string; by: string; at: Date };

/** What the life cycle reads and writes of an alarm; the server's row holds more (device, rule, values). */
export type AlarmLifecycle = {
  status: AlarmStatus;
  raisedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  acknowledgeNote: string | null;
  clearedAt: Date | null;
  /** Value that ended the condition, when known. */
  clearValue: number | null;
  disposals: AlarmDisposal[];
};

export type AlarmAction =
  | { type: "acknowledge"; by: string; note?: string; at: Date }
  | { type: "clear"; at: Date; value?: number }
  | { type: "dispose"; cause: string; actionTaken: string; by: string; at: Date };

export type AlarmLifecycleErrorCode =
  | "illegal_transition"
  | "actor_required"
  | "cause_required"
  | "action_taken_required"
  | "invalid_time";

export type AlarmLifecycleError = {
  code: AlarmLifecycleErrorCode;
  message: LocalisedText;
  fields?: string[];
};

export type AlarmLifecycleResult =
  | { ok: true; alarm: AlarmLifecycle; from: AlarmStatus; to: AlarmStatus }
  | { ok: false; error: AlarmLifecycleError };

/** A freshly raised alarm. */
export function raisedAlarm(raisedAt: Date): AlarmLifecycle {
  return {
    status: "active_unacknowledged",
    raisedAt,
    acknowledgedAt: null,
    acknowledgedBy: null,
    acknowledgeNote: null,
    clearedAt: null,
    clearValue: null,
    disposals: [],
  };
}

/** The status an action leads to, or null when the table does not allow it. */
export function nextAlarmStatus(status: AlarmStatus, action: AlarmActionType): AlarmStatus | null {
  return ALARM_TRANSITIONS[status][action] ?? null;
}

function failure(code: AlarmLifecycleErrorCode, message: LocalisedText, fields?: string[]) {
  return { ok: false as const, error: { code, message, ...(fields ? { fields } : {}) } };
}

// Why each illegal pair is refused, in the words an operator needs.
function illegal(status: AlarmStatus, action: AlarmActionType): AlarmLifecycleResult {
  const reasons: Record<string, LocalisedText> = {
    "acknowledged:acknowledge": text("该报警已确认。", "This alarm has already been acknowledged."),
    "cleared:acknowledge": text("该报警已消除并已确认。", "This alarm is already cleared and acknowledged."),
    "cleared_unacknowledged:clear": text("该报警已消除。", "This alarm has already cleared."),
    "cleared:clear": text("该报警已消除。", "This alarm has already cleared."),
    "active_unacknowledged:dispose": text(
      "请先确认报警，再登记处置情况。",
      "Acknowledge the alarm before recording its disposal.",
    ),
    "cleared_unacknowledged:dispose": text(
      "请先确认报警，再登记处置情况。",
      "Acknowledge the alarm before recording its disposal.",
    ),
  };
  const reason = reasons[`${status}:${action}`] ?? text("不允许此操作。", "This step is not allowed.");
  const from = ALARM_STATUS_LABELS[status];
  const step = ALARM_ACTION_LABELS[action];
  return failure(
    "illegal_transition",
    text(
      `报警状态为“${from["zh-CN"]}”，不能“${step["zh-CN"]}”：${reason["zh-CN"]}`,
      `The alarm is "${from.en}"; "${step.en}" is not possible: ${reason.en}`,
    ),
  );
}

const isBlank = (value: unknown) => typeof value !== "string" || value.trim() === "";
const isValidDate = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());

/** Applies one step; the first failed check comes back with a code and a message in Chinese and English. */
export function applyAlarmAction(alarm: AlarmLifecycle, action: AlarmAction): AlarmLifecycleResult {
  const to = nextAlarmStatus(alarm.status, action.type);
  if (to === null) return illegal(alarm.status, action.type);
  if (!isValidDate(action.at)) {
    return failure("invalid_time", text("时间无效。", "The time is not a valid date."), ["at"]);
  }
  const from = alarm.status;
  switch (action.type) {
    case "acknowledge":
      if (isBlank(action.by)) {
        return failure("actor_required", text("请注明确认人。", "Say who acknowledges the alarm."), ["by"]);
      }
      return {
        ok: true,
        from,
        to,
        alarm: {
          ...alarm,
          status: to,
          acknowledgedAt: action.at,
          acknowledgedBy: action.by,
          acknowledgeNote: isBlank(action.note) ? null : (action.note as string),
        },
      };
    case "clear":
      return {
        ok: true,
        from,
        to,
        alarm: { ...alarm, status: to, clearedAt: action.at, clearValue: action.value ?? null },
      };
    case "dispose": {
      const missing = (["cause", "actionTaken", "by"] as const).filter((field) => isBlank(action[field]));
      if (missing.includes("by")) {
        return failure("actor_required", text("请注明处置人。", "Say who recorded the disposal."), ["by"]);
      }
      if (missing.includes("cause")) {
        return failure("cause_required", text("请填写报警原因。", "Give the cause of the alarm."), ["cause"]);
      }
      if (missing.includes("actionTaken")) {
        return failure("action_taken_required", text("请填写采取的处置措施。", "Describe the action taken."), [
          "actionTaken",
        ]);
      }
      const disposal: AlarmDisposal = {
        cause: action.cause,
        actionTaken: action.actionTaken,
        by: action.by,
        at: action.at,
      };
      return { ok: true, from, to, alarm: { ...alarm, status: to, disposals: [...alarm.disposals, disposal] } };
    }
  }
}
