import { type Static, Type } from "typebox";
import { CHECK_RESULTS, PENALTY_KINDS, RECHECK_FILTERS, SELECTION_REASONS } from "../../../domain/supervision";
import {
  DateTime,
  FileResponse,
  IdParams,
  IsoDate,
  Items,
  NullableNumber,
  NullableString,
  OneOf,
  Page,
  PageQuery,
  RiskLevel,
  Uuid,
} from "../../http/schemas";

export { IdParams };

// ---- Inspection frequencies ----

const Times = Type.Object({ timesPerYear: Type.Number() }, { additionalProperties: false });

/** Times a year per rating level, every level given. */
const FrequencyConfig = Type.Object({ "1": Times, "2": Times, "3": Times, "4": Times });

/** Times a year for some levels; the others fall through to the next configuration. */
// Bounds are left to the domain validator, so every frequency problem is explained the same way.
const PartialFrequency = Type.Object(
  { "1": Type.Optional(Times), "2": Type.Optional(Times), "3": Type.Optional(Times), "4": Type.Optional(Times) },
  { additionalProperties: false },
);

export const FrequencyQuery = Type.Object(
  { organisationId: Type.Optional(Uuid), territoryId: Type.Optional(Uuid) },
  { additionalProperties: false },
);

export const FrequencyBody = Type.Object(
  {
    organisationId: Type.Union([Uuid, Type.Null()]),
    territoryId: Type.Union([Uuid, Type.Null()]),
    frequency: PartialFrequency,
  },
  { additionalProperties: false },
);
export type FrequencyInput = Static<typeof FrequencyBody>;

/** A stored setting: the installation default (neither department nor territory), a department's or a territory's. */
export const StoredFrequency = Type.Object({
  id: Uuid,
  organisationId: NullableString(),
  organisationName: NullableString(),
  territoryId: NullableString(),
  territoryName: NullableString(),
  territoryPath: NullableString(),
  frequency: PartialFrequency,
  updatedAt: DateTime,
});

export const FrequencySettings = Type.Object({
  shipped: FrequencyConfig,
  defaults: FrequencyConfig,
  installationDefault: Type.Union([StoredFrequency, Type.Null()]),
  overrides: Type.Array(StoredFrequency),
  inForce: FrequencyConfig,
});

export const StoredFrequencies = Items(StoredFrequency);

// ---- Departments and inspectors ----

export const Department = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: Type.String(),
  industries: Type.Array(Type.String()),
  territory: Type.Object({ id: Uuid, name: Type.String() }),
  own: Type.Boolean({ description: "The caller's own department" }),
});

export const Departments = Items(Department);

export const Inspector = Type.Object({
  id: Uuid,
  displayName: Type.String(),
  role: Type.String(),
  organisationName: NullableString(),
});

export const Inspectors = Items(Inspector);

// ---- Enforcement plans ----

export const GeneratePlanBody = Type.Object(
  {
    department: Type.String({ format: "uuid", description: "The supervising department (organisation id)" }),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12, description: "Absent for an annual plan" })),
    territoryId: Type.Optional(
      Type.String({ format: "uuid", description: "A node inside the department's territory; its own by default" }),
    ),
    seed: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'The published seed; by default "<year>[-<month>]:<department id>"',
      }),
    ),
    capacity: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 100_000,
        description: "Inspections the department can do in the period; spare capacity is drawn at random",
      }),
    ),
  },
  { additionalProperties: false },
);

export const PlanListQuery = Type.Object(
  {
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    department: Type.Optional(Uuid),
    page: PageQuery.page,
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  { additionalProperties: false },
);

const LevelSummary = Type.Object({ enterprises: Type.Integer(), mandatory: Type.Integer(), random: Type.Integer() });

/** What the draw gave: src/domain/supervision/plan.ts PlanSummary. */
const PlanSummary = Type.Object({
  period: Type.String({ description: '"2026" or "2026-03"' }),
  seedNumber: Type.Number(),
  enterprises: Type.Integer(),
  mandatoryRequired: Type.Integer(),
  mandatoryPlanned: Type.Integer(),
  shortfall: Type.Integer({ description: "Required inspections the capacity cannot cover" }),
  unplanned: Type.Array(Type.Object({ enterpriseId: Uuid, inspections: Type.Integer() })),
  random: Type.Integer(),
  capacity: NullableNumber(),
  unusedCapacity: Type.Integer(),
  byLevel: Type.Object({ "1": LevelSummary, "2": LevelSummary, "3": LevelSummary, "4": LevelSummary }),
});

/** Planned inspections, those done (first inspections against an item, at most as many as it calls for), done ÷ planned. */
export const PlanCompletion = Type.Object({
  planned: Type.Integer(),
  inspected: Type.Integer(),
  ratio: NullableNumber(),
});

export const Plan = Type.Object({
  id: Uuid,
  organisation: Type.Object({ id: Uuid, name: Type.String() }),
  territory: Type.Object({ id: Uuid, name: Type.String(), path: Type.String() }),
  year: Type.Integer(),
  month: NullableNumber({ description: "Absent (null) for an annual plan" }),
  period: Type.String(),
  seed: Type.String(),
  seedNumber: Type.Number(),
  annualSeed: Type.String(),
  capacity: NullableNumber(),
  frequency: FrequencyConfig,
  summary: PlanSummary,
  generatedAt: DateTime,
  generatedByName: Type.String(),
  completion: PlanCompletion,
});

export const PlanItem = Type.Object({
  id: Uuid,
  enterpriseId: Uuid,
  enterpriseName: Type.String(),
  reason: OneOf(SELECTION_REASONS),
  level: RiskLevel,
  score: Type.Number(),
  weight: Type.Number(),
  inspections: Type.Integer(),
  months: Type.Array(Type.Integer()),
  checkContents: Type.Array(Type.String()),
  inspected: Type.Integer(),
  lastInspectedOn: NullableString({ format: "date" }),
});

export const PlanDetail = Type.Object({ ...Plan.properties, items: Type.Array(PlanItem) });

export const PlanPage = Page(Plan);

export const PlanWorkbook = FileResponse(
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "The plan as an XLSX workbook",
);

// ---- Enforcement inspections ----

const Penalty = Type.Object(
  {
    kind: OneOf(PENALTY_KINDS),
    amountYuan: Type.Number({ minimum: 0, maximum: 100_000_000 }),
    legalBasis: Type.String({ minLength: 2, maxLength: 1000 }),
  },
  { additionalProperties: false },
);

const CheckedItem = Type.Object(
  {
    content: Type.String({ minLength: 2, maxLength: 500 }),
    result: OneOf(CHECK_RESULTS),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const RecordInspectionBody = Type.Object(
  {
    enterpriseId: Uuid,
    planItemId: Type.Optional(Uuid),
    recheckOfId: Type.Optional(
      Type.String({ format: "uuid", description: "The inspection this one re-checks (closes its re-check task)" }),
    ),
    inspectedOn: IsoDate,
    inspectorIds: Type.Array(Uuid, { minItems: 1, maxItems: 20, uniqueItems: true }),
    itemsChecked: Type.Array(CheckedItem, { minItems: 1, maxItems: 100 }),
    findings: Type.Optional(Type.String({ maxLength: 4000 })),
    hiddenDangers: Type.Optional(
      Type.Array(
        Type.Object(
          {
            description: Type.String({ minLength: 2, maxLength: 2000 }),
            level: Type.Optional(Type.Union([Type.Literal("general"), Type.Literal("major")])),
            place: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
    rectificationDeadline: Type.Optional(IsoDate),
    penalties: Type.Optional(Type.Array(Penalty, { maxItems: 20 })),
    violations: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    recheckDue: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type InspectionInput = Static<typeof RecordInspectionBody>;

export const InspectionListQuery = Type.Object(
  {
    enterpriseId: Type.Optional(Uuid),
    planId: Type.Optional(Uuid),
    recheck: Type.Optional(OneOf(RECHECK_FILTERS)),
    page: PageQuery.page,
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  { additionalProperties: false },
);

export const Inspection = Type.Object({
  id: Uuid,
  code: Type.String(),
  enterpriseId: Uuid,
  enterpriseName: Type.String(),
  organisation: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
  planItemId: NullableString(),
  recheckOfId: NullableString(),
  inspectedOn: IsoDate,
  inspectorIds: Type.Array(Uuid),
  inspectorNames: Type.Array(Type.String()),
  itemsChecked: Type.Array(CheckedItem),
  findings: Type.String(),
  hiddenDangerIds: Type.Array(Uuid),
  rectificationDeadline: NullableString({ format: "date" }),
  penalties: Type.Array(Penalty),
  penaltyTotalYuan: Type.Number(),
  violations: Type.Integer(),
  recheckDue: NullableString({ format: "date" }),
  recheckInspectionId: NullableString(),
  recheckOverdue: Type.Boolean(),
  createdAt: DateTime,
});

export const InspectionDetail = Type.Object({
  ...Inspection.properties,
  hiddenDangers: Type.Array(
    Type.Object({
      id: Uuid,
      code: Type.String(),
      status: Type.String(),
      level: Type.String(),
      description: Type.String(),
      source: Type.String(),
    }),
  ),
  rechecks: Type.Array(
    Type.Object({ id: Uuid, code: Type.String(), inspectedOn: IsoDate, violations: Type.Integer() }),
  ),
});

export const InspectionPage = Page(Inspection);
