import { describe, expect, it } from "vitest";
import { figureProblems, noticesDue, participantCompletion, reportTiming, taskTotals } from "./completion";
import type { DueDate } from "./schedule";

const DUE: DueDate[] = [
  { dueDate: "2026-11-06", final: false },
  { dueDate: "2026-11-13", final: false },
  { dueDate: "2026-11-20", final: true },
];
// 2026-11-06 ends in Beijing at 16:00 UTC.
const at = (iso: string) => new Date(iso);

describe("report timing", () => {
  it("counts a report in before the due day ends in Beijing as on time", () => {
    expect(reportTiming("2026-11-06", at("2026-11-06T15:59:59Z"), at("2026-11-10T00:00:00Z"))).toBe("on_time");
  });

  it("counts a report in after the due day as late", () => {
    expect(reportTiming("2026-11-06", at("2026-11-06T16:00:00Z"), at("2026-11-10T00:00:00Z"))).toBe("late");
  });

  it("calls a report missing once the due day has passed with nothing in, upcoming before", () => {
    expect(reportTiming("2026-11-06", null, at("2026-11-06T16:00:00Z"))).toBe("missing");
    expect(reportTiming("2026-11-06", null, at("2026-11-06T15:00:00Z"))).toBe("upcoming");
  });
});

describe("participant completion", () => {
  it("counts owed, submitted, late, missing and upcoming reports", () => {
    const firsts = new Map([["2026-11-06", at("2026-11-07T01:00:00Z")]]);
    const completion = participantCompletion(DUE, firsts, at("2026-11-14T00:00:00Z"));
    expect(completion).toMatchObject({ due: 2, submitted: 1, onTime: 0, late: 1, missing: 1, upcoming: 1 });
    expect(completion.reports.map((r) => r.timing)).toEqual(["late", "missing", "upcoming"]);
  });

  it("counts a report sent before its due day as submitted and on time, not as owed", () => {
    const firsts = new Map([["2026-11-20", at("2026-11-12T00:00:00Z")]]);
    const completion = participantCompletion(DUE, firsts, at("2026-11-12T01:00:00Z"));
    expect(completion).toMatchObject({ due: 1, submitted: 1, onTime: 1, missing: 1, upcoming: 1 });
  });
});

describe("task totals", () => {
  const tasks = [
    { id: "t1", targetFigure: "enterprisesInspected" as const, target: 40 },
    { id: "t2", targetFigure: null, target: null },
  ];

  it("adds the figures of every report per task and compares them with the target", () => {
    const totals = taskTotals(tasks, [
      { figures: { t1: { enterprisesInspected: 12, hiddenDangersFound: 5 } } },
      { figures: { t1: { enterprisesInspected: 18, hiddenDangersFound: 2, fineYuan: 5000 }, t2: { penalties: 1 } } },
    ]);
    expect(totals[0]).toMatchObject({
      totals: { enterprisesInspected: 30, hiddenDangersFound: 7, fineYuan: 5000, penalties: 0 },
      progress: 0.75,
    });
    expect(totals[1]).toMatchObject({ totals: { penalties: 1 }, progress: null });
  });

  it("reports zero progress before any report", () => {
    expect(taskTotals(tasks, [])[0].progress).toBe(0);
  });
});

describe("notices due", () => {
  it("reminds within the reminder window and not before", () => {
    expect(noticesDue(DUE, new Set(), at("2026-11-03T15:00:00Z"), 2)).toEqual([]);
    expect(noticesDue(DUE, new Set(), at("2026-11-04T17:00:00Z"), 2)).toEqual([
      { dueDate: "2026-11-06", kind: "reminder" },
    ]);
  });

  it("calls the report overdue after the due day and says nothing of a report that is in", () => {
    expect(noticesDue(DUE, new Set(), at("2026-11-07T00:00:00Z"), 2)).toEqual([
      { dueDate: "2026-11-06", kind: "overdue" },
    ]);
    expect(noticesDue(DUE, new Set(["2026-11-06"]), at("2026-11-07T00:00:00Z"), 2)).toEqual([]);
  });
});

describe("figure problems", () => {
  it("accepts counts for the campaign's own tasks", () => {
    expect(figureProblems(["t1"], [{ taskId: "t1", values: { enterprisesInspected: 3, fineYuan: 1200.5 } }])).toEqual(
      [],
    );
  });

  it("rejects an unknown task, a task twice, a negative count and a fraction of an enterprise", () => {
    const problems = figureProblems(
      ["t1"],
      [
        { taskId: "t9", values: {} },
        { taskId: "t1", values: { enterprisesInspected: -1 } },
        { taskId: "t1", values: { hiddenDangersFound: 1.5 } },
      ],
    );
    expect(problems.map((p) => p.field)).toEqual([
      "figures.0.taskId",
      "figures.1.values.enterprisesInspected",
      "figures.2.taskId",
      "figures.2.values.hiddenDangersFound",
    ]);
  });
});
