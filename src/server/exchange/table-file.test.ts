import { describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "./table-file";

describe("CSV", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks", () => {
    expect(parseCsv('a,b\r\n"x, y","he said ""hi""\nok"\n')).toEqual([
      ["a", "b"],
      ["x, y", 'he said "hi"\nok'],
    ]);
  });

  it("drops the BOM and blank lines", () => {
    expect(parseCsv("\uFEFF名称,代码\n\n甲,1\n")).toEqual([
      ["名称", "代码"],
      ["甲", "1"],
    ]);
  });

  it("round-trips what it writes", () => {
    const rows = [
      ["名称", "备注"],
      ["滨江化工", 'a "quoted", value'],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});
