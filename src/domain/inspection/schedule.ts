// Inspection schedules: who checks a control measure and how often, by its control level, and the task periods a
// check frequency cuts time into, aligned to local calendar boundaries. The enterprise inspects its control measures
// and tracks what it finds (Work Safety Law, 2021, art. 21 item 5 and art. 25); how often is practice, set below.
// A task past its due time without completion is missed, never dropped.

import type { ControlLevel } from "../reference/risk-levels";
import type { CheckFrequency } from "../risk/vocabulary";

export { CHECK_FREQUENCIES, type CheckFrequency } from "../risk/vocabulary";

/** Who carries out a check: the people at the post, the workshop head, the department, the principal's team. */
export type InspectorKind = "post" | "workshop_head" | "department" | "principal_team";

export type DefaultInspection = { inspector: InspectorKind; frequency: CheckFrequency };

// Practice (issue; no national text fixes it): a team- or post-level measure is checked every shift by the post,
// a workshop-level one weekly by the workshop head, department- and company-level ones monthly. Configurable.
export const DEFAULT_INSPECTION_BY_CONTROL_LEVEL: Readonly<Record<ControlLevel, DefaultInspection>> = {
  company: { inspector: "principal_team", frequency: "monthly" },
  department: { inspector: "department", frequency: "monthly" },
  workshop: { inspector: "workshop_head", frequency: "weekly" },
  team: { inspector: "post", frequency: "shift" },
  post: { inspector: "post", frequency: "shift" },
};

/** Who checks a measure at this control level and how often, unless the measure says otherwise. */
export function defaultInspectorFor(
  controlLevel: ControlLevel,
  config: Readonly<Record<ControlLevel, DefaultInspection>> = DEFAULT_INSPECTION_BY_CONTROL_LEVEL,
): DefaultInspection {
  return config[controlLevel];
}

export type ScheduleConfig = {
  /** Minutes east of UTC. A fixed offset: China keeps no daylight saving time. */
  timeZoneOffsetMinutes: number;
  /** Local start times of the shifts, "HH:MM"; any order. */
  shifts: readonly string[];
};

// China Standard Time is UTC+8 all year; three 8-hour shifts from 08:00 is practice, configurable.
export const DEFAULT_SCHEDULE_CONFIG: ScheduleConfig = {
  timeZoneOffsetMinutes: 480,
  shifts: ["08:00", "16:00", "00:00"],
};

export type ScheduleConfigProblem = {
  field: "timeZoneOffsetMinutes" | "shifts";
  found: unknown;
  reason: "invalid_offset" | "no_shifts" | "invalid_shift_time" | "duplicate_shift_time";
};

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const shiftTime = /^([01]\d|2[0-3]):([0-5]\d)$/;
// UTC−12:00 to UTC+14:00 are the offsets in use.
const offsetRange = { min: -720, max: 840 };

/** Everything wrong with a schedule configuration; [] when it can be used. */
export function validateScheduleConfig(config: ScheduleConfig): ScheduleConfigProblem[] {
  const problems: ScheduleConfigProblem[] = [];
  const offset = config.timeZoneOffsetMinutes;
  if (!Number.isInteger(offset) || offset < offsetRange.min || offset > offsetRange.max) {
    problems.push({ field: "timeZoneOffsetMinutes", found: offset, reason: "invalid_offset" });
  }
  if (!Array.isArray(config.shifts) || config.shifts.length === 0) {
    problems.push({ field: "shifts", found: config.shifts, reason: "no_shifts" });
    return problems;
  }
  const seen = new Set<string>();
  for (const time of config.shifts) {
    if (typeof time !== "string" || !shiftTime.test(time)) {
      problems.push({ field: "shifts", found: time, reason: "invalid_shift_time" });
    } else if (seen.has(time)) {
      problems.push({ field: "shifts", found: time, reason: "duplicate_shift_time" });
    }
    seen.add(time);
  }
  return problems;
}

export type TaskPeriod = { start: Date; due: Date };

/**
 * Arithmetic is done on "wall clock" milliseconds: the instant shifted by the offset, read with UTC getters, so
 * that a local midnight is a UTC midnight of the shifted value.
 */
type Calendar = { offsetMs: number; shiftStartsMs: number[] };

function calendarOf(config: ScheduleConfig): Calendar {
  const problems = validateScheduleConfig(config);
  if (problems.length > 0) {
    const list = problems.map((p) => `${p.field}=${JSON.stringify(p.found)} (${p.reason})`).join(", ");
    throw new RangeError(`Invalid inspection schedule configuration: ${list}`);
  }
  const shiftStartsMs = config.shifts
    .map((time) => {
      const [hours, minutes] = time.split(":").map(Number);
      return (hours * 60 + minutes) * MINUTE_MS;
    })
    .sort((a, b) => a - b);
  return { offsetMs: config.timeZoneOffsetMinutes * MINUTE_MS, shiftStartsMs };
}

function midnightOf(wall: number): number {
  return Math.floor(wall / DAY_MS) * DAY_MS;
}

/** The wall-clock start of the period that contains a wall-clock moment. */
function periodStartAt(frequency: CheckFrequency, wall: number, calendar: Calendar): number {
  const date = new Date(wall);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const midnight = midnightOf(wall);
  switch (frequency) {
    case "shift": {
      const starts = calendar.shiftStartsMs;
      const sinceMidnight = wall - midnight;
      const today = starts.filter((start) => start <= sinceMidnight);
      // Before the day's first shift starts, the last shift of the day before is still running.
      return today.length > 0 ? midnight + today[today.length - 1] : midnight - DAY_MS + starts[starts.length - 1];
    }
    case "daily":
      return midnight;
    case "weekly":
      // ISO 8601: weeks start on Monday; getUTCDay counts from Sunday = 0.
      return midnight - ((date.getUTCDay() + 6) % 7) * DAY_MS;
    case "monthly":
      return Date.UTC(year, month, 1);
    case "quarterly":
      return Date.UTC(year, month - (month % 3), 1);
    case "yearly":
      return Date.UTC(year, 0, 1);
  }
}

/** The wall-clock start of the period after the one starting at `start`. */
function nextPeriodStart(frequency: CheckFrequency, start: number, calendar: Calendar): number {
  const date = new Date(start);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  switch (frequency) {
    case "shift": {
      const midnight = midnightOf(start);
      const later = calendar.shiftStartsMs.find((shiftStart) => midnight + shiftStart > start);
      return later !== undefined ? midnight + later : midnight + DAY_MS + calendar.shiftStartsMs[0];
    }
    case "daily":
      return start + DAY_MS;
    case "weekly":
      return start + 7 * DAY_MS;
    case "monthly":
      return Date.UTC(year, month + 1, 1);
    case "quarterly":
      return Date.UTC(year, month + 3, 1);
    case "yearly":
      return Date.UTC(year + 1, 0, 1);
  }
}

/** The period of a frequency that contains an instant. Throws a RangeError on an invalid configuration. */
export function periodContaining(
  frequency: CheckFrequency,
  at: Date,
  config: ScheduleConfig = DEFAULT_SCHEDULE_CONFIG,
): TaskPeriod {
  const calendar = calendarOf(config);
  const start = periodStartAt(frequency, at.getTime() + calendar.offsetMs, calendar);
  const due = nextPeriodStart(frequency, start, calendar);
  return { start: new Date(start - calendar.offsetMs), due: new Date(due - calendar.offsetMs) };
}

/**
 * The task periods that begin in [from, to): each due when the next begins, so consecutive periods neither overlap
 * nor leave a gap, and consecutive windows [a, b), [b, c) together give exactly the periods of [a, c). Throws a
 * RangeError on an invalid configuration.
 */
export function periodsBetween(
  frequency: CheckFrequency,
  from: Date,
  to: Date,
  config: ScheduleConfig = DEFAULT_SCHEDULE_CONFIG,
): TaskPeriod[] {
  const calendar = calendarOf(config);
  const fromWall = from.getTime() + calendar.offsetMs;
  const toWall = to.getTime() + calendar.offsetMs;
  const periods: TaskPeriod[] = [];
  if (!(fromWall < toWall)) return periods;
  let start = periodStartAt(frequency, fromWall, calendar);
  if (start < fromWall) start = nextPeriodStart(frequency, start, calendar);
  while (start < toWall) {
    const next = nextPeriodStart(frequency, start, calendar);
    periods.push({ start: new Date(start - calendar.offsetMs), due: new Date(next - calendar.offsetMs) });
    start = next;
  }
  return periods;
}

export type ScheduledMeasure = {
  controlMeasureId: string;
  controlLevel: ControlLevel;
  /** The measure's own check frequency; the control level's default when absent. */
  checkFrequency?: CheckFrequency | null;
};

export type PlannedInspectionTask = TaskPeriod & {
  controlMeasureId: string;
  inspector: InspectorKind;
  frequency: CheckFrequency;
};

/**
 * The inspection tasks a control measure needs in [from, to). A job creating them keyed by (measure, start) can
 * run over overlapping windows without creating a task twice.
 */
export function inspectionTasksBetween(
  measure: ScheduledMeasure,
  from: Date,
  to: Date,
  options: {
    schedule?: ScheduleConfig;
    inspectors?: Readonly<Record<ControlLevel, DefaultInspection>>;
  } = {},
): PlannedInspectionTask[] {
  const byLevel = defaultInspectorFor(measure.controlLevel, options.inspectors);
  const frequency = measure.checkFrequency ?? byLevel.frequency;
  return periodsBetween(frequency, from, to, options.schedule).map((period) => ({
    ...period,
    controlMeasureId: measure.controlMeasureId,
    inspector: byLevel.inspector,
    frequency,
  }));
}

export type InspectionTaskStatus = "open" | "done" | "missed";

/** A task is done once completed; past its due time without completion it is missed, and stays visible as such. */
export function taskStatus(task: { due: Date; completedAt: Date | null }, now: Date): InspectionTaskStatus {
  if (task.completedAt !== null) return "done";
  return now.getTime() >= task.due.getTime() ? "missed" : "open";
}
