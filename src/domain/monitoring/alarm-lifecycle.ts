// The life cycle of one alarm (REFERENCE.md §10): active-unacknowledged → acknowledged → cleared, or
// active-unacknowledged → cleared-unacknowledged → cleared when the condition ends before anyone responds. Each step
// records who and when; disposals (cause and action taken) are recorded once someone has acknowledged the alarm.

export const ALARM_STATUSES = ["active_unacknowledged", "acknowledged", "cleared_unacknowledged", "cleared"] as const;
export type AlarmStatus = (typeof ALARM_STATUSES)[number];

export const ALARM_ACTIONS = ["acknowledge", "clear", "dispose"] as const;
export type AlarmActionType = (typeof ALARM_ACTIONS)[number];

type Label = { zh: string; en: string };

export const ALARM_STATUS_LABELS: Readonly<Record<AlarmStatus, Label>> = {
  active_unacknowledged: { zh: "报警未确认", en: "Active, unacknowledged" },
  acknowledged: { zh: "已确认", en: "Acknowledged" },
  cleared_unacknowledged: { zh: "已消除未确认", en: "Cleared, unacknowledged" },
  cleared: { zh: "已消除", en: "Cleared" },
};

export const ALARM_ACTION_LABELS: Readonly<Record<AlarmActionType, Label>> = {
  acknowledge: { zh: "确认报警", en: "Acknowledge" },
  clear: { zh: "报警消除", en: "Clear" },
  dispose: { zh: "登记处置", en: "Record disposal" },
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
  return status === "active_unacknowledged" || status === "acknowledged";
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
  messageZh: string;
  messageEn: string;
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

function failure(code: AlarmLifecycleErrorCode, messageZh: string, messageEn: string, fields?: string[]) {
  return { ok: false as const, error: { code, messageZh, messageEn, ...(fields ? { fields } : {}) } };
}

// Why each illegal pair is refused, in the words an operator needs.
function illegal(status: AlarmStatus, action: AlarmActionType): AlarmLifecycleResult {
  const reasons: Record<string, Label> = {
    "acknowledged:acknowledge": { zh: "该报警已确认。", en: "This alarm has already been acknowledged." },
    "cleared:acknowledge": { zh: "该报警已消除并已确认。", en: "This alarm is already cleared and acknowledged." },
    "cleared_unacknowledged:clear": { zh: "该报警已消除。", en: "This alarm has already cleared." },
    "cleared:clear": { zh: "该报警已消除。", en: "This alarm has already cleared." },
    "active_unacknowledged:dispose": {
      zh: "请先确认报警，再登记处置情况。",
      en: "Acknowledge the alarm before recording its disposal.",
    },
    "cleared_unacknowledged:dispose": {
      zh: "请先确认报警，再登记处置情况。",
      en: "Acknowledge the alarm before recording its disposal.",
    },
  };
  const reason = reasons[`${status}:${action}`] ?? { zh: "不允许此操作。", en: "This step is not allowed." };
  const from = ALARM_STATUS_LABELS[status];
  const step = ALARM_ACTION_LABELS[action];
  return failure(
    "illegal_transition",
    `报警状态为“${from.zh}”，不能“${step.zh}”：${reason.zh}`,
    `The alarm is "${from.en}"; "${step.en}" is not possible: ${reason.en}`,
  );
}

const isBlank = (text: unknown) => typeof text !== "string" || text.trim() === "";
const isValidDate = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());

/** Applies one step; the first failed check comes back with a code and messages in Chinese and English. */
export function applyAlarmAction(alarm: AlarmLifecycle, action: AlarmAction): AlarmLifecycleResult {
  const to = nextAlarmStatus(alarm.status, action.type);
  if (to === null) return illegal(alarm.status, action.type);
  if (!isValidDate(action.at)) {
    return failure("invalid_time", "时间无效。", "The time is not a valid date.", ["at"]);
  }
  const from = alarm.status;
  switch (action.type) {
    case "acknowledge":
      if (isBlank(action.by)) {
        return failure("actor_required", "请注明确认人。", "Say who acknowledges the alarm.", ["by"]);
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
        return failure("actor_required", "请注明处置人。", "Say who recorded the disposal.", ["by"]);
      }
      if (missing.includes("cause")) {
        return failure("cause_required", "请填写报警原因。", "Give the cause of the alarm.", ["cause"]);
      }
      if (missing.includes("actionTaken")) {
        return failure("action_taken_required", "请填写采取的处置措施。", "Describe the action taken.", [
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
