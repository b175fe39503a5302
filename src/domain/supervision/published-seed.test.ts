import { describe, expect, it } from "vitest";
import { publishedSeed, seedNumber } from "./published-seed";

describe("publishedSeed", () => {
  it("writes a monthly seed as year-month and the department", () => {
    expect(publishedSeed({ year: 2026, month: 12, department: "dept-code" })).toBe("2026-12:dept-code");
    expect(publishedSeed({ year: 2026, month: 3, department: "yjj" })).toBe("2026-03:yjj");
  });

  it("writes an annual seed as the year and the department", () => {
    expect(publishedSeed({ year: 2026, department: "yjj" })).toBe("2026:yjj");
  });

  it("refuses a month outside 1–12, a year that is not 4 digits and an empty department", () => {
    expect(() => publishedSeed({ year: 2026, month: 13, department: "yjj" })).toThrow(RangeError);
    expect(() => publishedSeed({ year: 26, department: "yjj" })).toThrow(RangeError);
    expect(() => publishedSeed({ year: 2026, department: " " })).toThrow(RangeError);
  });
});

describe("seedNumber", () => {
  it("is FNV-1a 32-bit of the UTF-8 bytes, matching the published test vectors", () => {
    // FNV test vectors (draft-eastlake-fnv): "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" → 0xbf9cf968.
    expect([seedNumber(""), seedNumber("a"), seedNumber("foobar")]).toEqual([0x811c9dc5, 0xe40c292c, 0xbf9cf968]);
  });

  it("hashes a number seed as its decimal text", () => {
    expect(seedNumber(2026)).toBe(seedNumber("2026"));
  });

  it("hashes Chinese department names by their UTF-8 bytes", () => {
    expect(seedNumber("2026:应急管理局")).not.toBe(seedNumber("2026:应急管理"));
    expect(seedNumber("2026:应急管理局")).toBe(seedNumber("2026:应急管理局"));
  });
});
