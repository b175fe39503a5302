import { type Static, Type } from "typebox";
import { CHECK_FREQUENCIES } from "../../../domain/inspection/schedule";
import { TEMPLATE_KINDS } from "../../../domain/inspection/templates";
import { DateTime, Items, NullableNumber, NullableString, OneOf, Uuid } from "../../http/schemas";

const Frequency = OneOf(CHECK_FREQUENCIES);
const TASK_STATUSES = ["open", "done", "missed"] as const;
const OUTCOMES = ["pass", "fail", "not_applicable"] as const;

// Requests

export const GenerateChecklistBody = Type.Object({ enterpriseId: Uuid }, { additionalProperties: false });

export const ChecklistItemsBody = Type.Object(
  {
    enterpriseId: Uuid,
    templateKind: Type.Optional(OneOf(TEMPLATE_KINDS)),
    content: Type.Optional(Type.String({ minLength: 2, maxLength: 500 })),
    checkFrequency: Type.Optional(Frequency),
    inspectorUserId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type ChecklistItemsBody = Static<typeof ChecklistItemsBody>;

export const ChecklistItemsQuery = Type.Object({ enterpriseId: Uuid });

export const TaskListQuery = Type.Object(
  {
    enterpriseId: Type.Optional(Uuid),
    status: Type.Optional(OneOf(TASK_STATUSES)),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);
export type TaskListQuery = Static<typeof TaskListQuery>;

export const TaskItemParams = Type.Object({ id: Uuid, itemId: Uuid });

export const CheckBody = Type.Object(
  {
    outcome: OneOf(OUTCOMES),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    photoIds: Type.Optional(Type.Array(Uuid, { maxItems: 10 })),
    lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  },
  { additionalProperties: false },
);
export type CheckBody = Static<typeof CheckBody>;

// Answers

export const ChecklistGenerated = Type.Object({
  measures: Type.Integer({ description: "Control measures read" }),
  created: Type.Integer(),
  updated: Type.Integer(),
});

export const ChecklistItemsCreated = Type.Object({ created: Type.Integer() });

export const ChecklistItem = Type.Object({
  id: Type.String(),
  source: OneOf(["measure", "template", "custom"] as const),
  templateKind: NullableString(),
  riskPointId: NullableString(),
  controlMeasureId: NullableString(),
  content: Type.String(),
  checkFrequency: Frequency,
  controlLevel: NullableString(),
  responsiblePerson: Type.String(),
});

export const ChecklistItemList = Items(ChecklistItem);

export const InspectionTask = Type.Object({
  id: Type.String(),
  enterpriseId: Type.String(),
  enterpriseName: Type.String(),
  title: Type.String(),
  frequency: Type.String(),
  controlLevel: NullableString(),
  periodStart: DateTime,
  dueAt: DateTime,
  status: OneOf(TASK_STATUSES),
  completedAt: NullableString({ format: "date-time" }),
  itemCount: Type.Integer(),
  doneCount: Type.Integer(),
});

export const InspectionTaskList = Items(InspectionTask);

export const InspectionTaskItem = Type.Object({
  checklistItemId: Type.String(),
  content: Type.String(),
  riskPointId: NullableString(),
  outcome: Type.Union([OneOf(OUTCOMES), Type.Null()]),
  note: Type.String(),
  photoIds: Type.Array(Type.String()),
  lng: NullableNumber(),
  lat: NullableNumber(),
  recordedAt: NullableString({ format: "date-time" }),
  hiddenDangerId: NullableString(),
});

export const InspectionTaskDetail = Type.Object({
  ...InspectionTask.properties,
  items: Type.Array(InspectionTaskItem),
});

export const CheckRecorded = Type.Object({
  outcome: OneOf(OUTCOMES),
  hiddenDangerId: NullableString({ description: "The hidden danger a failed check opened" }),
});
