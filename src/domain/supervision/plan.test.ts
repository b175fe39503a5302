import { describe, expect, it } from "vitest";
import { createRandom } from "../geo/random";
import type { RiskLevel } from "../reference/risk-levels";
import { DEFAULT_FREQUENCY, type FrequencyConfig } from "./inspection-frequency";
import {
  generatePlan,
  inspectionMonths,
  type PlanEnterprise,
  type PlanInput,
  type PlanSelection,
  spreadFirstMonth,
} from "./plan";
import { publishedSeed, seedNumber } from "./published-seed";

const annualSeed = publishedSeed({ year: 2026, department: "yjj" });
const never: FrequencyConfig = {
  1: { timesPerYear: 0 },
  2: { timesPerYear: 0 },
  3: { timesPerYear: 0 },
  4: { timesPerYear: 0 },
};
const typicalScore: Record<RiskLevel, number> = { 1: 70, 2: 50, 3: 30, 4: 10 };

function enterprise(id: string, level: RiskLevel, overrides: Partial<PlanEnterprise> = {}): PlanEnterprise {
  return { id, level, score: typicalScore[level], checkContents: [`check ${id}`], ...overrides };
}

/** count enterprises of each level, ids like "L4-007". */
function fleet(count: number, levels: readonly RiskLevel[] = [1, 2, 3, 4]): PlanEnterprise[] {
  return levels.flatMap((level) =>
    Array.from({ length: count }, (_, index) => enterprise(`L${level}-${String(index).padStart(3, "0")}`, level)),
  );
}

function annual(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    seed: annualSeed,
    year: 2026,
    enterprises: fleet(3),
    frequency: DEFAULT_FREQUENCY,
    ...overrides,
  } as PlanInput;
}

function monthly(month: number, overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    seed: publishedSeed({ year: 2026, month, department: "yjj" }),
    annualSeed,
    year: 2026,
    month,
    enterprises: fleet(3),
    frequency: DEFAULT_FREQUENCY,
    ...overrides,
  } as PlanInput;
}

const mandatoryOf = (selections: PlanSelection[], id: string) =>
  selections.find((selection) => selection.enterpriseId === id && selection.reason === "mandatory");
const randomIds = (selections: PlanSelection[]) =>
  selections.filter((selection) => selection.reason === "random").map((selection) => selection.enterpriseId);

describe("inspectionMonths", () => {
  it("spreads a year's inspections evenly from the first month", () => {
    expect(inspectionMonths(12, 1)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(inspectionMonths(4, 1)).toEqual([1, 4, 7, 10]);
    expect(inspectionMonths(2, 3)).toEqual([3, 9]);
    expect(inspectionMonths(1, 11)).toEqual([11]);
    expect(inspectionMonths(0, 1)).toEqual([]);
  });

  it("wraps past December and handles frequencies that do not divide twelve", () => {
    expect(inspectionMonths(4, 11)).toEqual([2, 5, 8, 11]);
    expect(inspectionMonths(5, 1)).toEqual([1, 3, 5, 8, 10]);
  });

  it("puts two a month into every month for 24 a year", () => {
    const months = inspectionMonths(24, 1);
    expect(months).toHaveLength(24);
    for (let month = 1; month <= 12; month++) expect(months.filter((found) => found === month)).toHaveLength(2);
  });
});

describe("generatePlan, frequencies", () => {
  it("gives every enterprise of an annual plan its level's inspections a year", () => {
    const { selections, summary } = generatePlan(annual());
    for (const level of [1, 2, 3, 4] as const) {
      expect(mandatoryOf(selections, `L${level}-000`)?.inspections).toBe(DEFAULT_FREQUENCY[level].timesPerYear);
    }
    expect(summary).toMatchObject({ period: "2026", mandatoryRequired: 3 * (12 + 4 + 2 + 1), shortfall: 0, random: 0 });
  });

  it("lists the months of an annual plan: red monthly, orange quarterly from January, yellow in March and September", () => {
    const { selections } = generatePlan(annual());
    expect(mandatoryOf(selections, "L1-000")?.months).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(mandatoryOf(selections, "L2-000")?.months).toEqual([1, 4, 7, 10]);
    expect(mandatoryOf(selections, "L3-000")?.months).toEqual([3, 9]);
    expect(mandatoryOf(selections, "L4-000")?.months).toEqual([spreadFirstMonth(annualSeed, "L4-000")]);
  });

  it("plans red every month, orange in quarter months and yellow in March and September", () => {
    const dueIn = (month: number, id: string) => mandatoryOf(generatePlan(monthly(month)).selections, id)?.inspections;
    const months = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    expect(months.map((month) => dueIn(month, "L1-000"))).toEqual(Array(12).fill(1));
    expect(months.filter((month) => dueIn(month, "L2-000") === 1)).toEqual([1, 4, 7, 10]);
    expect(months.filter((month) => dueIn(month, "L3-000") === 1)).toEqual([3, 9]);
  });

  it("visits each blue enterprise in exactly one monthly plan, the month its annual plan shows", () => {
    const enterprises = fleet(120, [4]);
    const yearly = generatePlan(annual({ enterprises }));
    const visits = new Map<string, number[]>();
    for (let month = 1; month <= 12; month++) {
      for (const selection of generatePlan(monthly(month, { enterprises })).selections) {
        visits.set(selection.enterpriseId, [...(visits.get(selection.enterpriseId) ?? []), month]);
      }
    }
    for (const { id } of enterprises) {
      expect(visits.get(id)).toEqual(mandatoryOf(yearly.selections, id)?.months);
    }
  });

  it("spreads the blue visits over the whole year", () => {
    const enterprises = fleet(120, [4]);
    const perMonth = Array.from(
      { length: 12 },
      (_, index) => generatePlan(monthly(index + 1, { enterprises })).summary,
    );
    const counts = perMonth.map((summary) => summary.mandatoryRequired);
    expect(counts.every((count) => count > 0)).toBe(true);
    expect(Math.max(...counts)).toBeLessThanOrEqual(20);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(120);
  });

  it("adds twelve monthly plans up to the annual frequency, also for frequencies other than the defaults", () => {
    const frequency: FrequencyConfig = {
      1: { timesPerYear: 24 },
      2: { timesPerYear: 6 },
      3: { timesPerYear: 3 },
      4: { timesPerYear: 2 },
    };
    const totals = new Map<string, number>();
    for (let month = 1; month <= 12; month++) {
      for (const selection of generatePlan(monthly(month, { frequency })).selections) {
        totals.set(selection.enterpriseId, (totals.get(selection.enterpriseId) ?? 0) + selection.inspections);
      }
    }
    for (const { id, level } of fleet(3)) expect(totals.get(id)).toBe(frequency[level].timesPerYear);
  });

  it("honours an enterprise's own frequency from a territory override", () => {
    const enterprises = [enterprise("E1", 4, { timesPerYear: 4 })];
    expect(mandatoryOf(generatePlan(annual({ enterprises })).selections, "E1")?.inspections).toBe(4);
  });
});

describe("generatePlan, capacity", () => {
  it("keeps the mandatory inspections of the highest scores when capacity is short, and reports the shortfall", () => {
    const enterprises = [
      enterprise("A", 1, { score: 90 }),
      enterprise("B", 1, { score: 75 }),
      enterprise("C", 1, { score: 62 }),
      enterprise("D", 2, { score: 55 }),
    ];
    const plan = generatePlan(monthly(1, { enterprises, capacity: 2 }));
    expect(plan.selections.map((selection) => [selection.enterpriseId, selection.inspections])).toEqual([
      ["A", 1],
      ["B", 1],
    ]);
    expect(plan.summary).toMatchObject({
      mandatoryRequired: 4,
      mandatoryPlanned: 2,
      shortfall: 2,
      unplanned: [
        { enterpriseId: "C", inspections: 1 },
        { enterpriseId: "D", inspections: 1 },
      ],
      random: 0,
    });
  });

  it("cuts part of an enterprise's inspections when only part fits", () => {
    const plan = generatePlan(annual({ enterprises: [enterprise("A", 1)], capacity: 5 }));
    expect(plan.selections).toMatchObject([{ enterpriseId: "A", inspections: 5, months: [1, 2, 3, 4, 5] }]);
    expect(plan.summary).toMatchObject({ shortfall: 7, unplanned: [{ enterpriseId: "A", inspections: 7 }] });
  });

  it("fills spare capacity at random, first among enterprises not already due in the period", () => {
    // January: red and orange are due; yellow is not, nor most blue ones.
    const enterprises = fleet(5);
    const plan = generatePlan(monthly(1, { enterprises, capacity: 10 + 3 }));
    const dueInJanuary = new Set(
      plan.selections.filter((item) => item.reason === "mandatory").map((item) => item.enterpriseId),
    );
    expect(plan.summary.mandatoryPlanned).toBe(dueInJanuary.size);
    const drawn = randomIds(plan.selections);
    expect(drawn).toHaveLength(13 - plan.summary.mandatoryRequired);
    for (const id of drawn) expect(dueInJanuary.has(id)).toBe(false);
    expect(plan.selections.filter((item) => item.reason === "random").every((item) => item.months[0] === 1)).toBe(true);
  });

  it("adds a second, random visit to due enterprises only when every other one has been drawn", () => {
    const plan = generatePlan(annual({ enterprises: fleet(1), capacity: 19 + 2 }));
    expect(plan.summary).toMatchObject({ mandatoryPlanned: 19, random: 2, unusedCapacity: 0 });
    expect(plan.selections.filter((item) => item.reason === "random").every((item) => item.months.length === 0)).toBe(
      true,
    );
  });

  it("reports capacity left over when every enterprise has been drawn", () => {
    const plan = generatePlan(annual({ enterprises: fleet(1), frequency: never, capacity: 10 }));
    expect(plan.summary).toMatchObject({ mandatoryRequired: 0, random: 4, unusedCapacity: 6, capacity: 10 });
  });

  it("plans every mandatory inspection and none at random without a capacity", () => {
    expect(generatePlan(annual()).summary).toMatchObject({
      capacity: null,
      shortfall: 0,
      random: 0,
      unusedCapacity: 0,
    });
  });

  it("counts the plan by level", () => {
    const plan = generatePlan(monthly(3, { enterprises: fleet(2), capacity: 6 }));
    expect(plan.summary.byLevel[1]).toEqual({ enterprises: 2, mandatory: 2, random: 0 });
    expect(plan.summary.byLevel[3]).toEqual({ enterprises: 2, mandatory: 2, random: 0 });
  });
});

describe("generatePlan, reproducible random draw", () => {
  const enterprises = fleet(25);
  const drawFor = (seed: string) =>
    randomIds(generatePlan(annual({ seed, enterprises, frequency: never, capacity: 8 })).selections);

  it("draws the same enterprises for the same seed and inputs", () => {
    const first = generatePlan(monthly(6, { enterprises, capacity: 40 }));
    const second = generatePlan(monthly(6, { enterprises: structuredClone(enterprises), capacity: 40 }));
    expect(second).toEqual(first);
  });

  it("does not depend on the order the enterprises are given in", () => {
    const forward = generatePlan(monthly(6, { enterprises, capacity: 40 }));
    const backward = generatePlan(monthly(6, { enterprises: [...enterprises].reverse(), capacity: 40 }));
    expect(randomIds(backward.selections)).toEqual(randomIds(forward.selections));
  });

  it("draws different enterprises for different seeds", () => {
    const seeds = ["2026-01:yjj", "2026-02:yjj", "2026-01:zjj", "2027-01:yjj"];
    const draws = seeds.map((seed) => drawFor(seed).join(","));
    expect(new Set(draws).size).toBe(seeds.length);
  });

  it("can be recomputed by an auditor from the published seed with the documented algorithm", () => {
    const seed = "2026-05:yjj";
    const random = createRandom(seedNumber(seed));
    const keyed = [...enterprises]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((item) => ({ id: item.id, key: Math.log(1 - random()) / Math.max(item.score, 1) }));
    const expected = keyed
      .sort((a, b) => b.key - a.key)
      .slice(0, 8)
      .map((item) => item.id);
    expect(drawFor(seed)).toEqual(expected);
  });

  it("favours higher scores: over 2,000 fixed seeds an 80 is drawn about four times as often as a 20", () => {
    const pair = [enterprise("high", 1, { score: 80 }), enterprise("low", 4, { score: 20 })];
    let high = 0;
    for (let i = 0; i < 2000; i++) {
      const plan = generatePlan(annual({ seed: `stat-${i}`, enterprises: pair, frequency: never, capacity: 1 }));
      if (randomIds(plan.selections)[0] === "high") high += 1;
    }
    // Expected share 80 / (80 + 20) = 0.8; the seeds are fixed, so this count never changes between runs.
    expect(high / 2000).toBeGreaterThan(0.77);
    expect(high / 2000).toBeLessThan(0.83);
  });

  it("draws each decile of scores more often than the one below, over 500 fixed seeds", () => {
    const ten = Array.from({ length: 10 }, (_, index) => enterprise(`S${index + 1}`, 3, { score: (index + 1) * 10 }));
    const times = new Map<string, number>();
    for (let i = 0; i < 500; i++) {
      const plan = generatePlan(annual({ seed: `decile-${i}`, enterprises: ten, frequency: never, capacity: 2 }));
      for (const id of randomIds(plan.selections)) times.set(id, (times.get(id) ?? 0) + 1);
    }
    const counts = ten.map((item) => times.get(item.id) ?? 0);
    expect(counts[9]).toBeGreaterThan(counts[0] * 4);
    expect(counts.slice(5).reduce((a, b) => a + b, 0)).toBeGreaterThan(
      counts.slice(0, 5).reduce((a, b) => a + b, 0) * 2,
    );
  });

  it("gives a score of 0 the minimum weight, so it can still be drawn", () => {
    const plan = generatePlan(
      annual({ enterprises: [enterprise("zero", 4, { score: 0 })], frequency: never, capacity: 1 }),
    );
    expect(plan.selections).toMatchObject([{ enterpriseId: "zero", reason: "random", weight: 1 }]);
  });

  it("publishes the seed and the number it hashes to with the plan", () => {
    const plan = generatePlan(monthly(12));
    expect(plan).toMatchObject({ seed: "2026-12:yjj", year: 2026, month: 12 });
    expect(plan.summary).toMatchObject({ period: "2026-12", seedNumber: seedNumber("2026-12:yjj") });
  });
});

describe("generatePlan, check contents and input checks", () => {
  it("carries each enterprise's check contents into its selections, trimmed and without repeats", () => {
    const enterprises = [
      enterprise("A", 1, { checkContents: [" 液氯储罐区管控措施 ", "重大隐患整改方案", "液氯储罐区管控措施", ""] }),
      enterprise("B", 3, { checkContents: ["一般隐患整改闭环"] }),
    ];
    const plan = generatePlan(monthly(1, { enterprises, capacity: 2 }));
    expect(
      plan.selections.map((selection) => [selection.enterpriseId, selection.reason, selection.checkContents]),
    ).toEqual([
      ["A", "mandatory", ["液氯储罐区管控措施", "重大隐患整改方案"]],
      ["B", "random", ["一般隐患整改闭环"]],
    ]);
  });

  it("refuses a monthly plan without the annual seed", () => {
    const input = { ...monthly(2), annualSeed: undefined } as unknown as PlanInput;
    expect(() => generatePlan(input)).toThrow(/annualSeed: monthly_plan_needs_the_annual_seed/);
  });

  it("refuses duplicate enterprise ids, a score above 100, a negative capacity and month 13", () => {
    const input = monthly(1, {
      month: 13,
      enterprises: [enterprise("A", 1), enterprise("A", 2, { score: 120 })],
      capacity: -1,
    });
    const messageOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof RangeError ? error.message : "not a RangeError";
      }
      return "no error";
    };
    const message = messageOf(() => generatePlan(input));
    for (const reason of ["month: not_1_to_12", "capacity: not_a_whole_number", "duplicate_id", "outside_0_to_100"]) {
      expect(message).toContain(reason);
    }
  });
});
