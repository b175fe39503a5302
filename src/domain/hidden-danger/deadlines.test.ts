import { describe, expect, it } from "vitest";
import {
  DEFAULT_ESCALATION,
  DEFAULT_REMINDERS,
  type EscalationSubject,
  escalationFor,
  progressReportDueAt,
  reminderSchedule,
  remindersDue,
} from "./deadlines";
import type { Supervision } from "./lifecycle";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DEADLINE = new Date("2026-03-31T10:00:00Z");
const afterDeadline = (ms: number) => new Date(DEADLINE.getTime() + ms);

function subject(overrides: Partial<EscalationSubject> = {}): EscalationSubject {
  return { status: "rectifying", level: "general", deadline: DEADLINE, stepsSent: [], ...overrides };
}

function supervision(overrides: Partial<Supervision> = {}): Supervision {
  return {
    listed: true,
    listedAt: new Date("2026-03-01T00:00:00Z"),
    listedBy: "inspector",
    progressIntervalDays: 7,
    lastProgressReportAt: null,
    delistedAt: null,
    ...overrides,
  };
}

describe("reminderSchedule", () => {
  it("reminds 3 days and 1 day before the deadline by default", () => {
    expect(DEFAULT_REMINDERS.daysBefore).toEqual([3, 1]);
    expect(reminderSchedule(DEADLINE)).toEqual([
      { daysBefore: 3, at: new Date("2026-03-28T10:00:00Z") },
      { daysBefore: 1, at: new Date("2026-03-30T10:00:00Z") },
    ]);
  });

  it("orders configured reminders earliest first and drops duplicates and non-positive days", () => {
    expect(reminderSchedule(DEADLINE, { daysBefore: [1, 7, 1, 0, -2] }).map((r) => r.daysBefore)).toEqual([7, 1]);
  });

  it("crosses a month end backwards", () => {
    const deadline = new Date("2026-03-02T00:00:00Z");
    expect(reminderSchedule(deadline)[0].at).toEqual(new Date("2026-02-27T00:00:00Z"));
  });
});

describe("remindersDue", () => {
  it("sends nothing before the first reminder", () => {
    expect(remindersDue(DEADLINE, afterDeadline(-4 * DAY), [])).toEqual([]);
  });

  it("sends the 3-day reminder once its time has come", () => {
    expect(remindersDue(DEADLINE, afterDeadline(-3 * DAY), []).map((r) => r.daysBefore)).toEqual([3]);
  });

  it("does not send a reminder again", () => {
    expect(remindersDue(DEADLINE, afterDeadline(-2 * DAY), [3])).toEqual([]);
  });

  it("catches up on both reminders when the job was late", () => {
    expect(remindersDue(DEADLINE, afterDeadline(-HOUR), []).map((r) => r.daysBefore)).toEqual([3, 1]);
  });

  it("stops reminding at the deadline: escalation takes over", () => {
    expect(remindersDue(DEADLINE, DEADLINE, [])).toEqual([]);
  });
});

describe("escalationFor", () => {
  it("escalates nothing before or at the deadline", () => {
    expect(escalationFor(subject(), DEADLINE)).toMatchObject({ overdue: false, step: null, unsent: [] });
  });

  it("escalates to the unit head as soon as the deadline has passed", () => {
    expect(escalationFor(subject(), afterDeadline(1))).toEqual({
      overdue: true,
      overdueMs: 1,
      step: 1,
      target: "unit_head",
      alreadySent: false,
      unsent: [1],
    });
  });

  it("escalates to the principal person 2 days overdue", () => {
    expect(escalationFor(subject({ stepsSent: [1] }), afterDeadline(2 * DAY))).toMatchObject({
      step: 2,
      target: "principal",
      alreadySent: false,
      unsent: [2],
    });
  });

  it("stops a general hidden danger at the principal person", () => {
    expect(escalationFor(subject({ stepsSent: [1, 2] }), afterDeadline(30 * DAY))).toMatchObject({
      step: 2,
      alreadySent: true,
      unsent: [],
    });
  });

  it("escalates a major hidden danger to the supervising government 5 days overdue", () => {
    const major = subject({ level: "major", stepsSent: [1, 2] });
    expect(escalationFor(major, afterDeadline(5 * DAY - 1))).toMatchObject({ step: 2, alreadySent: true });
    expect(escalationFor(major, afterDeadline(5 * DAY))).toMatchObject({
      step: 3,
      target: "government",
      alreadySent: false,
      unsent: [3],
    });
  });

  it("gives the same answer on every run once a step is sent, so a job stays idempotent", () => {
    const sent = subject({ stepsSent: [1] });
    const first = escalationFor(sent, afterDeadline(HOUR));
    const again = escalationFor(sent, afterDeadline(2 * HOUR));
    expect([first.alreadySent, again.alreadySent]).toEqual([true, true]);
    expect([first.unsent, again.unsent]).toEqual([[], []]);
  });

  it("lists every missed step for a job that fell behind", () => {
    expect(escalationFor(subject({ level: "major" }), afterDeadline(6 * DAY)).unsent).toEqual([1, 2, 3]);
  });

  it.each(["reported", "awaiting_verification", "closed", "dismissed"] as const)(
    "does not escalate a danger that is %s",
    (status) => {
      expect(escalationFor(subject({ status }), afterDeadline(10 * DAY)).overdue).toBe(false);
    },
  );

  it("escalates a confirmed danger whose rectification never started", () => {
    expect(escalationFor(subject({ status: "confirmed" }), afterDeadline(DAY)).step).toBe(1);
  });

  it("follows a configured delay before the unit head is told", () => {
    const config = { ...DEFAULT_ESCALATION, unitHeadAfterDays: 1 };
    expect(escalationFor(subject(), afterDeadline(HOUR), config)).toMatchObject({
      overdue: true,
      overdueMs: HOUR,
      step: null,
    });
    expect(escalationFor(subject(), afterDeadline(DAY), config).step).toBe(1);
  });
});

describe("progressReportDueAt", () => {
  it("is due an interval after listing when nothing was reported yet", () => {
    expect(progressReportDueAt(supervision())).toEqual(new Date("2026-03-08T00:00:00Z"));
  });

  it("is due an interval after the last report", () => {
    const last = new Date("2026-03-10T09:00:00Z");
    expect(progressReportDueAt(supervision({ lastProgressReportAt: last }))).toEqual(new Date("2026-03-17T09:00:00Z"));
  });

  it("is never due when no reports are required or the danger is delisted", () => {
    expect(progressReportDueAt(supervision({ progressIntervalDays: null }))).toBeNull();
    expect(progressReportDueAt(supervision({ listed: false }))).toBeNull();
  });
});
