// Reminders before a rectification deadline and escalation once it has passed. The timings are practice, not law
// (issue "hidden-danger investigation and governance"): configurable, the values below are the shipped defaults.

import type { HiddenDangerState } from "./lifecycle";

const DAY_MS = 86_400_000;

export type ReminderConfig = {
  /** Days before the deadline at which the responsible person is reminded. */
  daysBefore: readonly number[];
};

// Practice (issue): remind 3 days and 1 day before the deadline; configurable.
export const DEFAULT_REMINDERS: ReminderConfig = { daysBefore: [3, 1] };

export type Reminder = { daysBefore: number; at: Date };

/** The reminders for a deadline, earliest first; the same deadline always gives the same list. */
export function reminderSchedule(deadline: Date, config: ReminderConfig = DEFAULT_REMINDERS): Reminder[] {
  const days = [...new Set(config.daysBefore)].filter((d) => Number.isFinite(d) && d > 0).sort((a, b) => b - a);
  return days.map((daysBefore) => ({ daysBefore, at: new Date(deadline.getTime() - daysBefore * DAY_MS) }));
}

/**
 * The reminders whose time has come, before the deadline, that were not sent yet (given by their daysBefore), so a
 * job can run as often as it likes. Once the deadline has passed, escalation takes over and no reminder is due.
 */
export function remindersDue(
  deadline: Date,
  now: Date,
  sentDaysBefore: readonly number[],
  config: ReminderConfig = DEFAULT_REMINDERS,
): Reminder[] {
  if (now.getTime() >= deadline.getTime()) return [];
  return reminderSchedule(deadline, config).filter(
    (reminder) => reminder.at.getTime() <= now.getTime() && !sentDaysBefore.includes(reminder.daysBefore),
  );
}

export type EscalationStep = 1 | 2 | 3;
export type EscalationTarget = "unit_head" | "principal" | "government";

export const ESCALATION_TARGETS: Readonly<Record<EscalationStep, EscalationTarget>> = {
  1: "unit_head",
  2: "principal",
  3: "government",
};

export type EscalationConfig = {
  /** Days overdue at which each step is due; the government step applies to major hidden dangers only. */
  unitHeadAfterDays: number;
  principalAfterDays: number;
  governmentAfterDays: number;
};

// Practice (issue): the unit head at once, the principal person after 2 days, government after 5 (major only).
export const DEFAULT_ESCALATION: EscalationConfig = {
  unitHeadAfterDays: 0,
  principalAfterDays: 2,
  governmentAfterDays: 5,
};

/** What escalation needs of a hidden danger: its state and the steps already sent for its current deadline. */
export type EscalationSubject = Pick<HiddenDangerState, "status" | "level" | "deadline"> & {
  /** Steps sent for the current deadline; an approved extension starts afresh with []. */
  stepsSent: readonly EscalationStep[];
};

export type EscalationDecision = {
  overdue: boolean;
  /** How long past the deadline; 0 when not overdue. */
  overdueMs: number;
  /** The highest step due now; null when none is (not overdue, or overdue less than the first step's delay). */
  step: EscalationStep | null;
  target: EscalationTarget | null;
  alreadySent: boolean;
  /** Every step due and not sent yet, lowest first: what a job that fell behind still has to send. */
  unsent: EscalationStep[];
};

const notDue = (overdueMs: number): EscalationDecision => ({
  overdue: overdueMs > 0,
  overdueMs: Math.max(overdueMs, 0),
  step: null,
  target: null,
  alreadySent: false,
  unsent: [],
});

// Only work not yet handed over for verification can be overdue: once submitted, the rectifier has done their part.
const runningStatuses: readonly HiddenDangerState["status"][] = ["confirmed", "rectifying"];

/** Who an overdue hidden danger escalates to now, and whether that was already sent; idempotent for a job. */
export function escalationFor(
  subject: EscalationSubject,
  now: Date,
  config: EscalationConfig = DEFAULT_ESCALATION,
): EscalationDecision {
  if (!runningStatuses.includes(subject.status) || subject.deadline === null) return notDue(0);
  const overdueMs = now.getTime() - subject.deadline.getTime();
  if (overdueMs <= 0) return notDue(0);

  const thresholds: [EscalationStep, number][] = [
    [1, config.unitHeadAfterDays],
    [2, config.principalAfterDays],
  ];
  // Issue: a major hidden danger escalates on to the supervising government; a general one stops at the principal.
  if (subject.level === "major") thresholds.push([3, config.governmentAfterDays]);

  const due = thresholds.filter(([, afterDays]) => overdueMs >= afterDays * DAY_MS).map(([step]) => step);
  if (due.length === 0) return notDue(overdueMs);
  const step = due[due.length - 1];
  return {
    overdue: true,
    overdueMs,
    step,
    target: ESCALATION_TARGETS[step],
    alreadySent: subject.stepsSent.includes(step),
    unsent: due.filter((s) => !subject.stepsSent.includes(s)),
  };
}

/**
 * When the next progress report on a listed major hidden danger is due: an interval after the last report, or after
 * listing when none has been made. null when no reports are required.
 */
export function progressReportDueAt(supervision: HiddenDangerState["supervision"]): Date | null {
  if (!supervision.listed || supervision.progressIntervalDays === null) return null;
  const since = supervision.lastProgressReportAt ?? supervision.listedAt;
  if (since === null) return null;
  return new Date(since.getTime() + supervision.progressIntervalDays * DAY_MS);
}
