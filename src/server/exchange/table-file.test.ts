import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { deflateRepeated, sheetXml, workbookParts, xlsxOfRows, zipOf } from "../testing/hostile-files";
import { parseCsv, parseTableFile, toCsv } from "./table-file";
import { TABLE_LIMITS } from "./table-limits";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The AppError a promise rejects with, as code, status and the English message. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return {
    code: error.code,
    status: error.status,
    message: error.text.en,
    zh: error.text["zh-CN"],
    details: error.details,
  };
}

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

  it("refuses a CSV with a million columns before parsing it, naming the limit and the width found", async () => {
    const csv = Buffer.from(`${"a,".repeat(999_999)}a\n`);
    const refused = await refusal(parseTableFile("wide.csv", "text/csv", csv));
    expect(refused).toMatchObject({ code: "TABLE_TOO_LARGE", status: 422 });
    expect(refused.message).toContain("at most 200 columns");
    expect(refused.message).toContain("1,000,000");
    expect(refused.zh).toContain("最多 200 列");
  });

  it("refuses a CSV with more rows than the limit", async () => {
    const csv = Buffer.from("名称\n".repeat(TABLE_LIMITS.rows + 1));
    const refused = await refusal(parseTableFile("long.csv", "text/csv", csv));
    expect(refused).toMatchObject({ code: "TABLE_TOO_LARGE", status: 422 });
    expect(refused.message).toContain("at most 50,000 rows");
  });

  it("parses in the worker and still says when the file is not UTF-8", async () => {
    const gbk = Buffer.from([0xc3, 0xfb, 0xb3, 0xc6, 0x0a]);
    expect(await refusal(parseTableFile("gbk.csv", "text/csv", gbk))).toMatchObject({ code: "UNSUPPORTED_FILE" });
    expect(await parseTableFile("ok.csv", "text/csv", Buffer.from("名称,代码\n甲,1\n"))).toEqual([
      ["名称", "代码"],
      ["甲", "1"],
    ]);
  });
});

describe("XLSX", () => {
  it("reads shared and inline strings, rich text, numbers, booleans, formula results and dates as Excel stores them", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("企业");
    sheet.addRow(["名称", "数量", "备注"]);
    sheet.addRow(["  滨江化工 ", 12.5, { richText: [{ text: "液氯" }, { text: "储罐", font: { bold: true } }] }]);
    sheet.addRow([true, { formula: "1+1", result: 2 }, new Date("2026-05-01T00:00:00Z")]);
    sheet.getCell("A5").value = { text: "网站", hyperlink: "https://example.test" };
    sheet.getCell("C5").value = "a < b & c";
    workbook.addWorksheet("second").addRow(["not read"]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await parseTableFile("企业.xlsx", XLSX_TYPE, buffer)).toEqual([
      ["名称", "数量", "备注"],
      ["滨江化工", "12.5", "液氯储罐"],
      ["true", "2", "2026-05-01T00:00:00.000Z"],
      [],
      ["网站", "", "a < b & c"],
    ]);
  });

  it("reads a sheet whose drop-down list and merged cells cover the whole sheet without expanding them cell by cell", async () => {
    // A DOM reader turns sqref="A1:XFD1048576" into 17 billion entries; only cells are read here.
    const rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c></row>';
    const xml = sheetXml(rows).replace(
      "</sheetData>",
      '</sheetData><mergeCells count="1"><mergeCell ref="B2:XFD1048576"/></mergeCells><dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"甲,乙"</formula1></dataValidation></dataValidations>',
    );
    const file = zipOf(workbookParts({ name: "", content: Buffer.from(xml) }));
    expect(await parseTableFile("list.xlsx", XLSX_TYPE, file)).toEqual([["名称"]]);
  });

  it("refuses a 5 kB workbook whose only cell is XFD1048576 before parsing it, naming the limit", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("a").getCell("XFD1048576").value = "x";
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(buffer.length).toBeLessThan(10_000);
    const refused = await refusal(parseTableFile("far.xlsx", XLSX_TYPE, buffer));
    expect(refused).toMatchObject({ code: "TABLE_TOO_LARGE", status: 422, details: { limit: "columns" } });
    expect(refused.message).toContain("at most 200 columns");
    expect(refused.message).toContain("16,384");
  });

  it("refuses a sheet by its declared dimension, and by a row past the limit even when the dimension is small", async () => {
    const declared = xlsxOfRows([["名称"]], "A1:B1048576");
    expect(await refusal(parseTableFile("d.xlsx", XLSX_TYPE, declared))).toMatchObject({
      code: "TABLE_TOO_LARGE",
      details: { limit: "rows", found: 1_048_576 },
    });
    const far = zipOf(
      workbookParts({
        name: "",
        content: Buffer.from(sheetXml('<row r="1"><c r="A1"><v>1</v></c></row><row r="900000"/>')),
      }),
    );
    expect(await refusal(parseTableFile("r.xlsx", XLSX_TYPE, far))).toMatchObject({
      code: "TABLE_TOO_LARGE",
      details: { limit: "rows", found: 900_000 },
    });
  });

  it("refuses a sheet with more rows than the limit", async () => {
    const rows = Array.from({ length: TABLE_LIMITS.rows + 1 }, (_, i) => `<row><c><v>${i}</v></c></row>`).join("");
    const file = zipOf(workbookParts({ name: "", content: Buffer.from(sheetXml(rows)) }));
    const refused = await refusal(parseTableFile("long.xlsx", XLSX_TYPE, file));
    expect(refused).toMatchObject({ code: "TABLE_TOO_LARGE", status: 422, details: { limit: "rows", found: 50_001 } });
  });

  it("refuses a zip bomb by its declared size before unpacking anything", async () => {
    // 200 MB of spaces packed into a few hundred kilobytes.
    const packed = await deflateRepeated(Buffer.alloc(1024 * 1024, 0x20), 200);
    const bomb = zipOf(workbookParts({ name: "", packed, declaredBytes: 200 * 1024 * 1024 }));
    expect(bomb.length).toBeLessThan(TABLE_LIMITS.fileBytes);
    const refused = await refusal(parseTableFile("bomb.xlsx", XLSX_TYPE, bomb));
    expect(refused).toMatchObject({ code: "FILE_TOO_LARGE", status: 413, details: { limit: "unpackedBytes" } });
    expect(refused.message).toContain("100 MB unpacked");
  });

  it("refuses an entry packed more tightly than the compression ratio allows", async () => {
    const packed = await deflateRepeated(Buffer.alloc(1024 * 1024, 0x20), 20);
    const file = zipOf(workbookParts({ name: "", packed, declaredBytes: 20 * 1024 * 1024 }));
    expect(await refusal(parseTableFile("dense.xlsx", XLSX_TYPE, file))).toMatchObject({
      code: "FILE_TOO_LARGE",
      details: { limit: "compressionRatio" },
    });
  });

  it("stops unpacking an entry that yields more than its directory declares", async () => {
    const packed = await deflateRepeated(Buffer.alloc(1024 * 1024, 0x20), 50);
    const liar = zipOf(workbookParts({ name: "", packed, declaredBytes: 1000 }));
    const refused = await refusal(parseTableFile("liar.xlsx", XLSX_TYPE, liar));
    expect(refused).toMatchObject({ code: "FILE_TOO_LARGE", status: 413, details: { limit: "unpackedBytes" } });
    expect(refused.message).toContain("unpacks to more than the 1000 bytes it declares");
  });

  it("refuses an archive with more entries than the limit", async () => {
    const parts = workbookParts({ name: "", content: Buffer.from(sheetXml("")) });
    for (let i = 0; i < TABLE_LIMITS.zipEntries; i++)
      parts.push({ name: `xl/media/${i}.txt`, content: Buffer.from("x") });
    const refused = await refusal(parseTableFile("many.xlsx", XLSX_TYPE, zipOf(parts)));
    expect(refused).toMatchObject({ code: "FILE_TOO_LARGE", status: 413, details: { limit: "zipEntries" } });
    expect(refused.message).toContain("500 zip entries");
  });

  it("refuses a damaged archive with 422 and a file that is not a zip at all with 415", async () => {
    const good = xlsxOfRows([["名称"]]);
    const cut = Buffer.concat([good.subarray(0, 40), good.subarray(good.length - 22)]);
    expect(await refusal(parseTableFile("cut.xlsx", XLSX_TYPE, cut))).toMatchObject({
      code: "MALFORMED_FILE",
      status: 422,
    });
    expect(await refusal(parseTableFile("old.xlsx", XLSX_TYPE, Buffer.from("\xd0\xcf\x11\xe0 an xls")))).toMatchObject({
      code: "UNSUPPORTED_FILE",
      status: 415,
    });
  });

  it("parses in a worker with its own memory cap: a file needing more than the cap is refused and this process lives", async () => {
    const rows = Array.from(
      { length: 12_000 },
      (_, r) => `<row>${Array.from({ length: 50 }, (_, c) => `<c><v>${r * 50 + c}</v></c>`).join("")}</row>`,
    ).join("");
    const file = zipOf(workbookParts({ name: "", content: Buffer.from(sheetXml(rows)) }));
    const refused = await refusal(parseTableFile("big.xlsx", XLSX_TYPE, file, { ...TABLE_LIMITS, workerMemoryMb: 16 }));
    expect(refused).toMatchObject({ code: "FILE_TOO_LARGE", status: 413, details: { limit: "workerMemoryMb" } });
    expect(await parseTableFile("small.xlsx", XLSX_TYPE, xlsxOfRows([["名称"], ["甲"]]))).toEqual([["名称"], ["甲"]]);
  });

  it("gives the reader a time limit", async () => {
    const refused = await refusal(
      parseTableFile("slow.xlsx", XLSX_TYPE, xlsxOfRows([["名称"]]), { ...TABLE_LIMITS, workerSeconds: 0.001 }),
    );
    expect(refused).toMatchObject({ code: "FILE_TOO_LARGE", status: 413, details: { limit: "workerSeconds" } });
  });
});
