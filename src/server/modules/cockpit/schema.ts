import { type Static, Type } from "typebox";
import { PERIOD_PATTERN } from "../../../domain/hidden-danger/statistics";
import {
  DateTime,
  FileResponse,
  IsoDate,
  NullableNumber,
  NullableString,
  OneOf,
  RiskLevel,
  Uuid,
} from "../../http/schemas";
import { CampaignSummary } from "../campaigns/schema";

// The cockpit's one answer: GET /cockpit sends it, the XLSX and PDF exports are drawn from it, and the web app reads
// it through the types generated from this schema.

export const GRANULARITIES = ["month", "week"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const CockpitQuery = Type.Object(
  {
    territoryId: Type.Optional(
      Type.String({ format: "uuid", description: "The node to show; the caller's top territory when left out" }),
    ),
    period: Type.Optional(
      Type.String({
        pattern: PERIOD_PATTERN,
        description: "Hidden-danger period: a year (2026) or a quarter (2026-Q1); the current year by default",
      }),
    ),
    granularity: Type.Optional(OneOf(GRANULARITIES, { default: "month" })),
  },
  { additionalProperties: false },
);
export type CockpitQuery = Static<typeof CockpitQuery>;

/** Enterprises per rating level, 1 (red) … 4 (blue). */
const LevelCounts = Type.Object({ "1": Type.Integer(), "2": Type.Integer(), "3": Type.Integer(), "4": Type.Integer() });
export type LevelCounts = Static<typeof LevelCounts>;

/** Alarms by colour: severity 1 red … 4 blue. */
const ColourCounts = Type.Object({
  red: Type.Integer(),
  orange: Type.Integer(),
  yellow: Type.Integer(),
  blue: Type.Integer(),
});
export type ColourCounts = Static<typeof ColourCounts>;

const CockpitNode = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: Type.String({ description: "The territory level: city, district, town or grid" }),
  path: Type.String(),
});
export type CockpitNode = Static<typeof CockpitNode>;

const RegionalLevel = Type.Object({ level: RiskLevel, score: Type.Number(), explanation: Type.String() });

/** Hidden dangers open now, whenever found: all, past their deadline, and major. */
const OpenHiddenDangers = Type.Object({ open: Type.Integer(), overdue: Type.Integer(), majorOpen: Type.Integer() });

const ChildTerritory = Type.Object({
  territoryId: Uuid,
  name: Type.String(),
  kind: Type.String(),
  regional: RegionalLevel,
  enterprises: Type.Object({ total: Type.Integer(), byLevel: LevelCounts, unrated: Type.Integer() }),
  hiddenDangers: OpenHiddenDangers,
  activeAlarms: ColourCounts,
});

const ChildEnterprise = Type.Object({
  enterpriseId: Uuid,
  name: Type.String(),
  score: NullableNumber(),
  level: Type.Union([RiskLevel, Type.Null()]),
  explanation: NullableString(),
  hiddenDangers: OpenHiddenDangers,
  activeAlarms: Type.Integer(),
});
export type CockpitChildEnterprise = Static<typeof ChildEnterprise>;

const HiddenDangerFigures = Type.Object({
  found: Type.Integer({ description: "Found in the period" }),
  dismissed: Type.Integer(),
  rectified: Type.Integer(),
  rectificationRate: NullableNumber({ description: "rectified ÷ (found − dismissed)" }),
  onTimeRate: NullableNumber({ description: "Closed by the deadline ÷ rectified" }),
  majorFound: Type.Integer(),
  open: Type.Integer({ description: "Open now, whenever found" }),
  overdue: Type.Integer(),
  majorOpen: Type.Integer(),
});
export type HiddenDangerFigures = Static<typeof HiddenDangerFigures>;

/** Planned inspections, those done, done ÷ planned, over the plans of a kind. */
const PlanCompletion = Type.Object({
  plans: Type.Integer(),
  planned: Type.Integer(),
  inspected: Type.Integer(),
  ratio: NullableNumber(),
});
export type PlanCompletion = Static<typeof PlanCompletion>;

/** Completion of the year's enforcement plans for the node's enterprises, and the inspections done in the period. */
const InspectionPlanFigures = Type.Object({
  year: Type.Integer(),
  annual: PlanCompletion,
  monthly: PlanCompletion,
  inspections: Type.Object({ done: Type.Integer(), violations: Type.Integer(), penaltyYuan: Type.Number() }),
});
export type InspectionPlanFigures = Static<typeof InspectionPlanFigures>;

const TopEnterprise = Type.Object({
  id: Uuid,
  name: Type.String(),
  territoryName: Type.String(),
  score: Type.Number(),
  level: RiskLevel,
  summary: Type.String({ description: "The colour word and the first reasons of the explanation" }),
});

export const Cockpit = Type.Object({
  territory: CockpitNode,
  breadcrumb: Type.Array(CockpitNode, { description: "From the caller's top node down to this one" }),
  period: Type.Object({ label: Type.String(), from: DateTime, to: DateTime }),
  generatedAt: DateTime,
  enterprises: Type.Object({
    total: Type.Integer(),
    rated: Type.Integer(),
    unrated: Type.Integer(),
    byLevel: LevelCounts,
  }),
  regional: Type.Union([RegionalLevel, Type.Null()]),
  trend: Type.Object(
    {
      granularity: OneOf(GRANULARITIES),
      points: Type.Array(Type.Object({ start: IsoDate, byLevel: LevelCounts })),
    },
    { description: "From the first bucket with a rating (empty when nothing is rated) to the current one" },
  ),
  children: Type.Array(ChildTerritory),
  enterprisesHere: Type.Object(
    { total: Type.Integer(), items: Type.Array(ChildEnterprise) },
    { description: "Enterprises registered directly at this node (at a grid, all of them), highest score first" },
  ),
  hiddenDangers: HiddenDangerFigures,
  alarms: Type.Object({ active: ColourCounts, last30Days: ColourCounts }),
  inspectionPlans: InspectionPlanFigures,
  campaigns: CampaignSummary,
  topEnterprises: Type.Array(TopEnterprise),
});
export type CockpitFigures = Static<typeof Cockpit>;

export const CockpitWorkbook = FileResponse(
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "The cockpit as an XLSX workbook, one sheet per panel",
);

export const CockpitPdf = FileResponse("application/pdf", "The cockpit as a printable A4 PDF report");
