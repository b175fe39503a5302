import { describe, expect, it } from "vitest";
import { type CampaignPeriod, chinaDateOf, deadlineOf, periodProblems, reportDueDates } from "./schedule";

const period = (overrides: Partial<CampaignPeriod> = {}): CampaignPeriod => ({
  startDate: "2026-11-02",
  endDate: "2026-11-30",
  schedule: { kind: "weekly", weekday: 5 },
  finalReport: true,
  ...overrides,
});

describe("report due dates", () => {
  it("asks for a weekly report every Friday of the period and a final report on the last day", () => {
    expect(reportDueDates(period())).toEqual([
      { dueDate: "2026-11-06", final: false },
      { dueDate: "2026-11-13", final: false },
      { dueDate: "2026-11-20", final: false },
      { dueDate: "2026-11-27", final: false },
      { dueDate: "2026-11-30", final: true },
    ]);
  });

  it("makes a scheduled report on the last day the final one instead of asking twice", () => {
    const dates = reportDueDates(period({ endDate: "2026-11-27" }));
    expect(dates.at(-1)).toEqual({ dueDate: "2026-11-27", final: true });
    expect(dates.filter((d) => d.dueDate === "2026-11-27")).toHaveLength(1);
  });

  it("asks for no report on the first day, which has nothing to report yet", () => {
    const dates = reportDueDates(period({ startDate: "2026-11-06" }));
    expect(dates[0].dueDate).toBe("2026-11-13");
  });

  it("asks monthly on the given day, across a year end", () => {
    const dates = reportDueDates(
      period({
        startDate: "2026-11-01",
        endDate: "2027-02-10",
        schedule: { kind: "monthly", day: 25 },
        finalReport: false,
      }),
    );
    expect(dates.map((d) => d.dueDate)).toEqual(["2026-11-25", "2026-12-25", "2027-01-25"]);
  });

  it("takes named dates inside the period, sorted and once each", () => {
    const dates = reportDueDates(
      period({ schedule: { kind: "dates", dates: ["2026-11-20", "2026-11-10", "2026-11-20"] }, finalReport: false }),
    );
    expect(dates.map((d) => d.dueDate)).toEqual(["2026-11-10", "2026-11-20"]);
  });
});

describe("deadlines in China Standard Time", () => {
  it("ends a due day at midnight in Beijing, 16:00 UTC", () => {
    expect(deadlineOf("2026-11-06").toISOString()).toBe("2026-11-06T16:00:00.000Z");
  });

  it("reads the Beijing calendar day of an instant", () => {
    expect(chinaDateOf(new Date("2026-11-06T15:59:59Z"))).toBe("2026-11-06");
    expect(chinaDateOf(new Date("2026-11-06T16:00:00Z"))).toBe("2026-11-07");
  });
});

describe("period problems", () => {
  it("accepts a runnable period", () => {
    expect(periodProblems(period())).toEqual([]);
  });

  it("rejects an end before the start, naming the end date", () => {
    expect(periodProblems(period({ endDate: "2026-11-01" })).map((p) => p.field)).toEqual(["endDate"]);
  });

  it("rejects 31 February as a date", () => {
    expect(periodProblems(period({ endDate: "2027-02-31" })).map((p) => p.field)).toEqual(["endDate"]);
  });

  it("rejects a monthly day of 31: not every month has it", () => {
    expect(periodProblems(period({ schedule: { kind: "monthly", day: 31 } }))[0].field).toBe("schedule.day");
  });

  it("rejects a named date outside the period and says which", () => {
    const [problem] = periodProblems(period({ schedule: { kind: "dates", dates: ["2026-12-05"] } }));
    expect(problem.field).toBe("schedule.dates");
    expect(problem.en).toContain("2026-12-05");
  });

  it("rejects a schedule that asks for nothing", () => {
    const problems = periodProblems(
      period({
        startDate: "2026-11-02",
        endDate: "2026-11-04",
        schedule: { kind: "weekly", weekday: 5 },
        finalReport: false,
      }),
    );
    expect(problems.map((p) => p.field)).toEqual(["schedule"]);
  });
});
