// The hidden-danger life cycle as a pure state machine, after SAWS Decree 16 (2007, 安全生产事故隐患排查治理暂行规定):
// reported → confirmed (or dismissed) → rectifying → awaiting verification → closed, or back to rectifying;
// extensions, on-spot closing and the government's listing for supervision. Every accepted step yields an event to
// store; every refused one an error.

import type { Role } from "../access/roles";
import { type LocalisedText, text } from "../text";
import {
  HIDDEN_DANGER_ACTION_LABELS,
  HIDDEN_DANGER_ACTIONS,
  HIDDEN_DANGER_LEVELS,
  HIDDEN_DANGER_SOURCES,
  HIDDEN_DANGER_STATUS_LABELS,
  type HiddenDangerActionType,
  type HiddenDangerLevel,
  type HiddenDangerSource,
  type HiddenDangerStatus,
} from "./vocabulary";

/**
 * Status × action → next status. A missing entry is an illegal transition. Actions that record something without
 * moving the danger on (extensions, supervision, progress) lead back to the same status.
 */
export const HIDDEN_DANGER_TRANSITIONS: Readonly<
  Record<HiddenDangerStatus, Readonly<Partial<Record<HiddenDangerActionType, HiddenDangerStatus>>>>
> = {
  reported: { confirm: "confirmed", dismiss: "dismissed", close_on_spot: "closed" },
  confirmed: {
    start_rectification: "rectifying",
    request_extension: "confirmed",
    approve_extension: "confirmed",
    reject_extension: "confirmed",
    list_for_supervision: "confirmed",
    require_progress_report: "confirmed",
    report_progress: "confirmed",
  },
  rectifying: {
    submit_rectification: "awaiting_verification",
    request_extension: "rectifying",
    approve_extension: "rectifying",
    reject_extension: "rectifying",
    list_for_supervision: "rectifying",
    require_progress_report: "rectifying",
    report_progress: "rectifying",
  },
  awaiting_verification: {
    verify_pass: "closed",
    verify_fail: "rectifying",
    list_for_supervision: "awaiting_verification",
    require_progress_report: "awaiting_verification",
    report_progress: "awaiting_verification",
  },
  // A dismissed danger is finished; a closed one only lets government delist a major one it supervised.
  dismissed: {},
  closed: { delist: "closed" },
};

/** The status an action leads to from a status, or null when the table does not allow it. */
export function nextStatus(status: HiddenDangerStatus, action: HiddenDangerActionType): HiddenDangerStatus | null {
  return HIDDEN_DANGER_TRANSITIONS[status][action] ?? null;
}

/** SAWS Decree 16 (2007) art. 15: the parts of a major hidden danger's rectification plan (safety measures and the
 * emergency plan, one item there, are kept apart here). */
export type RectificationPlan = {
  objectiveAndTasks: string;
  method: string;
  fundsAndMaterials: string;
  /** The organisation and people who carry out the rectification: user ids or names. */
  responsiblePeople: readonly string[];
  timeLimit: Date;
  safetyMeasures: string;
  emergencyPlan: string;
};

export const RECTIFICATION_PLAN_PARTS: readonly (keyof RectificationPlan)[] = [
  "objectiveAndTasks",
  "method",
  "fundsAndMaterials",
  "responsiblePeople",
  "timeLimit",
  "safetyMeasures",
  "emergencyPlan",
];

export const RECTIFICATION_PLAN_PART_LABELS: Readonly<Record<keyof RectificationPlan, LocalisedText>> = {
  objectiveAndTasks: text("治理的目标和任务", "objective and tasks"),
  method: text("采取的方法和措施", "method"),
  fundsAndMaterials: text("经费和物资的落实", "funds and materials"),
  responsiblePeople: text("负责治理的机构和人员", "responsible people"),
  timeLimit: text("治理的时限和要求", "time limit"),
  safetyMeasures: text("安全措施", "safety measures during the work"),
  emergencyPlan: text("应急预案", "emergency plan"),
};

export type PendingExtension = {
  requesterId: string;
  /** The requester's authority when asking: only a strictly higher authority may decide. */
  requesterAuthority: number;
  requestedAt: Date;
  newDeadline: Date;
  reason: string;
};

export type Supervision = {
  listed: boolean;
  listedAt: Date | null;
  listedBy: string | null;
  /** Days between progress reports the government requires; null when none are required. */
  progressIntervalDays: number | null;
  lastProgressReportAt: Date | null;
  delistedAt: Date | null;
};

export type HiddenDangerCounters = {
  verificationFailures: number;
  extensionsApproved: number;
  extensionsRejected: number;
  progressReports: number;
};

export type HiddenDangerState = {
  status: HiddenDangerStatus;
  /** null until confirmed, unless the reporter already graded it. */
  level: HiddenDangerLevel | null;
  source: HiddenDangerSource;
  finderId: string;
  reportedAt: Date;
  responsibleUnit: string | null;
  responsiblePersonId: string | null;
  deadline: Date | null;
  measures: string | null;
  /** Who submitted the latest rectification (or fixed it on the spot); may never verify it. */
  rectifierId: string | null;
  verifierId: string | null;
  closedAt: Date | null;
  dismissalReason: string | null;
  plan: RectificationPlan | null;
  supervision: Supervision;
  pendingExtension: PendingExtension | null;
  counters: HiddenDangerCounters;
};

/** Free text and photos any step may carry into its event. */
type StepNotes = { comment?: string; photoIds?: readonly string[] };
/** Steps whose required text (reason, note) is the event's comment. */
type StepPhotos = { photoIds?: readonly string[] };

export type HiddenDangerAction =
  | ({
      type: "confirm";
      level: HiddenDangerLevel;
      responsibleUnit: string;
      responsiblePersonId: string;
      deadline: Date;
      measures?: string;
    } & StepNotes)
  | ({ type: "dismiss"; reason: string } & StepPhotos)
  | ({ type: "start_rectification"; plan?: RectificationPlan } & StepNotes)
  | { type: "submit_rectification"; note: string; photoIds: readonly string[] }
  | ({ type: "verify_pass" } & StepNotes)
  | ({ type: "verify_fail"; reason: string } & StepPhotos)
  | { type: "request_extension"; newDeadline: Date; reason: string }
  | ({ type: "approve_extension" } & StepNotes)
  | { type: "reject_extension"; reason: string }
  | ({ type: "list_for_supervision"; progressIntervalDays?: number } & StepNotes)
  | ({ type: "require_progress_report"; intervalDays: number } & StepNotes)
  | ({ type: "report_progress"; note: string } & StepPhotos)
  | ({ type: "delist" } & StepNotes)
  | {
      type: "close_on_spot";
      beforePhotoIds: readonly string[];
      afterPhotoIds: readonly string[];
      /** Who fixed it; the finder unless said otherwise. */
      rectifierId?: string;
      comment?: string;
    };

export type TransitionContext = {
  actor: {
    userId: string;
    role: Role;
    /** Position in the enterprise's or government's hierarchy: higher means a higher level. */
    authority: number;
    isGovernment: boolean;
  };
  now: Date;
  /** The finder's supervisors (direct or up the line, as the server resolves them); needed to close on the spot. */
  finderSupervisorIds?: readonly string[];
};

export type TransitionEvent = {
  action: HiddenDangerActionType | "report";
  from: HiddenDangerStatus | null;
  to: HiddenDangerStatus;
  actorId: string;
  actorRole: Role;
  at: Date;
  comment: string | null;
  photoIds: string[];
  /** The action as given, so nothing of a step (before and after photos, plan, new deadline) is lost. */
  payload: HiddenDangerAction | ReportHiddenDangerInput;
};

export type HiddenDangerErrorCode =
  | "illegal_transition"
  | "invalid_report"
  | "invalid_level"
  | "responsible_required"
  | "invalid_deadline"
  | "deadline_in_past"
  | "reason_required"
  | "note_required"
  | "plan_required"
  | "plan_incomplete"
  | "photos_required"
  | "before_photo_required"
  | "after_photo_required"
  | "verifier_is_rectifier"
  | "extension_pending"
  | "no_pending_extension"
  | "extension_not_later"
  | "authority_not_higher"
  | "government_only"
  | "major_only"
  | "already_listed"
  | "not_listed"
  | "invalid_interval"
  | "major_not_on_spot"
  | "finder_cannot_close"
  | "not_finder_supervisor";

export type HiddenDangerError = {
  code: HiddenDangerErrorCode;
  /** What was wrong and how to put it right. */
  text: LocalisedText;
  /** The fields of the action (or plan parts) that were wrong, when the error is about the input. */
  fields?: string[];
};

export type TransitionResult =
  | { ok: true; state: HiddenDangerState; event: TransitionEvent }
  | { ok: false; error: HiddenDangerError };

function problem(code: HiddenDangerErrorCode, zh: string, en: string, fields?: string[]) {
  return { code, text: text(zh, en), ...(fields ? { fields } : {}) } satisfies HiddenDangerError;
}

function isBlank(text: unknown): boolean {
  return typeof text !== "string" || text.trim() === "";
}

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

function hasPhotos(ids: readonly string[] | undefined): boolean {
  return Array.isArray(ids) && ids.length > 0 && ids.every((id) => !isBlank(id));
}

function isPositiveWholeDays(days: unknown): days is number {
  return typeof days === "number" && Number.isInteger(days) && days > 0;
}

/** The parts of a rectification plan that are missing or empty; [] for a complete plan. */
export function missingPlanParts(plan: Partial<RectificationPlan> | null | undefined): (keyof RectificationPlan)[] {
  if (!plan) return [...RECTIFICATION_PLAN_PARTS];
  return RECTIFICATION_PLAN_PARTS.filter((part) => {
    const value = plan[part];
    if (part === "timeLimit") return !isValidDate(value);
    if (part === "responsiblePeople") {
      return !Array.isArray(value) || value.length === 0 || value.some((person) => isBlank(person));
    }
    return isBlank(value);
  });
}

export type ReportHiddenDangerInput = {
  finderId: string;
  source: HiddenDangerSource;
  description: string;
  /** The reporter's grading, if any; confirmation decides. */
  level?: HiddenDangerLevel;
  photoIds?: readonly string[];
};

/** Records a newly found hidden danger: its first state and the "report" event. */
export function reportHiddenDanger(
  input: ReportHiddenDangerInput,
  context: TransitionContext,
): { ok: true; state: HiddenDangerState; event: TransitionEvent } | { ok: false; error: HiddenDangerError } {
  const wrong: string[] = [];
  if (isBlank(input.finderId)) wrong.push("finderId");
  if (!HIDDEN_DANGER_SOURCES.includes(input.source)) wrong.push("source");
  if (isBlank(input.description)) wrong.push("description");
  if (input.level !== undefined && !HIDDEN_DANGER_LEVELS.includes(input.level)) wrong.push("level");
  if (wrong.length > 0) {
    return {
      ok: false,
      error: problem(
        "invalid_report",
        `上报信息不完整或有误：${wrong.join("、")}。请填写发现人、来源和隐患描述。`,
        `The report is incomplete or wrong: ${wrong.join(", ")}. Give the finder, the source and a description.`,
        wrong,
      ),
    };
  }
  const state: HiddenDangerState = {
    status: "reported",
    level: input.level ?? null,
    source: input.source,
    finderId: input.finderId,
    reportedAt: context.now,
    responsibleUnit: null,
    responsiblePersonId: null,
    deadline: null,
    measures: null,
    rectifierId: null,
    verifierId: null,
    closedAt: null,
    dismissalReason: null,
    plan: null,
    supervision: {
      listed: false,
      listedAt: null,
      listedBy: null,
      progressIntervalDays: null,
      lastProgressReportAt: null,
      delistedAt: null,
    },
    pendingExtension: null,
    counters: { verificationFailures: 0, extensionsApproved: 0, extensionsRejected: 0, progressReports: 0 },
  };
  const event: TransitionEvent = {
    action: "report",
    from: null,
    to: "reported",
    actorId: context.actor.userId,
    actorRole: context.actor.role,
    at: context.now,
    comment: input.description,
    photoIds: [...(input.photoIds ?? [])],
    payload: input,
  };
  return { ok: true, state, event };
}

function illegalTransition(status: HiddenDangerStatus, action: HiddenDangerActionType): HiddenDangerError {
  const statusLabel = HIDDEN_DANGER_STATUS_LABELS[status];
  const actionLabel = HIDDEN_DANGER_ACTION_LABELS[action];
  const allowed = Object.keys(HIDDEN_DANGER_TRANSITIONS[status]) as HiddenDangerActionType[];
  const allowedZh = allowed.map((a) => HIDDEN_DANGER_ACTION_LABELS[a]["zh-CN"]).join("、") || "无";
  const allowedEn = allowed.join(", ") || "none";
  return problem(
    "illegal_transition",
    `隐患处于“${statusLabel["zh-CN"]}”状态，不能“${actionLabel["zh-CN"]}”。此状态下可进行：${allowedZh}。`,
    `A hidden danger that is ${statusLabel.en.toLowerCase()} cannot take "${action}". Allowed here: ${allowedEn}.`,
  );
}

function governmentOnly(action: HiddenDangerActionType): HiddenDangerError {
  return problem(
    "government_only",
    `只有政府监管部门可以“${HIDDEN_DANGER_ACTION_LABELS[action]["zh-CN"]}”。`,
    `Only a government supervisor may ${HIDDEN_DANGER_ACTION_LABELS[action].en.toLowerCase()}.`,
  );
}

function majorOnly(action: HiddenDangerActionType): HiddenDangerError {
  return problem(
    "major_only",
    `只有重大事故隐患可以“${HIDDEN_DANGER_ACTION_LABELS[action]["zh-CN"]}”，该隐患不是重大隐患。`,
    `Only a major hidden danger can be subject to "${action}"; this one is not major.`,
  );
}

function notListed(): HiddenDangerError {
  return problem(
    "not_listed",
    "该隐患未被挂牌督办（或已摘牌）。",
    "This hidden danger is not listed for supervision (or was already delisted).",
  );
}

/**
 * The checks that depend on the state and the actor only, not on what the action carries: they decide which
 * actions are offered. The status itself has already been checked against the table.
 */
function checkActor(
  state: HiddenDangerState,
  type: HiddenDangerActionType,
  context: TransitionContext,
): HiddenDangerError | null {
  const { actor } = context;
  switch (type) {
    case "verify_pass":
    case "verify_fail":
      // Practice of the double prevention mechanism: someone other than the rectifier verifies the fix.
      if (state.rectifierId !== null && actor.userId === state.rectifierId) {
        return problem(
          "verifier_is_rectifier",
          "验收人不能是整改人：请由整改人以外的人员验收。",
          "The verifier cannot be the rectifier: someone other than the person who rectified must verify.",
        );
      }
      return null;
    case "request_extension":
      if (state.pendingExtension) {
        return problem(
          "extension_pending",
          "已有一个延期申请待审批，请等待审批结果后再申请。",
          "An extension request is already pending; wait for its decision before asking again.",
        );
      }
      return null;
    case "approve_extension":
    case "reject_extension":
      if (!state.pendingExtension) {
        return problem("no_pending_extension", "没有待审批的延期申请。", "There is no pending extension request.");
      }
      // Issue: an extension is approved by the level above the requester.
      if (!(actor.authority > state.pendingExtension.requesterAuthority)) {
        return problem(
          "authority_not_higher",
          "延期申请须由申请人的上一级审批，您的层级不高于申请人。",
          "An extension is decided by the level above the requester; your level is not higher than theirs.",
        );
      }
      return null;
    case "list_for_supervision":
      if (!actor.isGovernment) return governmentOnly(type);
      if (state.level !== "major") return majorOnly(type);
      if (state.supervision.listed) {
        return problem("already_listed", "该隐患已挂牌督办。", "This hidden danger is already listed for supervision.");
      }
      return null;
    case "require_progress_report":
    case "delist":
      if (!actor.isGovernment) return governmentOnly(type);
      if (state.level !== "major") return majorOnly(type);
      if (!state.supervision.listed) return notListed();
      return null;
    case "report_progress":
      if (!state.supervision.listed) return notListed();
      return null;
    case "close_on_spot":
      if (state.level === "major") {
        return problem(
          "major_not_on_spot",
          "重大事故隐患不能立即整改销号，须确认后制定治理方案。",
          "A major hidden danger cannot be closed on the spot: confirm it and rectify it under a plan.",
        );
      }
      if (actor.userId === state.finderId) {
        return problem(
          "finder_cannot_close",
          "发现人不能自行销号，须由其上级确认整改并销号。",
          "The finder cannot close it; the finder's supervisor records and closes it.",
        );
      }
      if (!(context.finderSupervisorIds ?? []).includes(actor.userId)) {
        return problem(
          "not_finder_supervisor",
          "只有发现人的上级可以立即整改销号。",
          "Only the finder's supervisor may close a hidden danger on the spot.",
        );
      }
      return null;
    default:
      return null;
  }
}

/** The actions this actor may take on this danger now: legal from its status and allowed for this actor. */
export function availableActions(state: HiddenDangerState, context: TransitionContext): HiddenDangerActionType[] {
  return HIDDEN_DANGER_ACTIONS.filter(
    (type) => nextStatus(state.status, type) !== null && checkActor(state, type, context) === null,
  );
}

function reasonRequired(field: string): HiddenDangerError {
  return problem("reason_required", "请填写原因。", "Give a reason.", [field]);
}

function futureDeadline(deadline: unknown, field: string, now: Date): HiddenDangerError | null {
  if (!isValidDate(deadline)) {
    return problem("invalid_deadline", "整改期限不是有效日期。", "The deadline is not a valid date.", [field]);
  }
  if (deadline.getTime() <= now.getTime()) {
    return problem("deadline_in_past", "整改期限必须晚于当前时间。", "The deadline must be later than now.", [field]);
  }
  return null;
}

function planError(plan: RectificationPlan | null | undefined, level: HiddenDangerLevel | null) {
  if (!plan) {
    if (level !== "major") return null;
    return problem(
      "plan_required",
      "重大事故隐患须先制定治理方案（目标任务、方法措施、经费物资、机构人员、时限要求、安全措施、应急预案）才能开始整改。",
      "A major hidden danger needs a rectification plan (objective and tasks, method, funds and materials, " +
        "responsible people, time limit, safety measures, emergency plan) before rectification starts.",
      ["plan"],
    );
  }
  const missing = missingPlanParts(plan);
  if (missing.length === 0) return null;
  return problem(
    "plan_incomplete",
    `治理方案不完整，缺少：${missing.map((part) => RECTIFICATION_PLAN_PART_LABELS[part]["zh-CN"]).join("、")}。`,
    `The rectification plan is incomplete; missing: ${missing.map((part) => RECTIFICATION_PLAN_PART_LABELS[part].en).join(", ")}.`,
    missing.map((part) => `plan.${part}`),
  );
}

/** Checks what the action carries. */
function checkPayload(
  state: HiddenDangerState,
  action: HiddenDangerAction,
  context: TransitionContext,
): HiddenDangerError | null {
  switch (action.type) {
    case "confirm": {
      if (!HIDDEN_DANGER_LEVELS.includes(action.level)) {
        return problem("invalid_level", "隐患等级须为一般或重大。", "The level must be general or major.", ["level"]);
      }
      const missing = (["responsibleUnit", "responsiblePersonId"] as const).filter((field) => isBlank(action[field]));
      if (missing.length > 0) {
        return problem(
          "responsible_required",
          "请指定整改责任单位和责任人。",
          "Name the responsible unit and the responsible person.",
          [...missing],
        );
      }
      return futureDeadline(action.deadline, "deadline", context.now);
    }
    case "dismiss":
    case "verify_fail":
    case "reject_extension":
      return isBlank(action.reason) ? reasonRequired("reason") : null;
    case "start_rectification":
      return planError(action.plan ?? state.plan, state.level);
    case "submit_rectification":
      if (!hasPhotos(action.photoIds)) {
        return problem(
          "photos_required",
          "提交整改须附至少一张整改后照片。",
          "Attach at least one photo taken after the rectification.",
          ["photoIds"],
        );
      }
      return isBlank(action.note)
        ? problem("note_required", "请说明整改情况。", "Describe what was done.", ["note"])
        : null;
    case "report_progress":
      return isBlank(action.note)
        ? problem("note_required", "请说明整改进展。", "Describe the progress.", ["note"])
        : null;
    case "request_extension": {
      if (isBlank(action.reason)) return reasonRequired("reason");
      const invalid = futureDeadline(action.newDeadline, "newDeadline", context.now);
      if (invalid) return invalid;
      if (state.deadline && action.newDeadline.getTime() <= state.deadline.getTime()) {
        return problem(
          "extension_not_later",
          "延期后的期限必须晚于当前整改期限。",
          "The new deadline must be later than the current one.",
          ["newDeadline"],
        );
      }
      return null;
    }
    case "list_for_supervision":
      if (action.progressIntervalDays !== undefined && !isPositiveWholeDays(action.progressIntervalDays)) {
        return problem(
          "invalid_interval",
          "报告进展的间隔须为正整数天。",
          "The progress report interval must be a whole number of days, at least 1.",
          ["progressIntervalDays"],
        );
      }
      return null;
    case "require_progress_report":
      return isPositiveWholeDays(action.intervalDays)
        ? null
        : problem(
            "invalid_interval",
            "报告进展的间隔须为正整数天。",
            "The progress report interval must be a whole number of days, at least 1.",
            ["intervalDays"],
          );
    case "close_on_spot": {
      if (!hasPhotos(action.beforePhotoIds)) {
        return problem(
          "before_photo_required",
          "立即整改销号须附整改前照片。",
          "Closing on the spot needs a photo taken before the fix.",
          ["beforePhotoIds"],
        );
      }
      if (!hasPhotos(action.afterPhotoIds)) {
        return problem(
          "after_photo_required",
          "立即整改销号须附整改后照片。",
          "Closing on the spot needs a photo taken after the fix.",
          ["afterPhotoIds"],
        );
      }
      const rectifierId = action.rectifierId ?? state.finderId;
      if (rectifierId === context.actor.userId) {
        return problem(
          "verifier_is_rectifier",
          "销号人不能是整改人：请由整改人以外的人员确认。",
          "The person closing it cannot be the one who fixed it: someone else must confirm the fix.",
          ["rectifierId"],
        );
      }
      return null;
    }
    default:
      return null;
  }
}

/** The new state once the action is known to be allowed. */
function advance(
  state: HiddenDangerState,
  action: HiddenDangerAction,
  to: HiddenDangerStatus,
  context: TransitionContext,
): HiddenDangerState {
  const { now, actor } = context;
  const next: HiddenDangerState = { ...state, status: to };
  const count = (counter: keyof HiddenDangerCounters) => ({
    ...state.counters,
    [counter]: state.counters[counter] + 1,
  });
  switch (action.type) {
    case "confirm":
      return {
        ...next,
        level: action.level,
        responsibleUnit: action.responsibleUnit,
        responsiblePersonId: action.responsiblePersonId,
        deadline: action.deadline,
        measures: action.measures ?? null,
      };
    case "dismiss":
      return { ...next, dismissalReason: action.reason };
    case "start_rectification":
      return { ...next, plan: action.plan ?? state.plan };
    case "submit_rectification":
      // The work is done: a pending extension request is moot and withdrawn.
      return { ...next, rectifierId: actor.userId, pendingExtension: null };
    case "verify_pass":
      return { ...next, verifierId: actor.userId, closedAt: now };
    case "verify_fail":
      return { ...next, verifierId: actor.userId, counters: count("verificationFailures") };
    case "request_extension":
      return {
        ...next,
        pendingExtension: {
          requesterId: actor.userId,
          requesterAuthority: actor.authority,
          requestedAt: now,
          newDeadline: action.newDeadline,
          reason: action.reason,
        },
      };
    case "approve_extension":
      return {
        ...next,
        deadline: state.pendingExtension!.newDeadline,
        pendingExtension: null,
        counters: count("extensionsApproved"),
      };
    case "reject_extension":
      return { ...next, pendingExtension: null, counters: count("extensionsRejected") };
    case "list_for_supervision":
      return {
        ...next,
        supervision: {
          ...state.supervision,
          listed: true,
          listedAt: now,
          listedBy: actor.userId,
          progressIntervalDays: action.progressIntervalDays ?? state.supervision.progressIntervalDays,
        },
      };
    case "require_progress_report":
      return { ...next, supervision: { ...state.supervision, progressIntervalDays: action.intervalDays } };
    case "report_progress":
      return {
        ...next,
        supervision: { ...state.supervision, lastProgressReportAt: now },
        counters: count("progressReports"),
      };
    case "delist":
      return { ...next, supervision: { ...state.supervision, listed: false, delistedAt: now } };
    case "close_on_spot":
      return {
        ...next,
        level: "general",
        rectifierId: action.rectifierId ?? state.finderId,
        verifierId: actor.userId,
        closedAt: now,
      };
  }
}

function eventComment(action: HiddenDangerAction): string | null {
  if ("reason" in action) return action.reason;
  if ("note" in action) return action.note;
  return action.comment ?? null;
}

function eventPhotos(action: HiddenDangerAction): string[] {
  if (action.type === "close_on_spot") return [...action.beforePhotoIds, ...action.afterPhotoIds];
  return "photoIds" in action && action.photoIds ? [...action.photoIds] : [];
}

/**
 * Applies one step of the life cycle. Checks, in order: the transition table, who the actor is, what the action
 * carries. The first failed check is returned with a code and a message in Chinese and English.
 */
export function applyTransition(
  state: HiddenDangerState,
  action: HiddenDangerAction,
  context: TransitionContext,
): TransitionResult {
  const to = nextStatus(state.status, action.type);
  if (to === null) return { ok: false, error: illegalTransition(state.status, action.type) };
  const refused = checkActor(state, action.type, context) ?? checkPayload(state, action, context);
  if (refused) return { ok: false, error: refused };
  return {
    ok: true,
    state: advance(state, action, to, context),
    event: {
      action: action.type,
      from: state.status,
      to,
      actorId: context.actor.userId,
      actorRole: context.actor.role,
      at: context.now,
      comment: eventComment(action),
      photoIds: eventPhotos(action),
      payload: action,
    },
  };
}
