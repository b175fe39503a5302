import { describe, expect, it } from "vitest";
import { industries, industrySectionOf } from "./industries";

const sections = industries.filter((item) => item.parentCode === null);
const divisions = industries.filter((item) => item.parentCode !== null);

describe("industries (GB/T 4754-2017)", () => {
  it("has the 20 sections A to T", () => {
    expect(sections.map((section) => section.code).join("")).toBe("ABCDEFGHIJKLMNOPQRST");
  });

  it("has the 97 divisions 01 to 97 without gaps", () => {
    expect(divisions).toHaveLength(97);
    expect(divisions.map((division) => Number(division.code))).toEqual(Array.from({ length: 97 }, (_, i) => i + 1));
  });

  it("uses every code once", () => {
    expect(new Set(industries.map((item) => item.code)).size).toBe(industries.length);
  });

  it("hangs every division under a section that exists", () => {
    const sectionCodes = new Set(sections.map((section) => section.code));
    for (const division of divisions) expect(sectionCodes.has(division.parentCode as string)).toBe(true);
  });

  it("puts the division ranges in the right sections", () => {
    const range = (letter: string) =>
      divisions.filter((division) => division.parentCode === letter).map((division) => division.code);
    expect(range("B")).toEqual(["06", "07", "08", "09", "10", "11", "12"]);
    expect(range("C")[0]).toBe("13");
    expect(range("C").at(-1)).toBe("43");
    expect(range("E")).toEqual(["47", "48", "49", "50"]);
    expect(range("N")).toEqual(["76", "77", "78", "79"]);
    expect(range("T")).toEqual(["97"]);
  });

  it("uses the 2017 names of divisions renamed since 2011", () => {
    const nameOf = (code: string) => industries.find((item) => item.code === code)?.nameZh;
    expect(nameOf("26")).toBe("化学原料和化学制品制造业");
    expect(nameOf("58")).toBe("多式联运和运输代理业");
    expect(nameOf("59")).toBe("装卸搬运和仓储业");
    expect(nameOf("62")).toBe("餐饮业");
  });
});

describe("industrySectionOf", () => {
  it("finds the section of a division", () => {
    expect(industrySectionOf("26")).toBe("C");
    expect(industrySectionOf("62")).toBe("H");
    expect(industrySectionOf("01")).toBe("A");
    expect(industrySectionOf("97")).toBe("T");
  });

  it("reads a group or class code by its division", () => {
    expect(industrySectionOf("2611")).toBe("C");
    expect(industrySectionOf("592")).toBe("G");
  });

  it("returns undefined for a division that does not exist", () => {
    expect(industrySectionOf("98")).toBeUndefined();
    expect(industrySectionOf("C")).toBeUndefined();
    expect(industrySectionOf("2")).toBeUndefined();
  });
});
