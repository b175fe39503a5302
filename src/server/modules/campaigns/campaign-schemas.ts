import { Type } from "typebox";
import { CAMPAIGN_FIGURES, CAMPAIGN_TASK_KINDS } from "../../../domain/campaign";

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

const CalendarDate = Type.String({ format: "date", description: "A calendar day in China Standard Time, YYYY-MM-DD" });

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
    kind: literals(CAMPAIGN_TASK_KINDS),
    targetFigure: Type.Optional(literals(CAMPAIGN_FIGURES)),
    target: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1e9 })),
  },
  { additionalProperties: false },
);

export const CampaignInput = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 200 }),
    basis: Type.Optional(Type.String({ maxLength: 2000, description: "The document or decision the action rests on" })),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    scopeTerritoryIds: Type.Array(Type.String({ format: "uuid" }), {
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
      Type.Array(Type.String({ format: "uuid" }), {
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

const FigureValuesSchema = Type.Object(
  Object.fromEntries(CAMPAIGN_FIGURES.map((f) => [f, Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 }))])),
  { additionalProperties: false },
);

export const ReportInput = Type.Object(
  {
    participantId: Type.Optional(
      Type.String({ format: "uuid", description: "Needed only when the caller reports for more than one participant" }),
    ),
    dueDate: CalendarDate,
    text: Type.String({ minLength: 2, maxLength: 8000 }),
    figures: Type.Array(Type.Object({ taskId: Type.String({ format: "uuid" }), values: FigureValuesSchema }), {
      maxItems: 50,
    }),
    attachmentIds: Type.Optional(
      Type.Array(Type.String({ format: "uuid" }), {
        maxItems: 20,
        description: "Photos uploaded first to the participant's territory (POST /attachments?ownerId=…)",
      }),
    ),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });
