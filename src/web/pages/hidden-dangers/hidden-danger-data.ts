import {
  HIDDEN_DANGER_ACTIONS,
  HIDDEN_DANGER_SOURCES,
  HIDDEN_DANGER_STATUSES,
  type HiddenDangerActionType,
  type HiddenDangerLevel,
  type HiddenDangerStatus,
} from "../../../domain/hidden-danger";
import { riskLevelOf } from "../../../domain/reference/risk-levels";
import type { ItemOf, RequestBody } from "../../api/contract";
import { codeLabel } from "../../components/labels";
import type { MessageKey, Translate } from "../../i18n";

// The API shapes of hidden dangers, inspections and their statistics, and the words and colours they are shown with.

/** A major hidden danger's rectification plan, as a step sends it and the danger shows it. */
export type RectificationPlan = NonNullable<RequestBody<"/api/v1/hidden-dangers/{id}/actions", "post">["plan"]>;

export type HdEvent = {
  seq: number;
  action: HiddenDangerActionType | "report";
  from: HiddenDangerStatus | null;
  to: HiddenDangerStatus;
  actorName: string;
  at: string;
  comment: string | null;
  photoIds: string[];
};

export type HiddenDanger = {
  id: string;
  code: string;
  enterpriseId: string;
  enterpriseName: string;
  source: string;
  status: HiddenDangerStatus;
  level: HiddenDangerLevel;
  description: string;
  place: string;
  riskPointId: string | null;
  categoryCode: string;
  photoBeforeIds: string[];
  photoAfterIds: string[];
  responsibleUnit: string;
  responsibleUserId: string | null;
  responsibleUserName?: string | null;
  finderName?: string | null;
  measures: string;
  funds: number | null;
  deadline: string | null;
  overdue: boolean;
  foundAt: string;
  closedAt: string | null;
  plan: RectificationPlan | null;
  supervision: {
    listed: boolean;
    listedAt: string | null;
    progressIntervalDays: number | null;
    lastProgressReportAt: string | null;
    delistedAt: string | null;
  };
  pendingExtension: { newDeadline: string; reason: string; requestedAt: string } | null;
  availableActions: HiddenDangerActionType[];
  events: HdEvent[];
};

export type HdStats = {
  found: number;
  dismissed: number;
  rectified: number;
  rectificationRate: number | null;
  onTimeRate: number | null;
  open: number;
  overdue: number;
  majorFound: number;
  majorOpen: number;
  byCategory: { category: string; count: number }[];
  bySource: { source: string; count: number }[];
};

export type HdSummary = { period: string; figures: HdStats; signedName: string; signedAt: string };

export type TaskStatus = "open" | "done" | "missed";
export type InspectionTask = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  title: string;
  frequency: string;
  dueAt: string;
  status: TaskStatus;
  itemCount: number;
  doneCount: number;
};
export type CheckOutcome = "pass" | "fail" | "not_applicable";
export type InspectionTaskItem = {
  checklistItemId: string;
  content: string;
  outcome: CheckOutcome | null;
  note: string;
  photoIds: string[];
  lng: number | null;
  lat: number | null;
  recordedAt: string | null;
  hiddenDangerId: string | null;
};
export type ChecklistItem = {
  id: string;
  source: "measure" | "template" | "custom";
  templateKind: string | null;
  content: string;
  checkFrequency: string;
  controlLevel: string | null;
  responsiblePerson: string;
};

export type AppNotification = ItemOf<"/api/v1/notifications">;

export const STATUS_TAG_COLOURS: Record<HiddenDangerStatus, string> = {
  reported: "processing",
  confirmed: "blue",
  dismissed: "default",
  rectifying: "gold",
  awaiting_verification: "purple",
  closed: "success",
};

// Major hidden dangers carry the major-risk red; general ones the general-risk yellow (one palette for the platform).
export function levelColours(level: HiddenDangerLevel): { background: string; color: string } {
  const item = riskLevelOf(level === "major" ? 1 : 3);
  return { background: item.hex, color: item.textHex };
}

export const statusLabel = codeLabel("hdStatus", HIDDEN_DANGER_STATUSES);
export const levelLabel = (t: Translate, level: string | null) => t(`hdLevel.${level ?? "unset"}` as MessageKey);
export const sourceLabel = codeLabel("hdSource", HIDDEN_DANGER_SOURCES);
/** A step of the life cycle, the first report included. */
export const actionLabel = codeLabel("hdAction", ["report", ...HIDDEN_DANGER_ACTIONS]);
export function categoryLabel(t: Translate, code: string | null | undefined): string {
  if (!code) return t("hdCategory.?");
  const top = code.charAt(0);
  const name = ["1", "2", "3", "4"].includes(top) ? t(`hdCategory.${top}` as MessageKey) : code;
  return code.length > 1 ? `${code} ${name}` : name;
}

export const formatTime = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : "—");
export const formatDate = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleDateString() : "—");
