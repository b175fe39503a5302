// The words of hidden-danger governance, each listed once: statuses, levels, sources and life-cycle steps, with
// their names in both languages. Server, web and statistics take them from here.

import { type LocalisedText, text } from "../text";

export const HIDDEN_DANGER_STATUSES = [
  "reported",
  "confirmed",
  "dismissed",
  "rectifying",
  "awaiting_verification",
  "closed",
] as const;
export type HiddenDangerStatus = (typeof HIDDEN_DANGER_STATUSES)[number];

/** Finished: nothing more is owed on it. */
export const FINISHED_HIDDEN_DANGER_STATUSES = ["closed", "dismissed"] as const satisfies readonly HiddenDangerStatus[];

/** Statuses in which the rectification deadline runs: past it, the danger is overdue. */
export const DEADLINE_RUNNING_STATUSES = ["confirmed", "rectifying"] as const satisfies readonly HiddenDangerStatus[];

/** True when a danger in this status with this deadline is overdue at `now`. */
export function isOverdue(status: string, deadline: Date | null, now: Date): boolean {
  return !!deadline && deadline < now && (DEADLINE_RUNNING_STATUSES as readonly string[]).includes(status);
}

// SAWS Decree 16 (2007) art. 3: a general hidden danger is small in harm and removed at once; a major one needs a
// full or partial shutdown and time to fix, or cannot be removed by the unit alone.
export const HIDDEN_DANGER_LEVELS = ["general", "major"] as const;
export type HiddenDangerLevel = (typeof HIDDEN_DANGER_LEVELS)[number];

export const HIDDEN_DANGER_SOURCES = [
  "inspection",
  "employee_report",
  "government",
  "third_party",
  "public_report",
  "accident_investigation",
] as const;
export type HiddenDangerSource = (typeof HIDDEN_DANGER_SOURCES)[number];

export const HIDDEN_DANGER_ACTIONS = [
  "confirm",
  "dismiss",
  "start_rectification",
  "submit_rectification",
  "verify_pass",
  "verify_fail",
  "request_extension",
  "approve_extension",
  "reject_extension",
  "list_for_supervision",
  "require_progress_report",
  "report_progress",
  "delist",
  "close_on_spot",
] as const;
export type HiddenDangerActionType = (typeof HIDDEN_DANGER_ACTIONS)[number];

export const HIDDEN_DANGER_STATUS_LABELS: Readonly<Record<HiddenDangerStatus, LocalisedText>> = {
  reported: text("已上报", "Reported"),
  confirmed: text("已确认", "Confirmed"),
  dismissed: text("非隐患", "Dismissed"),
  rectifying: text("整改中", "Rectifying"),
  awaiting_verification: text("待验收", "Awaiting verification"),
  closed: text("已销号", "Closed"),
};

export const HIDDEN_DANGER_ACTION_LABELS: Readonly<Record<HiddenDangerActionType, LocalisedText>> = {
  confirm: text("确认隐患", "Confirm"),
  dismiss: text("判定非隐患", "Dismiss"),
  start_rectification: text("开始整改", "Start rectification"),
  submit_rectification: text("提交整改", "Submit rectification"),
  verify_pass: text("验收通过", "Pass verification"),
  verify_fail: text("验收不通过", "Fail verification"),
  request_extension: text("申请延期", "Request extension"),
  approve_extension: text("批准延期", "Approve extension"),
  reject_extension: text("驳回延期", "Reject extension"),
  list_for_supervision: text("挂牌督办", "List for supervision"),
  require_progress_report: text("要求报告进展", "Require progress reports"),
  report_progress: text("报告整改进展", "Report progress"),
  delist: text("摘牌", "Delist"),
  close_on_spot: text("立即整改销号", "Close on the spot"),
};

export const HIDDEN_DANGER_SOURCE_LABELS: Readonly<Record<HiddenDangerSource, LocalisedText>> = {
  inspection: text("排查发现", "Inspection"),
  employee_report: text("员工报告", "Employee report"),
  government: text("政府检查", "Government inspection"),
  third_party: text("第三方检查", "Third party"),
  public_report: text("群众举报", "Public report"),
  accident_investigation: text("事故调查", "Accident investigation"),
};
