import type { FrequencyConfig } from "../../../domain/supervision/inspection-frequency";
import type { Answer, ItemOf } from "../../api/contract";
import type { MessageKey, Translate } from "../../i18n";

// The answers of classified supervision (departments, plans, inspections, frequencies) as the server's response
// schemas declare them (supervision/schema.ts), and the words they are shown with.

export {
  CHECK_RESULTS,
  type CheckResult,
  PENALTY_KINDS,
  type PenaltyKind,
} from "../../../domain/supervision/enforcement-record";
export type { FrequencyConfig };

export type Departments = Answer<"/api/v1/supervision/departments">;
export type PlanPage = Answer<"/api/v1/supervision/plans">;
export type Plan = ItemOf<"/api/v1/supervision/plans">;
export type PlanDetail = Answer<"/api/v1/supervision/plans/{id}">;
export type PlanItem = PlanDetail["items"][number];
export type Completion = Plan["completion"];
export type InspectionPage = Answer<"/api/v1/supervision/inspections">;
export type Inspection = ItemOf<"/api/v1/supervision/inspections">;
export type InspectionDetail = Answer<"/api/v1/supervision/inspections/{id}">;
export type Inspectors = Answer<"/api/v1/supervision/inspectors">;
export type FrequencySettings = Answer<"/api/v1/supervision/frequency">;
export type StoredFrequency = FrequencySettings["overrides"][number];

export const penaltyLabel = (t: Translate, kind: string) => t(`sup.penalty.${kind}` as MessageKey);
export const resultLabel = (t: Translate, result: string) => t(`sup.result.${result}` as MessageKey);

/** "3 / 5 (60%)": the share of planned inspections done. */
export function completionPercent(completion: Completion): number {
  return completion.ratio === null ? 0 : Math.round(completion.ratio * 100);
}

/** Today in the browser's own calendar, as the API's dates are written (YYYY-MM-DD). */
export function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
