import { describe, expect, it } from "vitest";
import { assessMajorHazard, type MajorHazardInput, type MajorHazardSubstanceInput } from "./assess-major-hazard";

const line = (overrides: Partial<MajorHazardSubstanceInput> & { quantityTonnes: number }): MajorHazardSubstanceInput =>
  overrides;
const chlorine = (quantityTonnes: number) => line({ cas: "7782-50-5", quantityTonnes });
const ammonia = (quantityTonnes: number) => line({ cas: "7664-41-7", quantityTonnes });
const unit = (substances: MajorHazardSubstanceInput[], exposedPopulation = 10): MajorHazardInput => ({
  substances,
  exposedPopulation,
});

function assessed(input: MajorHazardInput) {
  const result = assessMajorHazard(input);
  if (!result.ok) throw new Error(`expected a result, got ${JSON.stringify(result.problems)}`);
  return result;
}

function problemsOf(input: MajorHazardInput) {
  const result = assessMajorHazard(input);
  if (result.ok) throw new Error(`expected problems, got S = ${result.s}`);
  return result.problems;
}

describe("assessMajorHazard", () => {
  it("passes the worked check: 30 t chlorine + 100 t ammonia, 120 residents → S 16, R 88, level 2", () => {
    expect(assessed(unit([chlorine(30), ammonia(100)], 120))).toEqual({
      ok: true,
      tableVersion: "GB 18218-2018",
      s: 16,
      isMajorHazard: true,
      alpha: 2,
      r: 88,
      level: 2,
      terms: [
        {
          substance: "氯",
          cas: "7782-50-5",
          q: 30,
          Q: 5,
          beta: 4,
          ratio: 6,
          thresholdFrom: "named_substance",
          betaFrom: "named_toxic_gas",
          hazardClass: null,
        },
        {
          substance: "氨",
          cas: "7664-41-7",
          q: 100,
          Q: 10,
          beta: 2,
          ratio: 10,
          thresholdFrom: "named_substance",
          betaFrom: "named_toxic_gas",
          hazardClass: null,
        },
      ],
    });
  });

  describe("finding a substance", () => {
    it("finds methanol by its CAS number", () => {
      expect(assessed(unit([line({ cas: "67-56-1", quantityTonnes: 250 })])).terms[0]).toMatchObject({
        substance: "甲醇",
        Q: 500,
        beta: 1,
        ratio: 0.5,
        hazardClass: "W5.3",
      });
    });

    it("finds liquid chlorine by its Chinese name 液氯", () => {
      expect(assessed(unit([line({ name: "液氯", quantityTonnes: 5 })])).terms[0]).toMatchObject({
        cas: "7782-50-5",
        Q: 5,
        beta: 4,
      });
    });

    it("finds hydrogen by its English name in any case", () => {
      expect(assessed(unit([line({ name: "  HYDROGEN ", quantityTonnes: 1 })])).terms[0]).toMatchObject({
        substance: "氢",
        cas: "1333-74-0",
        Q: 5,
        beta: 1.5,
        hazardClass: "W2",
      });
    });

    it("finds sulfur dioxide written with a subscript as SO₂", () => {
      expect(assessed(unit([line({ name: "SO₂", quantityTonnes: 20 })])).terms[0]).toMatchObject({ Q: 20, beta: 2 });
    });

    it("files propane under liquefied petroleum gas by its own CAS number", () => {
      expect(assessed(unit([line({ cas: "74-98-6", quantityTonnes: 25 })])).terms[0]).toMatchObject({
        substance: "液化石油气",
        cas: "68476-85-7",
        Q: 50,
      });
    });

    it("trusts the CAS number over a name that disagrees", () => {
      expect(assessed(unit([line({ cas: "7782-50-5", name: "ammonia", quantityTonnes: 1 })])).terms[0].substance).toBe(
        "氯",
      );
    });

    it("falls back to the name when the CAS number is not in table 1", () => {
      expect(assessed(unit([line({ cas: "630-08-0", name: "煤气", quantityTonnes: 10 })])).terms[0]).toMatchObject({
        substance: "煤气",
        cas: null,
        Q: 20,
      });
    });

    it("grades a substance table 1 does not name by its class: isopropanol as W5.3", () => {
      const result = assessed(
        unit([line({ cas: "67-63-0", name: "异丙醇", hazardClass: "w5.3", quantityTonnes: 500 })]),
      );
      expect(result.terms[0]).toEqual({
        substance: "异丙醇",
        cas: "67-63-0",
        q: 500,
        Q: 1000,
        beta: 1,
        ratio: 0.5,
        thresholdFrom: "hazard_class",
        betaFrom: "hazard_class",
        hazardClass: "W5.3",
      });
      expect(result).toMatchObject({ s: 0.5, isMajorHazard: false, level: null });
    });

    it("lets a given class replace a named substance's β class but not its threshold", () => {
      expect(
        assessed(unit([line({ cas: "71-43-2", hazardClass: "W5.1", quantityTonnes: 50 })])).terms[0],
      ).toMatchObject({
        Q: 50,
        beta: 1.5,
        hazardClass: "W5.1",
        thresholdFrom: "named_substance",
      });
    });

    it("keeps a named toxic gas's β whatever class is given", () => {
      expect(assessed(unit([line({ cas: "7782-50-5", hazardClass: "W2", quantityTonnes: 5 })])).terms[0]).toMatchObject(
        {
          Q: 5,
          beta: 4,
          betaFrom: "named_toxic_gas",
        },
      );
    });

    it("keeps one term per input line, even for the same substance", () => {
      const result = assessed(unit([chlorine(2), chlorine(3)]));
      expect(result.terms.map((term) => term.q)).toEqual([2, 3]);
      expect(result).toMatchObject({ s: 1, isMajorHazard: true });
    });
  });

  describe("identification, S = Σ q/Q", () => {
    it("does not make a unit with S just below 1 a major hazard source, yet gives its R", () => {
      expect(assessed(unit([chlorine(4.99)]))).toMatchObject({ s: 0.998, isMajorHazard: false, level: null, r: 3.992 });
    });

    it("makes a unit with S exactly 1 a major hazard source", () => {
      expect(assessed(unit([chlorine(5)]))).toMatchObject({ s: 1, isMajorHazard: true });
    });

    it("does not round S = 0.999998 up to a major hazard source", () => {
      expect(assessed(unit([chlorine(4.99999)]))).toMatchObject({ s: 1, isMajorHazard: false, level: null });
    });

    it("reaches S = 1 from 0.7 + 0.2 + 0.1 despite binary rounding", () => {
      const methanol = (quantityTonnes: number) => line({ cas: "67-56-1", quantityTonnes });
      expect(assessed(unit([methanol(350), methanol(100), methanol(50)]))).toMatchObject({ s: 1, isMajorHazard: true });
    });

    it("accepts a substance line of 0 t", () => {
      expect(assessed(unit([chlorine(0), ammonia(10)]))).toMatchObject({ s: 1, isMajorHazard: true });
    });
  });

  describe("grading, R = α Σ β q/Q", () => {
    // Chlorine with α 1 (10 residents): R = 4 × q / 5.
    it.each([
      [125, 100, 1],
      [124.9, 99.92, 2],
      [62.5, 50, 2],
      [62.4, 49.92, 3],
      [12.5, 10, 3],
      [12.4, 9.92, 4],
    ])("grades %d t of chlorine, R = %d, level %i", (tonnes, r, level) => {
      expect(assessed(unit([chlorine(tonnes)]))).toMatchObject({ r, level, isMajorHazard: true, alpha: 1 });
    });

    it("halves R when nobody lives within 500 m", () => {
      expect(assessed(unit([chlorine(125)], 0))).toMatchObject({ alpha: 0.5, r: 50, level: 2 });
    });

    it("rounds S and R to 4 decimals", () => {
      expect(assessed(unit([line({ cas: "75-44-5", quantityTonnes: 1 })]))).toMatchObject({ s: 3.3333, r: 66.6667 });
    });
  });

  describe("rejections", () => {
    it("rejects a unit with no substances", () => {
      expect(problemsOf(unit([]))).toEqual([{ field: "substances", found: [], reason: "empty" }]);
    });

    it("rejects a negative quantity", () => {
      expect(problemsOf(unit([ammonia(10), chlorine(-1)]))).toEqual([
        { field: "substances[1].quantityTonnes", found: -1, reason: "negative_quantity" },
      ]);
    });

    it("rejects a quantity that is not a number", () => {
      expect(problemsOf(unit([chlorine(Number.NaN)]))).toEqual([
        { field: "substances[0].quantityTonnes", found: Number.NaN, reason: "invalid_quantity" },
      ]);
    });

    it("rejects a CAS number table 1 does not name when no class is given", () => {
      expect(problemsOf(unit([line({ cas: "67-63-0", quantityTonnes: 5 })]))).toEqual([
        {
          field: "substances[0].cas",
          found: "67-63-0",
          reason: "unknown_substance",
          allowed: expect.arrayContaining(["J1", "W11"]),
        },
      ]);
    });

    it("rejects a name table 1 does not know when no class is given", () => {
      expect(problemsOf(unit([line({ name: "异丙醇", quantityTonnes: 5 })]))).toMatchObject([
        { field: "substances[0].name", found: "异丙醇", reason: "unknown_substance" },
      ]);
    });

    it("rejects a line that names nothing", () => {
      expect(problemsOf(unit([line({ quantityTonnes: 5 })]))).toMatchObject([
        { field: "substances[0].hazardClass", reason: "unknown_substance" },
      ]);
    });

    it("rejects a class GB 18218 does not have, listing the ones it has", () => {
      const problems = problemsOf(unit([line({ name: "异丙醇", hazardClass: "W12", quantityTonnes: 5 })]));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({
        field: "substances[0].hazardClass",
        found: "W12",
        reason: "unknown_hazard_class",
      });
      expect(problems[0].allowed).toHaveLength(24);
    });

    it.each([-1, 2.5, Number.NaN])("rejects an exposed population of %s", (people) => {
      expect(problemsOf(unit([chlorine(5)], people))).toEqual([
        { field: "exposedPopulation", found: people, reason: "invalid_population" },
      ]);
    });

    it("reports every problem at once", () => {
      const problems = problemsOf(unit([chlorine(-2), line({ cas: "0-00-0", quantityTonnes: 1 })], -5));
      expect(problems.map((problem) => [problem.field, problem.reason])).toEqual([
        ["exposedPopulation", "invalid_population"],
        ["substances[0].quantityTonnes", "negative_quantity"],
        ["substances[1].cas", "unknown_substance"],
      ]);
    });
  });
});
