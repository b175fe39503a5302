import ExcelJS from "exceljs";
import { AppError } from "../errors";

/** A sheet as rows of cell texts; row 0 is the header. */
export type TableRows = string[][];

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF), dropping a UTF-8 BOM. */
export function parseCsv(text: string): TableRows {
  const rows: TableRows = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const input = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && input[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ""));
}

export function toCsv(rows: (string | number | null)[][]): string {
  const cell = (value: string | number | null) => {
    const text = value === null ? "" : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  // The BOM makes Excel open the file as UTF-8, so Chinese text survives.
  return `\uFEFF${rows.map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return value.result === undefined ? "" : String(value.result);
    return "";
  }
  return String(value);
}

/** Reads the first worksheet of an XLSX file. */
export async function parseXlsx(buffer: Buffer): Promise<TableRows> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw unreadable();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: TableRows = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value).trim());
    rows[rowNumber - 1] = cells;
  });
  // Keep spreadsheet row numbers: empty rows stay as empty arrays and are skipped by callers.
  return Array.from(rows, (r) => r ?? []);
}

function unreadable() {
  return new AppError("UNSUPPORTED_FILE", {
    "zh-CN": "无法读取文件：请上传 .xlsx（Excel 2007 及以上）或 UTF-8 编码的 .csv 文件，可先下载模板",
    en: "The file could not be read: upload an .xlsx (Excel 2007+) or UTF-8 .csv file; download the template first",
  });
}

/** Picks the parser from the file name or content type. */
export async function parseTableFile(fileName: string, mimeType: string, buffer: Buffer): Promise<TableRows> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".xlsx") || mimeType.includes("spreadsheetml")) return parseXlsx(buffer);
  if (lower.endsWith(".csv") || mimeType.includes("csv") || mimeType.startsWith("text/")) {
    const text = buffer.toString("utf8");
    if (text.includes("\uFFFD")) {
      throw new AppError("UNSUPPORTED_FILE", {
        "zh-CN": "CSV 文件不是 UTF-8 编码：请在 Excel 中“另存为 CSV UTF-8”后再上传",
        en: "The CSV file is not UTF-8: save it as 'CSV UTF-8' in Excel and upload again",
      });
    }
    return parseCsv(text);
  }
  throw unreadable();
}
