import type { Dayjs } from "dayjs";
import type { CampaignFigure } from "./campaign-data";

// The special action form's values and the plan the API takes from them.

export type TaskValues = { title: string; kind: string; targetFigure?: CampaignFigure; target?: number };
export type CampaignFormValues = {
  title: string;
  basis?: string;
  description?: string;
  scopeTerritoryIds: string[];
  industries?: string[];
  organisationIds?: string[];
  startDate: Dayjs;
  endDate: Dayjs;
  scheduleKind: "weekly" | "monthly" | "dates";
  weekday?: number;
  day?: number;
  dates?: Dayjs[];
  finalReport: boolean;
  reminderDays?: number;
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
export function planOf(values: CampaignFormValues) {
  const schedule =
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
