import {
  HIDDEN_DANGER_ACTIONS,
  HIDDEN_DANGER_SOURCES,
  HIDDEN_DANGER_STATUSES,
  type HiddenDangerLevel,
  type HiddenDangerStatus,
} from "../../../domain/hidden-danger";
import { riskLevelOf } from "../../../domain/reference/risk-levels";
import type { Answer, ItemOf, RequestBody } from "../../api/contract";
import { codeLabel } from "../../components/labels";
import type { MessageKey, Translate } from "../../i18n";

// The answers of hidden dangers, inspections and their statistics, as the server's response schemas declare them, and
// the words and colours they are shown with.

/** A major hidden danger's rectification plan, as a step sends it and the danger shows it. */
export type RectificationPlan = NonNullable<RequestBody<"/api/v1/hidden-dangers/{id}/actions", "post">["plan"]>;

export type HiddenDanger = Answer<"/api/v1/hidden-dangers/{id}">;
export type HdEvent = HiddenDanger["events"][number];
export type HdStats = Answer<"/api/v1/hidden-danger-stats">;
export type HdSummary = ItemOf<"/api/v1/hidden-danger-summaries">;

export type InspectionTask = ItemOf<"/api/v1/inspection-tasks">;
export type TaskStatus = InspectionTask["status"];
export type InspectionTaskItem = Answer<"/api/v1/inspection-tasks/{id}">["items"][number];
export type CheckOutcome = NonNullable<InspectionTaskItem["outcome"]>;
export type ChecklistItem = ItemOf<"/api/v1/checklist-items">;

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
