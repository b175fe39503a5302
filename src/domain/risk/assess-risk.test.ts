import { describe, expect, it } from "vitest";
import type { RiskLevel } from "../reference/risk-levels";
import { assessRisk, colourOf, riskPointLevel } from "./assess-risk";
import type { RiskBands } from "./bands";
import type { AssessmentMethod } from "./scales";

const lec = (l: unknown, e: unknown, c: unknown): Record<string, unknown> => ({ l, e, c });
const ls = (l: unknown, s: unknown): Record<string, unknown> => ({ l, s });
const mes = (m: unknown, e: unknown, s: unknown): Record<string, unknown> => ({ m, e, s });

function graded(method: AssessmentMethod, factors: Record<string, unknown>, bands?: RiskBands) {
  const result = assessRisk(method, factors, bands);
  if (!result.ok) throw new Error(`expected a grade, got ${JSON.stringify(result.problems)}`);
  return result;
}

function problemsOf(method: AssessmentMethod, factors: Record<string, unknown>) {
  const result = assessRisk(method, factors);
  if (result.ok) throw new Error(`expected problems, got score ${result.score}`);
  return result.problems;
}

function bandsOf(method: AssessmentMethod, red: number, orange: number, yellow: number): RiskBands {
  return {
    method,
    version: "custom-1",
    thresholds: [
      { level: 1, minScore: red },
      { level: 2, minScore: orange },
      { level: 3, minScore: yellow },
    ],
  };
}

type Case = [string, Record<string, unknown>, number, RiskLevel];

describe("assessRisk with LEC, D = L × E × C", () => {
  // 320 and 160 are no product of scale values: the nearest real products are tested here, the exact edges in bands.test.ts.
  it.each<Case>([
    ["grades 3 × 3 × 40 = 360 red", lec(3, 3, 40), 360, 1],
    ["grades 10 × 10 × 3 = 300 orange: just under the red edge of 320", lec(10, 10, 3), 300, 2],
    ["grades 10 × 6 × 3 = 180 orange", lec(10, 6, 3), 180, 2],
    ["grades 10 × 1 × 15 = 150 yellow: just under the orange edge of 160", lec(10, 1, 15), 150, 3],
    ["grades 10 × 1 × 7 = 70 yellow: the yellow edge itself", lec(10, 1, 7), 70, 3],
    ["grades 10 × 6 × 1 = 60 blue: just under the yellow edge", lec(10, 6, 1), 60, 4],
  ])("%s", (_name, factors, score, level) => {
    expect(graded("LEC", factors)).toMatchObject({ score, level, bandsVersion: "default-2026" });
  });

  it("gives a clean score for decimal factors: 0.1 × 0.5 × 1 is 0.05", () => {
    expect(graded("LEC", lec(0.1, 0.5, 1)).score).toBe(0.05);
    expect(graded("LEC", lec(0.2, 3, 7)).score).toBe(4.2);
    expect(graded("LEC", lec(0.1, 6, 7)).score).toBe(4.2);
  });

  it("names the colour of the level it grades", () => {
    expect(graded("LEC", lec(3, 3, 40)).colour).toBe("red");
    expect(graded("LEC", lec(10, 1, 7)).colour).toBe("yellow");
  });

  it("rejects an LEC exposure of 4: not on the scale", () => {
    expect(problemsOf("LEC", lec(6, 4, 15))).toEqual([
      { field: "factors.e", found: 4, allowed: [10, 6, 3, 2, 1, 0.5], reason: "off_scale" },
    ]);
  });

  it("rejects an LEC likelihood of 2: not on the scale", () => {
    expect(problemsOf("LEC", lec(2, 6, 15))).toEqual([
      { field: "factors.l", found: 2, allowed: [10, 6, 3, 1, 0.5, 0.2, 0.1], reason: "off_scale" },
    ]);
  });

  it("rejects an LEC consequence of 50: not on the scale", () => {
    expect(problemsOf("LEC", lec(6, 6, 50))).toEqual([
      { field: "factors.c", found: 50, allowed: [100, 40, 15, 7, 3, 1], reason: "off_scale" },
    ]);
  });

  it("rejects a factor given as text, even when the text is a scale value", () => {
    expect(problemsOf("LEC", lec("6", 6, 15))).toMatchObject([{ field: "factors.l", found: "6", reason: "off_scale" }]);
  });

  it("reports every missing LEC factor with its allowed values", () => {
    expect(problemsOf("LEC", {})).toEqual([
      { field: "factors.l", found: undefined, allowed: [10, 6, 3, 1, 0.5, 0.2, 0.1], reason: "missing" },
      { field: "factors.e", found: undefined, allowed: [10, 6, 3, 2, 1, 0.5], reason: "missing" },
      { field: "factors.c", found: undefined, allowed: [100, 40, 15, 7, 3, 1], reason: "missing" },
    ]);
  });

  it("treats a null factor as missing", () => {
    expect(problemsOf("LEC", lec(6, null, 15))).toMatchObject([{ field: "factors.e", reason: "missing" }]);
  });

  it("rejects a factor LEC does not use, naming the factors it does", () => {
    expect(problemsOf("LEC", { ...lec(6, 6, 15), s: 4 })).toEqual([
      { field: "factors.s", found: 4, allowed: ["l", "e", "c"], reason: "unexpected" },
    ]);
  });

  it("reports every problem at once", () => {
    expect(problemsOf("LEC", { l: 4, c: 15, m: 5 }).map((problem) => [problem.field, problem.reason])).toEqual([
      ["factors.l", "off_scale"],
      ["factors.e", "missing"],
      ["factors.m", "unexpected"],
    ]);
  });
});

describe("assessRisk with LS, R = L × S", () => {
  it.each<Case>([
    ["grades 5 × 5 = 25 red", ls(5, 5), 25, 1],
    ["grades 4 × 5 = 20 red: the red edge itself", ls(4, 5), 20, 1],
    ["grades 4 × 4 = 16 orange: just under the red edge", ls(4, 4), 16, 2],
    ["grades 3 × 5 = 15 orange: the orange edge itself", ls(3, 5), 15, 2],
    ["grades 3 × 4 = 12 yellow: just under the orange edge", ls(3, 4), 12, 3],
    ["grades 3 × 3 = 9 yellow: the yellow edge itself", ls(3, 3), 9, 3],
    ["grades 2 × 4 = 8 blue: just under the yellow edge", ls(2, 4), 8, 4],
    ["grades 1 × 1 = 1 blue", ls(1, 1), 1, 4],
  ])("%s", (_name, factors, score, level) => {
    expect(graded("LS", factors)).toMatchObject({ score, level });
  });

  it.each([
    ["likelihood of 0", ls(0, 3), "factors.l"],
    ["likelihood of 6", ls(6, 3), "factors.l"],
    ["severity of 2.5", ls(3, 2.5), "factors.s"],
    ["severity of 0", ls(3, 0), "factors.s"],
  ])("rejects an LS %s: not on the 1–5 scale", (_name, factors, field) => {
    expect(problemsOf("LS", factors)).toEqual([
      { field, found: factors[field.slice(8)], allowed: [5, 4, 3, 2, 1], reason: "off_scale" },
    ]);
  });

  it("reports a missing LS severity", () => {
    expect(problemsOf("LS", { l: 3 })).toEqual([
      { field: "factors.s", found: undefined, allowed: [5, 4, 3, 2, 1], reason: "missing" },
    ]);
  });

  it("rejects an LEC exposure given to LS", () => {
    expect(problemsOf("LS", { ...ls(3, 3), e: 6 })).toEqual([
      { field: "factors.e", found: 6, allowed: ["l", "s"], reason: "unexpected" },
    ]);
  });
});

describe("assessRisk with MES, R = M × E × S", () => {
  it.each<Case>([
    ["grades 3 × 6 × 10 = 180 red: the red edge itself", mes(3, 6, 10), 180, 1],
    ["grades 5 × 3 × 10 = 150 orange: the highest product under red", mes(5, 3, 10), 150, 2],
    ["grades 3 × 3 × 10 = 90 orange: the orange edge itself", mes(3, 3, 10), 90, 2],
    ["grades 5 × 2 × 8 = 80 yellow: the highest product under orange", mes(5, 2, 8), 80, 3],
    ["grades 5 × 10 × 1 = 50 yellow: the yellow edge itself", mes(5, 10, 1), 50, 3],
    ["grades 3 × 2 × 8 = 48 blue: the highest product under yellow", mes(3, 2, 8), 48, 4],
    ["grades 1 × 0.5 × 1 = 0.5 blue", mes(1, 0.5, 1), 0.5, 4],
  ])("%s", (_name, factors, score, level) => {
    expect(graded("MES", factors)).toMatchObject({ score, level });
  });

  it("rejects an MES control state of 2: only 5, 3 and 1 are on the scale", () => {
    expect(problemsOf("MES", mes(2, 6, 8))).toEqual([
      { field: "factors.m", found: 2, allowed: [5, 3, 1], reason: "off_scale" },
    ]);
  });

  it("rejects an MES exposure of 4: MES uses the LEC exposure scale", () => {
    expect(problemsOf("MES", mes(3, 4, 8))).toEqual([
      { field: "factors.e", found: 4, allowed: [10, 6, 3, 2, 1, 0.5], reason: "off_scale" },
    ]);
  });

  it("rejects an MES severity of 15: that is an LEC consequence value", () => {
    expect(problemsOf("MES", mes(3, 6, 15))).toEqual([
      { field: "factors.s", found: 15, allowed: [10, 8, 4, 2, 1], reason: "off_scale" },
    ]);
  });

  it("reports a missing MES control state", () => {
    expect(problemsOf("MES", { e: 6, s: 8 })).toMatchObject([
      { field: "factors.m", reason: "missing", allowed: [5, 3, 1] },
    ]);
  });

  it("rejects an LEC consequence given to MES", () => {
    expect(problemsOf("MES", { ...mes(3, 6, 8), c: 15 })).toEqual([
      { field: "factors.c", found: 15, allowed: ["m", "e", "s"], reason: "unexpected" },
    ]);
  });
});

describe("assessRisk with custom bands", () => {
  it("honours an administrator's LS bands of 17 / 11 / 5", () => {
    const bands = bandsOf("LS", 17, 11, 5);
    expect(graded("LS", ls(4, 4), bands)).toMatchObject({
      score: 16,
      level: 2,
      colour: "orange",
      bandsVersion: "custom-1",
    });
    expect(graded("LS", ls(2, 3), bands)).toMatchObject({ level: 3 });
    expect(graded("LS", ls(2, 2), bands)).toMatchObject({ level: 4 });
    expect(graded("LS", ls(4, 5), bands)).toMatchObject({ level: 1 });
  });

  it("honours LEC bands given in any order", () => {
    const bands: RiskBands = {
      method: "LEC",
      version: "reordered",
      thresholds: [
        { level: 3, minScore: 20 },
        { level: 1, minScore: 160 },
        { level: 2, minScore: 70 },
      ],
    };
    expect(graded("LEC", lec(10, 6, 3), bands).level).toBe(1);
    expect(graded("LEC", lec(10, 1, 7), bands).level).toBe(2);
    expect(graded("LEC", lec(6, 1, 7), bands).level).toBe(3);
  });

  it("refuses bands made for another method: a configuration error", () => {
    expect(() => assessRisk("LS", ls(3, 3), bandsOf("LEC", 320, 160, 70))).toThrow(RangeError);
  });

  it("refuses unsound bands rather than grade with them", () => {
    expect(() => assessRisk("LS", ls(3, 3), bandsOf("LS", 9, 15, 20))).toThrow(/unsound/);
  });
});

describe("assessRisk with an unknown method", () => {
  it("rejects a method other than LS, LEC and MES", () => {
    const result = assessRisk("HAZOP" as AssessmentMethod, {}, bandsOf("LS", 20, 15, 9));
    expect(result).toEqual({
      ok: false,
      problems: [{ field: "method", found: "HAZOP", allowed: ["LS", "LEC", "MES"], reason: "unknown_method" }],
    });
  });
});

describe("riskPointLevel", () => {
  it("takes the most severe level of the point's hazards", () => {
    expect(riskPointLevel([3, 2, 4])).toBe(2);
    expect(riskPointLevel([4, 1])).toBe(1);
    expect(riskPointLevel([4])).toBe(4);
  });

  it("is null while no hazard of the point is assessed", () => {
    expect(riskPointLevel([])).toBeNull();
  });
});

describe("colourOf", () => {
  it("colours 1 red, 2 orange, 3 yellow and 4 blue", () => {
    expect(([1, 2, 3, 4] as const).map(colourOf)).toEqual(["red", "orange", "yellow", "blue"]);
  });
});
