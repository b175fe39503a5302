import { type DueDate, deadlineOf } from "./schedule";

/**
 * Completion of a special action: which reports each participant owes, which
 * came in on time, late or not at all, and what the reported figures add up to
 * against the tasks' targets.
 */

/** What a progress report counts for a task, for the period since the previous report (本期数). */
export const CAMPAIGN_FIGURES = [
  "enterprisesInspected",
  "hiddenDangersFound",
  "hiddenDangersRectified",
  "penalties",
  "fineYuan",
] as const;
export type CampaignFigure = (typeof CAMPAIGN_FIGURES)[number];
export type FigureValues = Partial<Record<CampaignFigure, number>>;

export const CAMPAIGN_TASK_KINDS = ["inspection", "rectification", "training", "enforcement", "other"] as const;
export type CampaignTaskKind = (typeof CAMPAIGN_TASK_KINDS)[number];

/**
 * on_time: in by the end of the due day; late: in afterwards; missing: the day
 * has passed with nothing in (overdue); upcoming: not yet due and not yet in.
 */
export const REPORT_TIMINGS = ["on_time", "late", "missing", "upcoming"] as const;
export type ReportTiming = (typeof REPORT_TIMINGS)[number];

/** A report's standing; lateness counts from its first submission, so a later correction does not make it late. */
export function reportTiming(dueDate: string, firstSubmittedAt: Date | null, now: Date): ReportTiming {
  const deadline = deadlineOf(dueDate);
  if (firstSubmittedAt) return firstSubmittedAt < deadline ? "on_time" : "late";
  return now >= deadline ? "missing" : "upcoming";
}

export interface DueReport extends DueDate {
  deadline: Date;
  timing: ReportTiming;
}

export interface ParticipantCompletion {
  /** Reports owed by now: those whose due day has ended. */
  due: number;
  /** Reports in, on time or late (including ones sent before their due day). */
  submitted: number;
  onTime: number;
  late: number;
  /** Owed and not in: overdue. */
  missing: number;
  upcoming: number;
  reports: DueReport[];
}

/** One participant's reports against the schedule, as of `now`. */
export function participantCompletion(
  dueDates: readonly DueDate[],
  firstSubmissions: ReadonlyMap<string, Date>,
  now: Date,
): ParticipantCompletion {
  const reports = dueDates.map((due) => ({
    ...due,
    deadline: deadlineOf(due.dueDate),
    timing: reportTiming(due.dueDate, firstSubmissions.get(due.dueDate) ?? null, now),
  }));
  const count = (timing: ReportTiming) => reports.filter((r) => r.timing === timing).length;
  return {
    due: reports.filter((r) => r.deadline <= now).length,
    submitted: count("on_time") + count("late"),
    onTime: count("on_time"),
    late: count("late"),
    missing: count("missing"),
    upcoming: count("upcoming"),
    reports,
  };
}

export interface CampaignTaskTarget {
  id: string;
  /** The figure the target counts, e.g. enterprises inspected; none when the task has no number to reach. */
  targetFigure: CampaignFigure | null;
  target: number | null;
}

export interface TaskTotal {
  taskId: string;
  totals: Record<CampaignFigure, number>;
  target: number | null;
  targetFigure: CampaignFigure | null;
  /** Share of the target reached (may exceed 1), or null without a target. */
  progress: number | null;
}

const zeroFigures = (): Record<CampaignFigure, number> =>
  Object.fromEntries(CAMPAIGN_FIGURES.map((f) => [f, 0])) as Record<CampaignFigure, number>;

/** Sums each task's figures over the current version of every report (figures are per period, so they add up). */
export function taskTotals(
  tasks: readonly CampaignTaskTarget[],
  reports: readonly { figures: Readonly<Record<string, FigureValues>> }[],
): TaskTotal[] {
  return tasks.map((task) => {
    const totals = zeroFigures();
    for (const report of reports) {
      const values = report.figures[task.id];
      if (!values) continue;
      for (const figure of CAMPAIGN_FIGURES) totals[figure] += values[figure] ?? 0;
    }
    const progress =
      task.targetFigure && task.target && task.target > 0 ? totals[task.targetFigure] / task.target : null;
    return { taskId: task.id, totals, target: task.target, targetFigure: task.targetFigure, progress };
  });
}

export interface CampaignNotice {
  dueDate: string;
  /** reminder: before the due day ends, to the participant; overdue: after, to the campaign's creator. */
  kind: "reminder" | "overdue";
}

/**
 * Which notices a participant's reports call for now: a reminder once the
 * due day is within `reminderDays` and nothing is in, an overdue notice once it
 * has passed with nothing in. Sending each at most once is the caller's part.
 */
export function noticesDue(
  dueDates: readonly DueDate[],
  submittedDueDates: ReadonlySet<string>,
  now: Date,
  reminderDays: number,
): CampaignNotice[] {
  const notices: CampaignNotice[] = [];
  for (const { dueDate } of dueDates) {
    if (submittedDueDates.has(dueDate)) continue;
    const deadline = deadlineOf(dueDate);
    if (now >= deadline) notices.push({ dueDate, kind: "overdue" });
    else if (deadline.getTime() - now.getTime() <= reminderDays * 86_400_000)
      notices.push({ dueDate, kind: "reminder" });
  }
  return notices;
}

export interface FigureProblem {
  field: string;
  zh: string;
  en: string;
}

/** A report's figures must belong to the campaign's tasks, once each, and be counts (the fine may have fen). */
export function figureProblems(
  taskIds: readonly string[],
  figures: readonly { taskId: string; values: FigureValues }[],
): FigureProblem[] {
  const problems: FigureProblem[] = [];
  const seen = new Set<string>();
  figures.forEach((entry, index) => {
    if (!taskIds.includes(entry.taskId))
      problems.push({
        field: `figures.${index}.taskId`,
        zh: "该任务不属于本专项行动，请按行动的任务填报",
        en: "This task is not one of the campaign's; report against the campaign's tasks",
      });
    else if (seen.has(entry.taskId))
      problems.push({
        field: `figures.${index}.taskId`,
        zh: "同一任务填报了两次，请合并为一行",
        en: "The same task is reported twice; put it in one row",
      });
    seen.add(entry.taskId);
    for (const figure of CAMPAIGN_FIGURES) {
      const value = entry.values[figure];
      if (value === undefined) continue;
      const whole =
        figure === "fineYuan" ? Math.abs(value * 100 - Math.round(value * 100)) < 1e-6 : Number.isInteger(value);
      if (value < 0 || !whole)
        problems.push({
          field: `figures.${index}.values.${figure}`,
          zh: figure === "fineYuan" ? "罚款金额须为非负数（元，至多两位小数）" : "数量须为非负整数",
          en:
            figure === "fineYuan"
              ? "The fine must be a non-negative amount in yuan"
              : "Counts must be whole numbers, 0 or more",
        });
    }
  });
  return problems;
}
