import { type Static, Type } from "typebox";
import {
  CAMPAIGN_FIGURES,
  CAMPAIGN_STATUSES,
  CAMPAIGN_TASK_KINDS,
  type FigureValues as FigureValuesOf,
  PARTICIPANT_KINDS,
  REPORT_TIMINGS,
} from "../../../domain/campaign";
import {
  DateTime,
  FileResponse,
  IdParams,
  Items,
  NullableNumber,
  NullableString,
  OneOf,
  Uuid,
} from "../../http/schemas";

export { IdParams };

const CalendarDate = Type.String({ format: "date", description: "A calendar day in China Standard Time, YYYY-MM-DD" });

// ---- What a runner plans ----

export const Schedule = Type.Union([
  Type.Object(
    {
      kind: Type.Literal("weekly"),
      weekday: Type.Integer({ minimum: 1, maximum: 7, description: "1 Monday … 7 Sunday" }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal("monthly"), day: Type.Integer({ minimum: 1, maximum: 28 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal("dates"), dates: Type.Array(CalendarDate, { minItems: 1, maxItems: 100 }) },
    { additionalProperties: false },
  ),
]);

export const TaskInput = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    kind: OneOf(CAMPAIGN_TASK_KINDS),
    targetFigure: Type.Optional(OneOf(CAMPAIGN_FIGURES)),
    target: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1e9 })),
  },
  { additionalProperties: false },
);

export const CampaignInput = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 200 }),
    basis: Type.Optional(Type.String({ maxLength: 2000, description: "The document or decision the action rests on" })),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    scopeTerritoryIds: Type.Array(Uuid, {
      minItems: 1,
      maxItems: 200,
      description: "Territories the action covers, inside the caller's own",
    }),
    industries: Type.Optional(
      Type.Array(Type.String({ maxLength: 4 }), {
        maxItems: 100,
        description: "GB/T 4754-2017 sections (letters) or divisions (two digits); none means all industries",
      }),
    ),
    organisationIds: Type.Optional(
      Type.Array(Uuid, {
        maxItems: 100,
        description: "Departments that take part and report, besides the subordinate territories",
      }),
    ),
    startDate: CalendarDate,
    endDate: CalendarDate,
    schedule: Schedule,
    finalReport: Type.Optional(Type.Boolean({ default: true })),
    reminderDays: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 30, description: "Days before a due day to remind" }),
    ),
    tasks: Type.Array(TaskInput, { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type CampaignPlanInput = Static<typeof CampaignInput>;

export const CampaignListQuery = Type.Object(
  { status: Type.Optional(OneOf(CAMPAIGN_STATUSES)) },
  { additionalProperties: false },
);

// ---- What a participant reports ----

/** One task's figures in a report: what each figure counts for the period since the previous report. */
const FigureValues = Type.Object(
  Object.fromEntries(CAMPAIGN_FIGURES.map((f) => [f, Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 }))])),
  { additionalProperties: false },
);

/** A report's figures by task id. */
const FiguresByTask = Type.Unsafe<Record<string, FigureValuesOf>>(
  Type.Object({}, { additionalProperties: FigureValues, description: "Figures by task id" }),
);

export const ReportInput = Type.Object(
  {
    participantId: Type.Optional(
      Type.String({ format: "uuid", description: "Needed only when the caller reports for more than one participant" }),
    ),
    dueDate: CalendarDate,
    text: Type.String({ minLength: 2, maxLength: 8000 }),
    figures: Type.Array(Type.Object({ taskId: Uuid, values: FigureValues }), {
      maxItems: 50,
    }),
    attachmentIds: Type.Optional(
      Type.Array(Uuid, {
        maxItems: 20,
        description: "Photos uploaded first to the participant's territory (POST /attachments?ownerId=…)",
      }),
    ),
  },
  { additionalProperties: false },
);
export type CampaignReportInput = Static<typeof ReportInput>;

export const ReportListQuery = Type.Object(
  { participantId: Type.Optional(Uuid), dueDate: Type.Optional(CalendarDate) },
  { additionalProperties: false },
);

// ---- Answers ----

/** Reports owed by now, in (on time or late), and still missing; upcoming ones are not yet due. */
const CompletionCounts = Type.Object({
  due: Type.Integer(),
  submitted: Type.Integer(),
  onTime: Type.Integer(),
  late: Type.Integer(),
  missing: Type.Integer(),
  upcoming: Type.Integer(),
});

export const CampaignListItem = Type.Object({
  id: Uuid,
  title: Type.String(),
  status: OneOf(CAMPAIGN_STATUSES),
  startDate: CalendarDate,
  endDate: CalendarDate,
  createdByName: Type.String(),
  participants: Type.Integer(),
  role: OneOf(["runner", "participant"], { description: "Whether the caller runs the campaign or reports to it" }),
  totals: CompletionCounts,
});

export const CampaignList = Items(CampaignListItem);

const NamedTerritory = Type.Object({ id: Uuid, name: Type.String(), nameEn: Type.String() });

/** One due date of one participant: its standing and, once in, the current version of the report. */
const ParticipantReport = Type.Object({
  dueDate: CalendarDate,
  final: Type.Boolean(),
  deadline: DateTime,
  timing: OneOf(REPORT_TIMINGS),
  version: NullableNumber(),
  submittedAt: NullableString({ format: "date-time" }),
  firstSubmittedAt: NullableString({ format: "date-time" }),
  submittedByName: NullableString(),
  text: NullableString(),
  figures: Type.Union([FiguresByTask, Type.Null()]),
  attachmentIds: Type.Array(Uuid),
});

const NullableFigure = Type.Union([OneOf(CAMPAIGN_FIGURES), Type.Null()]);

export const CampaignDetail = Type.Object({
  id: Uuid,
  title: Type.String(),
  basis: Type.String(),
  description: Type.String(),
  status: OneOf(CAMPAIGN_STATUSES),
  ownerTerritory: Type.Union([NamedTerritory, Type.Null()]),
  scopeTerritories: Type.Array(NamedTerritory),
  industries: Type.Array(Type.String()),
  startDate: CalendarDate,
  endDate: CalendarDate,
  schedule: Schedule,
  finalReport: Type.Boolean(),
  reminderDays: Type.Integer(),
  createdByName: Type.String(),
  createdAt: DateTime,
  activatedAt: NullableString({ format: "date-time" }),
  closedAt: NullableString({ format: "date-time" }),
  tasks: Type.Array(
    Type.Object({
      id: Uuid,
      title: Type.String(),
      description: Type.String(),
      kind: OneOf(CAMPAIGN_TASK_KINDS),
      targetFigure: NullableFigure,
      target: NullableNumber(),
    }),
  ),
  dueDates: Type.Array(Type.Object({ dueDate: CalendarDate, final: Type.Boolean(), deadline: DateTime })),
  participants: Type.Array(
    Type.Object({
      id: Uuid,
      kind: OneOf(PARTICIPANT_KINDS),
      territoryId: NullableString(),
      name: Type.String(),
      nameEn: Type.String(),
      completion: CompletionCounts,
      reports: Type.Array(ParticipantReport),
    }),
  ),
  totals: CompletionCounts,
  taskTotals: Type.Array(
    Type.Object({
      taskId: Uuid,
      totals: Type.Object(Object.fromEntries(CAMPAIGN_FIGURES.map((f) => [f, Type.Number()]))),
      target: NullableNumber(),
      targetFigure: NullableFigure,
      progress: NullableNumber({ description: "Share of the target reached (may exceed 1)" }),
    }),
  ),
  canManage: Type.Boolean(),
  myParticipantIds: Type.Array(Uuid, { description: "Participants the caller reports for while the action runs" }),
});

export const ReportReceipt = Type.Object({
  campaignId: Uuid,
  participantId: Uuid,
  participantName: Type.String(),
  dueDate: CalendarDate,
  version: Type.Integer(),
  replacesVersion: NullableNumber(),
  submittedAt: DateTime,
  timing: OneOf(["on_time", "late"], { description: "Counted from the first submission for the due date" }),
});

export const StoredReport = Type.Object({
  participantId: Uuid,
  participantName: Type.String(),
  dueDate: CalendarDate,
  version: Type.Integer(),
  text: Type.String(),
  figures: FiguresByTask,
  attachmentIds: Type.Array(Uuid),
  submittedByName: Type.String(),
  submittedAt: DateTime,
});

export const StoredReports = Items(StoredReport);

export const CampaignWorkbook = FileResponse(
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "Completion per participant and due date, task totals and reports, as an XLSX workbook",
);

/** Special actions as a cockpit counts them for a territory node (summary.ts). */
export const CampaignSummary = Type.Object({
  active: Type.Integer({ description: "Campaigns running now, among those counted" }),
  closed: Type.Integer(),
  reportsDue: Type.Integer({ description: "Reports owed by now (due day ended)" }),
  reportsSubmitted: Type.Integer(),
  reportsOverdue: Type.Integer({ description: "Owed reports still missing" }),
  byCampaign: Type.Array(
    Type.Object({
      id: Uuid,
      title: Type.String(),
      status: OneOf(["active", "closed"]),
      startDate: CalendarDate,
      endDate: CalendarDate,
      participants: Type.Integer(),
      reportsDue: Type.Integer(),
      reportsSubmitted: Type.Integer(),
      reportsLate: Type.Integer(),
      reportsOverdue: Type.Integer(),
    }),
  ),
});
