import { describe, expect, it } from "vitest";
import {
  CHECK_FREQUENCIES,
  type CheckFrequency,
  DEFAULT_SCHEDULE_CONFIG,
  defaultInspectorFor,
  inspectionTasksBetween,
  periodContaining,
  periodsBetween,
  type ScheduleConfig,
  type TaskPeriod,
  taskStatus,
  validateScheduleConfig,
} from "./schedule";

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

function config(overrides: Partial<ScheduleConfig> = {}): ScheduleConfig {
  return { ...DEFAULT_SCHEDULE_CONFIG, ...overrides };
}

/** Periods as ISO strings, start → due, for readable expectations. */
function iso(periods: TaskPeriod[]): string[] {
  return periods.map(({ start, due }) => `${start.toISOString()} → ${due.toISOString()}`);
}

function task(due: string, completedAt: string | null = null) {
  return { due: at(due), completedAt: completedAt === null ? null : at(completedAt) };
}

describe("defaultInspectorFor", () => {
  it("has the post check a team- or post-level measure every shift", () => {
    expect(defaultInspectorFor("team")).toEqual({ inspector: "post", frequency: "shift" });
    expect(defaultInspectorFor("post")).toEqual({ inspector: "post", frequency: "shift" });
  });

  it("has the workshop head check a workshop-level measure weekly", () => {
    expect(defaultInspectorFor("workshop")).toEqual({ inspector: "workshop_head", frequency: "weekly" });
  });

  it("has the department check a department-level measure monthly", () => {
    expect(defaultInspectorFor("department")).toEqual({ inspector: "department", frequency: "monthly" });
  });

  it("has the principal's team check a company-level measure monthly", () => {
    expect(defaultInspectorFor("company")).toEqual({ inspector: "principal_team", frequency: "monthly" });
  });

  it("follows a configured mapping", () => {
    const custom = {
      company: { inspector: "principal_team", frequency: "quarterly" },
      department: { inspector: "department", frequency: "monthly" },
      workshop: { inspector: "workshop_head", frequency: "daily" },
      team: { inspector: "post", frequency: "daily" },
      post: { inspector: "post", frequency: "shift" },
    } as const;
    expect(defaultInspectorFor("company", custom).frequency).toBe("quarterly");
  });
});

describe("periodsBetween: shifts", () => {
  it("cuts a local day (UTC+8) into the three default shifts, 08:00 local being 00:00 UTC", () => {
    expect(iso(periodsBetween("shift", at("2026-01-01T00:00:00Z"), at("2026-01-02T00:00:00Z")))).toEqual([
      "2026-01-01T00:00:00.000Z → 2026-01-01T08:00:00.000Z",
      "2026-01-01T08:00:00.000Z → 2026-01-01T16:00:00.000Z",
      "2026-01-01T16:00:00.000Z → 2026-01-02T00:00:00.000Z",
    ]);
  });

  it("skips a shift already running at `from`", () => {
    expect(iso(periodsBetween("shift", at("2026-01-01T01:00:00Z"), at("2026-01-01T12:00:00Z")))).toEqual([
      "2026-01-01T08:00:00.000Z → 2026-01-01T16:00:00.000Z",
    ]);
  });

  it("accepts shift times in any order and runs the night shift over local midnight", () => {
    const night = config({ shifts: ["22:00", "06:00", "14:00"] });
    // 03:00 local on 5 March is still the night shift that began at 22:00 local on 4 March.
    expect(periodContaining("shift", at("2026-03-04T19:00:00Z"), night)).toEqual({
      start: at("2026-03-04T14:00:00Z"),
      due: at("2026-03-04T22:00:00Z"),
    });
  });

  it("allows shifts of unequal length", () => {
    const twoShifts = config({ shifts: ["08:00", "20:00"] });
    const day = periodsBetween("shift", at("2026-01-01T00:00:00Z"), at("2026-01-02T00:00:00Z"), twoShifts);
    expect(day.map((p) => (p.due.getTime() - p.start.getTime()) / HOUR)).toEqual([12, 12]);
  });
});

describe("periodsBetween: days and weeks", () => {
  it("starts a day at local midnight, 16:00 UTC the day before", () => {
    expect(iso(periodsBetween("daily", at("2026-05-01T15:59:59.999Z"), at("2026-05-02T16:00:00Z")))).toEqual([
      "2026-05-01T16:00:00.000Z → 2026-05-02T16:00:00.000Z",
    ]);
  });

  it("counts 29 February in a leap year", () => {
    const days = periodsBetween("daily", at("2024-02-27T16:00:00Z"), at("2024-03-01T16:00:00Z"));
    expect(iso(days)).toEqual([
      "2024-02-27T16:00:00.000Z → 2024-02-28T16:00:00.000Z",
      "2024-02-28T16:00:00.000Z → 2024-02-29T16:00:00.000Z",
      "2024-02-29T16:00:00.000Z → 2024-03-01T16:00:00.000Z",
    ]);
  });

  it("starts a week on local Monday, across a year end", () => {
    // 30 December 2024 and 6 January 2025 are Mondays.
    expect(iso(periodsBetween("weekly", at("2024-12-25T00:00:00Z"), at("2025-01-10T00:00:00Z")))).toEqual([
      "2024-12-29T16:00:00.000Z → 2025-01-05T16:00:00.000Z",
      "2025-01-05T16:00:00.000Z → 2025-01-12T16:00:00.000Z",
    ]);
  });

  it("puts a Sunday evening UTC that is Monday morning local in the new week", () => {
    // 2025-01-05T17:00Z is Monday 6 January, 01:00 local.
    expect(periodContaining("weekly", at("2025-01-05T17:00:00Z")).start).toEqual(at("2025-01-05T16:00:00Z"));
  });

  it("starts days at UTC midnight with offset 0 and at 05:00 UTC with offset −05:00", () => {
    expect(periodContaining("daily", at("2026-01-01T12:00:00Z"), config({ timeZoneOffsetMinutes: 0 })).start).toEqual(
      at("2026-01-01T00:00:00Z"),
    );
    expect(
      periodContaining("daily", at("2026-01-01T02:00:00Z"), config({ timeZoneOffsetMinutes: -300 })).start,
    ).toEqual(at("2025-12-31T05:00:00Z"));
  });
});

describe("periodsBetween: months, quarters and years", () => {
  it("runs months to the first of the next month, 29 days for February 2024", () => {
    expect(iso(periodsBetween("monthly", at("2023-12-31T16:00:00Z"), at("2024-03-31T16:00:00Z")))).toEqual([
      "2023-12-31T16:00:00.000Z → 2024-01-31T16:00:00.000Z",
      "2024-01-31T16:00:00.000Z → 2024-02-29T16:00:00.000Z",
      "2024-02-29T16:00:00.000Z → 2024-03-31T16:00:00.000Z",
    ]);
  });

  it("ends February 2023 on the 28th", () => {
    expect(periodContaining("monthly", at("2023-02-15T00:00:00Z"))).toEqual({
      start: at("2023-01-31T16:00:00Z"),
      due: at("2023-02-28T16:00:00Z"),
    });
  });

  it("puts 31 January 20:00 UTC, 1 February local, in February", () => {
    expect(periodContaining("monthly", at("2026-01-31T20:00:00Z")).start).toEqual(at("2026-01-31T16:00:00Z"));
  });

  it("starts quarters on 1 January, April, July and October local", () => {
    expect(iso(periodsBetween("quarterly", at("2023-12-31T16:00:00Z"), at("2024-12-31T16:00:00Z")))).toEqual([
      "2023-12-31T16:00:00.000Z → 2024-03-31T16:00:00.000Z",
      "2024-03-31T16:00:00.000Z → 2024-06-30T16:00:00.000Z",
      "2024-06-30T16:00:00.000Z → 2024-09-30T16:00:00.000Z",
      "2024-09-30T16:00:00.000Z → 2024-12-31T16:00:00.000Z",
    ]);
  });

  it("runs a leap year for 366 days from local New Year", () => {
    const [year] = periodsBetween("yearly", at("2023-12-31T16:00:00Z"), at("2024-01-01T00:00:00Z"));
    expect(year.start).toEqual(at("2023-12-31T16:00:00Z"));
    expect((year.due.getTime() - year.start.getTime()) / (24 * HOUR)).toBe(366);
  });
});

describe("periodsBetween: continuity and determinism", () => {
  const from = at("2023-11-17T05:43:00Z");
  const middle = at("2024-06-30T16:00:00Z");
  const to = at("2025-03-02T11:11:00Z");

  it.each(CHECK_FREQUENCIES)("leaves neither gap nor overlap between %s periods", (frequency) => {
    const periods = periodsBetween(frequency, from, to);
    expect(periods.length).toBeGreaterThan(0);
    for (const [index, period] of periods.entries()) {
      expect(period.start.getTime()).toBeLessThan(period.due.getTime());
      expect(period.start.getTime()).toBeGreaterThanOrEqual(from.getTime());
      expect(period.start.getTime()).toBeLessThan(to.getTime());
      if (index > 0) expect(period.start).toEqual(periods[index - 1].due);
    }
  });

  it.each(CHECK_FREQUENCIES)("gives the same %s periods for [a, c) as for [a, b) and [b, c) together", (frequency) => {
    const whole = periodsBetween(frequency, from, to);
    const halves = [...periodsBetween(frequency, from, middle), ...periodsBetween(frequency, middle, to)];
    expect(iso(halves)).toEqual(iso(whole));
  });

  it("gives 3 shifts, 1 day, 7-day weeks over a full local week", () => {
    const week = periodsBetween("weekly", at("2026-03-08T16:00:00Z"), at("2026-03-15T16:00:00Z"));
    const shifts = periodsBetween("shift", at("2026-03-08T16:00:00Z"), at("2026-03-15T16:00:00Z"));
    expect(week).toHaveLength(1);
    expect(shifts).toHaveLength(21);
  });

  it("gives nothing for an empty or reversed window", () => {
    const sameMoment = at("2026-01-01T00:00:00Z");
    expect(periodsBetween("daily", sameMoment, sameMoment)).toEqual([]);
    expect(periodsBetween("daily", at("2026-02-01T00:00:00Z"), sameMoment)).toEqual([]);
  });
});

describe("validateScheduleConfig", () => {
  it("accepts the default configuration", () => {
    expect(validateScheduleConfig(DEFAULT_SCHEDULE_CONFIG)).toEqual([]);
  });

  it("reports a malformed time, a duplicate shift and an impossible offset", () => {
    expect(validateScheduleConfig({ timeZoneOffsetMinutes: 900, shifts: ["08:00", "24:00", "08:00", "8:00"] })).toEqual(
      [
        { field: "timeZoneOffsetMinutes", found: 900, reason: "invalid_offset" },
        { field: "shifts", found: "24:00", reason: "invalid_shift_time" },
        { field: "shifts", found: "08:00", reason: "duplicate_shift_time" },
        { field: "shifts", found: "8:00", reason: "invalid_shift_time" },
      ],
    );
  });

  it("refuses to cut periods with no shifts configured", () => {
    expect(() =>
      periodsBetween("shift", at("2026-01-01T00:00:00Z"), at("2026-01-02T00:00:00Z"), config({ shifts: [] })),
    ).toThrow(RangeError);
  });
});

describe("inspectionTasksBetween", () => {
  it("plans a company-level measure monthly for the principal's team", () => {
    const tasks = inspectionTasksBetween(
      { controlMeasureId: "cm-1", controlLevel: "company" },
      at("2025-12-31T16:00:00Z"),
      at("2026-02-28T16:00:00Z"),
    );
    expect(tasks).toEqual([
      {
        controlMeasureId: "cm-1",
        inspector: "principal_team",
        frequency: "monthly",
        start: at("2025-12-31T16:00:00Z"),
        due: at("2026-01-31T16:00:00Z"),
      },
      {
        controlMeasureId: "cm-1",
        inspector: "principal_team",
        frequency: "monthly",
        start: at("2026-01-31T16:00:00Z"),
        due: at("2026-02-28T16:00:00Z"),
      },
    ]);
  });

  it("uses the measure's own frequency over the control level's", () => {
    const measure = { controlMeasureId: "cm-2", controlLevel: "team", checkFrequency: "daily" } as const;
    const tasks = inspectionTasksBetween(measure, at("2026-01-01T16:00:00Z"), at("2026-01-03T16:00:00Z"));
    expect(tasks.map((t) => [t.inspector, t.frequency])).toEqual([
      ["post", "daily"],
      ["post", "daily"],
    ]);
  });
});

describe("taskStatus", () => {
  it("is open before its due time", () => {
    expect(taskStatus(task("2026-01-01T08:00:00Z"), at("2026-01-01T07:59:59Z"))).toBe("open");
  });

  it("is missed from its due time on when not completed", () => {
    expect(taskStatus(task("2026-01-01T08:00:00Z"), at("2026-01-01T08:00:00Z"))).toBe("missed");
    expect(taskStatus(task("2026-01-01T08:00:00Z"), at("2027-01-01T00:00:00Z"))).toBe("missed");
  });

  it("is done once completed, also when completed after its due time", () => {
    expect(taskStatus(task("2026-01-01T08:00:00Z", "2026-01-01T07:00:00Z"), at("2026-01-02T00:00:00Z"))).toBe("done");
    expect(taskStatus(task("2026-01-01T08:00:00Z", "2026-01-01T09:00:00Z"), at("2026-01-02T00:00:00Z"))).toBe("done");
  });

  it("keeps every uncompleted past shift as missed rather than dropping it", () => {
    const frequency: CheckFrequency = "shift";
    const shifts = periodsBetween(frequency, at("2026-01-01T00:00:00Z"), at("2026-01-03T00:00:00Z"));
    const statuses = shifts.map((p) => taskStatus({ due: p.due, completedAt: null }, at("2026-01-05T00:00:00Z")));
    expect(statuses).toEqual(Array(6).fill("missed"));
  });
});
