import type { RiskLevel } from "../../../domain/reference/risk-levels";
import type { MessageKey, Translate } from "../../i18n";

// The API shapes of classified supervision (departments, plans, inspections, frequencies) and their words.

export type FrequencyConfig = Record<RiskLevel, { timesPerYear: number }>;

export type Department = {
  id: string;
  name: string;
  kind: string;
  industries: string[];
  territory: { id: string; name: string };
  own: boolean;
};

export type PlanSummary = {
  period: string;
  enterprises: number;
  mandatoryRequired: number;
  mandatoryPlanned: number;
  shortfall: number;
  random: number;
  capacity: number | null;
  byLevel: Record<RiskLevel, { enterprises: number; mandatory: number; random: number }>;
};

export type Completion = { planned: number; inspected: number; ratio: number | null };

export type Plan = {
  id: string;
  organisation: { id: string; name: string };
  territory: { id: string; name: string; path: string };
  year: number;
  month: number | null;
  period: string;
  seed: string;
  seedNumber: number;
  annualSeed: string;
  capacity: number | null;
  frequency: FrequencyConfig;
  summary: PlanSummary;
  generatedAt: string;
  generatedByName: string;
  completion: Completion;
};

export type PlanItem = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  reason: "mandatory" | "random";
  level: RiskLevel;
  score: number;
  weight: number;
  inspections: number;
  months: number[];
  checkContents: string[];
  inspected: number;
  lastInspectedOn: string | null;
};

export type PlanDetail = Plan & { items: PlanItem[] };

export const CHECK_RESULTS = ["ok", "problem", "not_checked"] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

// 《行政处罚法》(2021) 第九条 kinds, as the server accepts them.
export const PENALTY_KINDS = [
  "warning",
  "fine",
  "confiscation",
  "licence_suspension",
  "licence_revocation",
  "production_suspension",
  "closure",
  "other",
] as const;
export type PenaltyKind = (typeof PENALTY_KINDS)[number];

export type Penalty = { kind: PenaltyKind; amountYuan: number; legalBasis: string };

export type Inspection = {
  id: string;
  code: string;
  enterpriseId: string;
  enterpriseName: string;
  organisation: { id: string; name: string } | null;
  planItemId: string | null;
  recheckOfId: string | null;
  inspectedOn: string;
  inspectorNames: string[];
  itemsChecked: { content: string; result: CheckResult; note?: string }[];
  findings: string;
  hiddenDangerIds: string[];
  rectificationDeadline: string | null;
  penalties: Penalty[];
  penaltyTotalYuan: number;
  violations: number;
  recheckDue: string | null;
  recheckInspectionId: string | null;
  recheckOverdue: boolean;
};

export type InspectionDetail = Inspection & {
  hiddenDangers: { id: string; code: string; status: string; level: string; description: string }[];
  rechecks: { id: string; code: string; inspectedOn: string; violations: number }[];
};

export type Inspector = { id: string; displayName: string; role: string; organisationName: string | null };

export type StoredFrequency = {
  id: string;
  organisationId: string | null;
  organisationName: string | null;
  territoryId: string | null;
  territoryName: string | null;
  frequency: Partial<FrequencyConfig>;
  updatedAt: string;
};

export type FrequencySettings = {
  shipped: FrequencyConfig;
  defaults: FrequencyConfig;
  installationDefault: StoredFrequency | null;
  overrides: StoredFrequency[];
  inForce: FrequencyConfig;
};

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
