import { type Static, Type } from "typebox";
import { PERIOD_PATTERN } from "../../../domain/hidden-danger/statistics";
import {
  HIDDEN_DANGER_ACTIONS,
  HIDDEN_DANGER_LEVELS,
  HIDDEN_DANGER_SOURCES,
  HIDDEN_DANGER_STATUSES,
} from "../../../domain/hidden-danger/vocabulary";
import { DateTime, FileResponse, Items, NullableNumber, NullableString, OneOf, Uuid } from "../../http/schemas";

const Level = OneOf(HIDDEN_DANGER_LEVELS, { description: "SAWS Decree 16 art. 3: general or major" });
const PhotoIds = Type.Array(Uuid, { maxItems: 20 });
const Text = (maxLength: number) => Type.String({ maxLength });

// Requests

export const ReportBody = Type.Object(
  {
    enterpriseId: Uuid,
    description: Type.String({ minLength: 2, maxLength: 2000 }),
    photoIds: Type.Optional(PhotoIds),
    source: Type.Optional(OneOf(HIDDEN_DANGER_SOURCES)),
    place: Type.Optional(Text(200)),
    riskPointId: Type.Optional(Uuid),
    categoryCode: Type.Optional(
      Type.String({
        maxLength: 10,
        description: "GB/T 13861-2022 code: 1 human, 2 material, 3 environmental, 4 management (or a sub-code)",
      }),
    ),
    level: Type.Optional(Level),
  },
  { additionalProperties: false },
);

export const ActionBody = Type.Object(
  {
    type: OneOf(HIDDEN_DANGER_ACTIONS),
    level: Type.Optional(Level),
    responsibleUnit: Type.Optional(Text(100)),
    responsiblePersonId: Type.Optional(Uuid),
    deadline: Type.Optional(DateTime),
    newDeadline: Type.Optional(DateTime),
    measures: Type.Optional(Text(2000)),
    funds: Type.Optional(Type.Number({ minimum: 0 })),
    categoryCode: Type.Optional(Text(10)),
    reason: Type.Optional(Text(2000)),
    note: Type.Optional(Text(2000)),
    comment: Type.Optional(Text(2000)),
    photoIds: Type.Optional(PhotoIds),
    beforePhotoIds: Type.Optional(PhotoIds),
    afterPhotoIds: Type.Optional(PhotoIds),
    rectifierId: Type.Optional(Uuid),
    intervalDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    progressIntervalDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    plan: Type.Optional(
      Type.Object(
        {
          objectiveAndTasks: Text(4000),
          method: Text(4000),
          fundsAndMaterials: Text(4000),
          responsiblePeople: Type.Array(Text(100), { maxItems: 50 }),
          timeLimit: DateTime,
          safetyMeasures: Text(4000),
          emergencyPlan: Text(4000),
        },
        { description: "A major hidden danger's rectification plan (SAWS Decree 16 art. 15)" },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ActionBody = Static<typeof ActionBody>;

export const HiddenDangerListQuery = Type.Object(
  {
    enterpriseId: Type.Optional(Uuid),
    status: Type.Optional(Type.String({ maxLength: 30, description: HIDDEN_DANGER_STATUSES.join(", ") })),
    level: Type.Optional(Level),
    overdue: Type.Optional(Type.Boolean()),
    supervised: Type.Optional(Type.Boolean()),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  { additionalProperties: false },
);
export type HiddenDangerListQuery = Static<typeof HiddenDangerListQuery>;

const Period = Type.String({ pattern: PERIOD_PATTERN, description: "A year (2026) or a quarter (2026-Q1)" });

export const StatsQuery = Type.Object(
  {
    enterpriseId: Type.Optional(Uuid),
    territoryId: Type.Optional(Uuid),
    industry: Type.Optional(Type.String({ maxLength: 4 })),
    period: Type.Optional(Period),
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);
export type StatsQuery = Static<typeof StatsQuery>;

export const SummaryListQuery = Type.Object({ enterpriseId: Uuid });

export const SummaryBody = Type.Object({ enterpriseId: Uuid, period: Period }, { additionalProperties: false });

export const SummaryExportQuery = Type.Object({ enterpriseId: Uuid, period: Period }, { additionalProperties: false });

// Answers

const Plan = Type.Object({
  objectiveAndTasks: Type.String(),
  method: Type.String(),
  fundsAndMaterials: Type.String(),
  responsiblePeople: Type.Array(Type.String()),
  timeLimit: DateTime,
  safetyMeasures: Type.String(),
  emergencyPlan: Type.String(),
});

const Supervision = Type.Object({
  listed: Type.Boolean(),
  listedAt: NullableString({ format: "date-time" }),
  listedBy: NullableString(),
  progressIntervalDays: NullableNumber(),
  lastProgressReportAt: NullableString({ format: "date-time" }),
  delistedAt: NullableString({ format: "date-time" }),
});

const PendingExtension = Type.Object({
  requesterId: Type.String(),
  requesterAuthority: Type.Number(),
  requestedAt: DateTime,
  newDeadline: DateTime,
  reason: Type.String(),
});

const HiddenDangerEvent = Type.Object({
  seq: Type.Integer(),
  action: Type.Union([OneOf(HIDDEN_DANGER_ACTIONS), Type.Literal("report")]),
  from: Type.Union([OneOf(HIDDEN_DANGER_STATUSES), Type.Null()]),
  to: OneOf(HIDDEN_DANGER_STATUSES),
  actorName: Type.String(),
  at: DateTime,
  comment: Type.String(),
  photoIds: Type.Array(Type.String()),
});

export const HiddenDanger = Type.Object({
  id: Type.String(),
  code: Type.String({ description: "YH + the day found + a random suffix, e.g. YH20260310-3FA2C1" }),
  enterpriseId: Type.String(),
  enterpriseName: Type.String(),
  source: OneOf(HIDDEN_DANGER_SOURCES),
  status: OneOf(HIDDEN_DANGER_STATUSES),
  level: Level,
  description: Type.String(),
  place: Type.String(),
  riskPointId: NullableString(),
  categoryCode: Type.String(),
  photoBeforeIds: Type.Array(Type.String()),
  photoAfterIds: Type.Array(Type.String()),
  responsibleUnit: Type.String(),
  responsibleUserId: NullableString(),
  responsibleUserName: NullableString(),
  finderUserId: NullableString(),
  finderName: NullableString(),
  measures: Type.String(),
  funds: NullableNumber(),
  deadline: NullableString({ format: "date-time" }),
  overdue: Type.Boolean(),
  foundAt: DateTime,
  closedAt: NullableString({ format: "date-time" }),
  plan: Type.Union([Plan, Type.Null()]),
  supervision: Supervision,
  pendingExtension: Type.Union([PendingExtension, Type.Null()]),
  availableActions: Type.Array(OneOf(HIDDEN_DANGER_ACTIONS), {
    description: "The steps the caller may take now (empty in lists)",
  }),
  events: Type.Array(HiddenDangerEvent, { description: "The history, oldest first (empty in lists)" }),
});

export const HiddenDangerList = Type.Object({ items: Type.Array(HiddenDanger), total: Type.Integer() });

export const StaffList = Items(Type.Object({ id: Type.String(), displayName: Type.String(), role: Type.String() }));

const Count = Type.Integer({ minimum: 0 });

export const HiddenDangerFigures = Type.Object({
  found: Count,
  dismissed: Count,
  rectified: Count,
  rectificationRate: NullableNumber({ description: "closed ÷ (found − dismissed), null when nothing is left" }),
  onTimeRate: NullableNumber({ description: "of those closed, the share closed by the deadline" }),
  open: Count,
  overdue: Count,
  majorFound: Count,
  majorOpen: Count,
  byCategory: Type.Array(Type.Object({ category: Type.String(), count: Count })),
  bySource: Type.Array(Type.Object({ source: Type.String(), count: Count })),
});

export const Summary = Type.Object({
  period: Type.String(),
  figures: HiddenDangerFigures,
  signedName: Type.String(),
  signedAt: DateTime,
});

export const SummaryList = Items(Summary);

export const SummaryWorkbook = FileResponse(
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "The summary as an XLSX workbook",
);
