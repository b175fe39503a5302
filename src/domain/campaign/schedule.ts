/**
 * When the participants of a special action (专项行动) owe progress reports.
 * Dates are calendar days ("2026-11-29") in China Standard Time: a report due
 * on a day may come in until that day ends in Beijing.
 */

/** How often progress reports are due inside the period; a final report may be added on the last day. */
export type ReportSchedule =
  /** Every week on an ISO weekday (1 Monday … 7 Sunday). */
  | { kind: "weekly"; weekday: number }
  /** Every month on a day of the month (1–28, so every month has it). */
  | { kind: "monthly"; day: number }
  /** On dates the campaign names. */
  | { kind: "dates"; dates: string[] };

export interface CampaignPeriod {
  startDate: string;
  endDate: string;
  schedule: ReportSchedule;
  /** A final report (总结报告) due on the last day of the period. */
  finalReport: boolean;
}

export interface DueDate {
  dueDate: string;
  final: boolean;
}

const DAY_MS = 86_400_000;
// China Standard Time is UTC+8 all year (no daylight saving).
const CST_OFFSET = "+08:00";
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 1 Monday … 7 Sunday. */
function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The calendar day in China Standard Time of an instant. */
export function chinaDateOf(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The instant a report due on this day becomes late: the end of the day in China Standard Time. */
export function deadlineOf(dueDate: string): Date {
  return new Date(Date.parse(`${dueDate}T00:00:00${CST_OFFSET}`) + DAY_MS);
}

/**
 * Every report a participant owes, in date order: the scheduled progress
 * reports after the first day up to the last, and the final report on the
 * last day (a scheduled report that falls on it becomes the final one).
 */
export function reportDueDates(period: CampaignPeriod): DueDate[] {
  const { startDate, endDate, schedule } = period;
  const dates = new Set<string>();
  if (schedule.kind === "dates") {
    for (const date of schedule.dates) if (date > startDate && date <= endDate) dates.add(date);
  } else {
    for (let date = addDays(startDate, 1); date <= endDate; date = addDays(date, 1)) {
      const hit =
        schedule.kind === "weekly" ? isoWeekday(date) === schedule.weekday : Number(date.slice(8, 10)) === schedule.day;
      if (hit) dates.add(date);
    }
  }
  if (period.finalReport) dates.add(endDate);
  return [...dates].sort().map((dueDate) => ({ dueDate, final: period.finalReport && dueDate === endDate }));
}

export interface PlanProblem {
  field: string;
  zh: string;
  en: string;
}

/** What is wrong with a campaign's period and schedule, field by field; empty when it can be run. */
export function periodProblems(period: CampaignPeriod): PlanProblem[] {
  const problems: PlanProblem[] = [];
  for (const field of ["startDate", "endDate"] as const) {
    if (!isCalendarDate(period[field]))
      problems.push({
        field,
        zh: `${period[field]} 不是有效日期，请按 YYYY-MM-DD 填写`,
        en: `${period[field]} is not a date; write it as YYYY-MM-DD`,
      });
  }
  if (problems.length > 0) return problems;
  if (period.endDate < period.startDate) {
    problems.push({
      field: "endDate",
      zh: "结束日期早于开始日期，请调整行动期限",
      en: "The end date is before the start date; correct the period",
    });
    return problems;
  }
  const { schedule } = period;
  if (
    schedule.kind === "weekly" &&
    !(Number.isInteger(schedule.weekday) && schedule.weekday >= 1 && schedule.weekday <= 7)
  )
    problems.push({
      field: "schedule.weekday",
      zh: "每周报送日须为 1（周一）到 7（周日）",
      en: "The weekly report day must be 1 (Monday) to 7 (Sunday)",
    });
  if (schedule.kind === "monthly" && !(Number.isInteger(schedule.day) && schedule.day >= 1 && schedule.day <= 28))
    problems.push({
      field: "schedule.day",
      zh: "每月报送日须为 1 到 28 日（每个月都有的日子）",
      en: "The monthly report day must be 1 to 28 (a day every month has)",
    });
  if (schedule.kind === "dates") {
    const outside = schedule.dates.filter(
      (date) => !isCalendarDate(date) || date <= period.startDate || date > period.endDate,
    );
    if (outside.length > 0)
      problems.push({
        field: "schedule.dates",
        zh: `报送日期 ${outside.join("、")} 不在行动期限内（开始日之后、结束日及之前）`,
        en: `Report dates ${outside.join(", ")} are outside the period (after the start day, up to the end day)`,
      });
  }
  if (problems.length === 0 && reportDueDates(period).length === 0)
    problems.push({
      field: "schedule",
      zh: "按此安排行动期内没有任何报送日期，请缩短报送间隔或要求总结报告",
      en: "This schedule asks for no report within the period; report more often or require a final report",
    });
  return problems;
}
