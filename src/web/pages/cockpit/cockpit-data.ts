import type { RiskLevel } from "../../../domain/reference/risk-levels";

// The answer of GET /api/v1/cockpit (src/server/modules/cockpit/cockpit-figures.ts).

export type LevelCounts = Record<RiskLevel, number>;
export type ColourCounts = { red: number; orange: number; yellow: number; blue: number };
export type TerritoryKind = "city" | "district" | "town" | "grid";
export type CockpitNode = { id: string; name: string; kind: TerritoryKind; path: string };
type OpenHiddenDangers = { open: number; overdue: number; majorOpen: number };

export type CockpitChildTerritory = {
  territoryId: string;
  name: string;
  kind: TerritoryKind;
  regional: { level: RiskLevel; score: number; explanation: string };
  enterprises: { total: number; byLevel: LevelCounts; unrated: number };
  hiddenDangers: OpenHiddenDangers;
  activeAlarms: ColourCounts;
};

export type CockpitChildEnterprise = {
  enterpriseId: string;
  name: string;
  score: number | null;
  level: RiskLevel | null;
  explanation: string | null;
  hiddenDangers: OpenHiddenDangers;
  activeAlarms: number;
};

export type PlanCompletion = { plans: number; planned: number; inspected: number; ratio: number | null };

export type Cockpit = {
  territory: CockpitNode;
  breadcrumb: CockpitNode[];
  period: { label: string; from: string; to: string };
  generatedAt: string;
  enterprises: { total: number; rated: number; unrated: number; byLevel: LevelCounts };
  regional: { level: RiskLevel; score: number; explanation: string } | null;
  trend: { granularity: "month" | "week"; points: { start: string; byLevel: LevelCounts }[] };
  children: CockpitChildTerritory[];
  enterprisesHere: { total: number; items: CockpitChildEnterprise[] };
  hiddenDangers: {
    found: number;
    dismissed: number;
    rectified: number;
    rectificationRate: number | null;
    onTimeRate: number | null;
    majorFound: number;
    open: number;
    overdue: number;
    majorOpen: number;
  };
  alarms: { active: ColourCounts; last30Days: ColourCounts };
  inspectionPlans: {
    year: number;
    annual: PlanCompletion;
    monthly: PlanCompletion;
    inspections: { done: number; violations: number; penaltyYuan: number };
  };
  campaigns: {
    active: number;
    closed: number;
    reportsDue: number;
    reportsSubmitted: number;
    reportsOverdue: number;
    byCampaign: {
      id: string;
      title: string;
      status: "active" | "closed";
      startDate: string;
      endDate: string;
      participants: number;
      reportsDue: number;
      reportsSubmitted: number;
      reportsLate: number;
      reportsOverdue: number;
    }[];
  };
  topEnterprises: {
    id: string;
    name: string;
    territoryName: string;
    score: number;
    level: RiskLevel;
    summary: string;
  }[];
};

export const COLOURS: readonly (keyof ColourCounts)[] = ["red", "orange", "yellow", "blue"];

export const sumColours = (counts: ColourCounts) => counts.red + counts.orange + counts.yellow + counts.blue;
