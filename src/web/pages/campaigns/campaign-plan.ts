import type { Dayjs } from "dayjs";
import type { RequestBody } from "../../api/contract";

// The special action form's values and the plan the API takes from them.

/** What the API takes to draft a special action. */
export type CampaignPlan = RequestBody<"/api/v1/campaigns", "post">;
type Task = CampaignPlan["tasks"][number];

export type TaskValues = Pick<Task, "title" | "kind" | "targetFigure" | "target">;
/** The form: the plan's own fields, with dates as picked days and the schedule as a kind and its settings. */
export type CampaignFormValues = Pick<CampaignPlan, "title" | "basis" | "description" | "scopeTerritoryIds"> &
  Pick<CampaignPlan, "industries" | "organisationIds" | "reminderDays"> & {
    startDate: Dayjs;
    endDate: Dayjs;
    scheduleKind: CampaignPlan["schedule"]["kind"];
    weekday?: number;
    day?: number;
    dates?: Dayjs[];
    finalReport: boolean;
    tasks: TaskValues[];
  };

export const CAMPAIGN_FIELDS = [
  "title",
  "basis",
  "description",
  "scopeTerritoryIds",
  "industries",
  "organisationIds",
  "startDate",
  "endDate",
  "schedule",
  "reminderDays",
  "tasks",
];
const day = (value: Dayjs) => value.format("YYYY-MM-DD");

/** Turns the form into the API's plan: dates as calendar days, the schedule as one object. */
export function planOf(values: CampaignFormValues): CampaignPlan {
  const schedule: CampaignPlan["schedule"] =
    values.scheduleKind === "weekly"
      ? { kind: "weekly", weekday: values.weekday ?? 5 }
      : values.scheduleKind === "monthly"
        ? { kind: "monthly", day: values.day ?? 25 }
        : { kind: "dates", dates: (values.dates ?? []).map(day) };
  return {
    title: values.title,
    basis: values.basis || undefined,
    description: values.description || undefined,
    scopeTerritoryIds: values.scopeTerritoryIds,
    industries: values.industries ?? [],
    organisationIds: values.organisationIds ?? [],
    startDate: values.startDate ? day(values.startDate) : "",
    endDate: values.endDate ? day(values.endDate) : "",
    schedule,
    finalReport: values.finalReport,
    reminderDays: values.reminderDays,
    tasks: values.tasks.map((task) => ({
      title: task.title,
      kind: task.kind,
      targetFigure: task.target ? task.targetFigure : undefined,
      target: task.targetFigure ? (task.target ?? undefined) : undefined,
    })),
  };
}
