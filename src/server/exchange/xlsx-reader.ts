import { malformedFile, type TableLimits, tableTooLarge } from "./table-limits";
import { attribute, decodeEntities, XmlStream } from "./xml-stream";
import { readZipDirectory, unpackText, type ZipEntry } from "./zip-archive";

/** A sheet as rows of cell texts; row 0 is the header, row n is spreadsheet row n + 1. */
export type SheetRows = string[][];

/** The parts of a workbook that reading its first sheet needs. */
interface WorkbookParts {
  sheet: ZipEntry;
  sharedStrings?: ZipEntry;
  styles?: ZipEntry;
  date1904: boolean;
}

interface Relationship {
  target: string;
  type: string;
}

// ECMA-376 part 1, 18.8.30: the built-in number formats that show dates and times
// (14–22 everywhere, 27–36 and 50–58 in the East Asian locales, 45–47 times).
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/**
 * Checks an XLSX against the limits without reading any cell value: the zip
 * directory, then the first sheet streamed once for its declared dimension,
 * its rows and its cell references. Cheap enough for the request thread.
 */
export async function inspectXlsx(archive: Buffer, limits: TableLimits): Promise<void> {
  const entries = readZipDirectory(archive, limits);
  const parts = await locateParts(archive, entries, limits);
  await walkSheet(archive, parts.sheet, limits, null);
}

/** Reads the first sheet of an XLSX into cell texts (meant for a worker thread). */
export async function readXlsx(archive: Buffer, limits: TableLimits): Promise<SheetRows> {
  const entries = readZipDirectory(archive, limits);
  const parts = await locateParts(archive, entries, limits);
  const sharedStrings = parts.sharedStrings ? await readSharedStrings(archive, parts.sharedStrings, limits) : [];
  const dateStyles = parts.styles ? await readDateStyles(archive, parts.styles, limits) : new Set<number>();
  const rows: string[][] = [];
  let current: string[] = [];
  await walkSheet(archive, parts.sheet, limits, {
    cell(row, column, value) {
      const text = cellText(value, sharedStrings, dateStyles, parts.date1904).trim();
      if (text === "") return;
      if (rows[row - 1] !== current) {
        current = [];
        rows[row - 1] = current;
      }
      current[column - 1] = text;
    },
  });
  // Cells not written are empty text; rows without any cell are empty arrays, which importers skip.
  return Array.from(rows, (cells) => (cells ? Array.from(cells, (text) => text ?? "") : []));
}

async function scan(
  archive: Buffer,
  entry: ZipEntry,
  limits: TableLimits,
  handler: ConstructorParameters<typeof XmlStream>[0],
) {
  const stream = new XmlStream(handler, limits.cellChars * 8);
  for await (const text of unpackText(archive, entry)) stream.push(text);
  stream.end();
}

/** Follows the package relationships to the workbook, its first worksheet, shared strings and styles. */
async function locateParts(archive: Buffer, entries: Map<string, ZipEntry>, limits: TableLimits) {
  const missing = (name: string) => malformedFile(`缺少 ${name}`, `${name} is missing`);
  const packageRels = await readRelationships(archive, entries.get("_rels/.rels"), "", limits);
  const workbookPath =
    [...packageRels.values()].find((r) => r.type.endsWith("/officeDocument"))?.target ?? "xl/workbook.xml";
  const workbook = entries.get(workbookPath);
  if (!workbook) throw missing(workbookPath);
  const slash = workbookPath.lastIndexOf("/");
  const folder = workbookPath.slice(0, slash + 1);
  const rels = await readRelationships(
    archive,
    entries.get(`${folder}_rels/${workbookPath.slice(slash + 1)}.rels`),
    folder,
    limits,
  );
  const sheetIds: string[] = [];
  let date1904 = false;
  await scan(archive, workbook, limits, {
    open(name, tag) {
      if (name === "sheet") {
        const id = attribute(tag, "id");
        if (id) sheetIds.push(id);
      } else if (name === "workbookPr") {
        const value = attribute(tag, "date1904");
        date1904 = value === "1" || value === "true";
      }
    },
    close() {},
    text() {},
  });
  // The first worksheet in the workbook's order, as Excel shows the tabs (chart sheets are skipped).
  const sheetPath = sheetIds
    .map((id) => rels.get(id))
    .find((r) => r?.type.endsWith("/worksheet") && entries.has(r.target))?.target;
  if (!sheetPath) throw malformedFile("工作簿中没有工作表", "the workbook has no worksheet");
  const byType = (suffix: string) => {
    const target = [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;
    return target ? entries.get(target) : undefined;
  };
  return {
    sheet: entries.get(sheetPath)!,
    sharedStrings: byType("/sharedStrings"),
    styles: byType("/styles"),
    date1904,
  } satisfies WorkbookParts;
}

async function readRelationships(
  archive: Buffer,
  entry: ZipEntry | undefined,
  folder: string,
  limits: TableLimits,
): Promise<Map<string, Relationship>> {
  const relationships = new Map<string, Relationship>();
  if (!entry) return relationships;
  await scan(archive, entry, limits, {
    open(name, tag) {
      if (name !== "Relationship" || attribute(tag, "TargetMode") === "External") return;
      const id = attribute(tag, "Id");
      const target = attribute(tag, "Target");
      if (id && target)
        relationships.set(id, { target: resolvePath(folder, target), type: attribute(tag, "Type") ?? "" });
    },
    close() {},
    text() {},
  });
  return relationships;
}

/** A relationship target relative to the folder of its source part (OPC, ECMA-376 part 2, 9.3). */
function resolvePath(folder: string, target: string): string {
  const parts = (target.startsWith("/") ? target.slice(1) : folder + target).split("/");
  const resolved: string[] = [];
  for (const part of parts) {
    if (part === "..") resolved.pop();
    else if (part !== "." && part !== "") resolved.push(part);
  }
  return resolved.join("/");
}

interface CellValue {
  type: string;
  style: number;
  /** The `<v>` text, or the inline string's text. */
  raw: string;
}

interface CellSink {
  cell(row: number, column: number, value: CellValue): void;
}

/**
 * Streams one worksheet, enforcing the row and column limits on the declared
 * dimension and on every row and cell reference before anything is kept.
 */
async function walkSheet(archive: Buffer, entry: ZipEntry, limits: TableLimits, sink: CellSink | null) {
  let rowNumber = 0;
  let rowCount = 0;
  let column = 0;
  let inCell = false;
  let value: CellValue = { type: "n", style: 0, raw: "" };
  let capture: "v" | "t" | null = null;
  let captured = "";
  let inPhonetic = false;
  const checkColumn = (n: number) => {
    if (n > limits.columns) throw tableTooLarge("columns", limits.columns, n);
  };
  const checkRow = (n: number) => {
    if (n > limits.rows) throw tableTooLarge("rows", limits.rows, n);
  };
  await scan(archive, entry, limits, {
    open(name, tag) {
      switch (name) {
        case "dimension": {
          const last = (attribute(tag, "ref") ?? "").split(":").pop() ?? "";
          const reference = parseReference(last);
          if (reference) {
            checkColumn(reference.column);
            checkRow(reference.row);
          }
          break;
        }
        case "row": {
          const r = attribute(tag, "r");
          rowNumber = r === undefined ? rowNumber + 1 : Number(r);
          if (!Number.isInteger(rowNumber) || rowNumber < 1)
            throw malformedFile(`行号“${r}”无效`, `the row number "${r}" is not valid`);
          rowCount++;
          checkRow(Math.max(rowNumber, rowCount));
          column = 0;
          break;
        }
        case "c": {
          const r = attribute(tag, "r");
          if (r === undefined) column++;
          else {
            const reference = parseReference(r);
            if (!reference) throw malformedFile(`单元格引用“${r}”无效`, `the cell reference "${r}" is not valid`);
            column = reference.column;
            checkRow(reference.row);
          }
          checkColumn(column);
          if (rowNumber === 0) throw malformedFile("单元格不在任何行中", "a cell lies outside any row");
          inCell = true;
          value = { type: attribute(tag, "t") ?? "n", style: Number(attribute(tag, "s") ?? 0), raw: "" };
          break;
        }
        case "v":
          if (inCell) {
            capture = "v";
            captured = "";
          }
          break;
        case "t":
          if (inCell && !inPhonetic) {
            capture = "t";
            captured = "";
          }
          break;
        case "rPh":
          inPhonetic = true;
          break;
      }
    },
    close(name) {
      switch (name) {
        case "v":
        case "t":
          if (capture === name) value.raw += decodeEntities(captured);
          capture = null;
          break;
        case "rPh":
          inPhonetic = false;
          break;
        case "c":
          if (inCell && sink) sink.cell(rowNumber, column, value);
          inCell = false;
          break;
      }
    },
    text(raw) {
      if (!capture) return;
      captured += raw;
      if (captured.length > limits.cellChars * 8) throw cellTooLong(limits);
    },
  });
}

const cellTooLong = (limits: TableLimits) =>
  malformedFile(`单元格超过 ${limits.cellChars} 个字符`, `a cell holds more than ${limits.cellChars} characters`);

/** "B7" or "$B$7" as column and row numbers; undefined when it is not a cell reference. */
function parseReference(reference: string): { column: number; row: number } | undefined {
  const match = /^\$?([A-Za-z]{1,7})\$?(\d{1,10})$/.exec(reference);
  if (!match) return undefined;
  let column = 0;
  for (const letter of match[1].toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return { column, row: Number(match[2]) };
}

async function readSharedStrings(archive: Buffer, entry: ZipEntry, limits: TableLimits): Promise<string[]> {
  const strings: string[] = [];
  let current = "";
  let capturing = false;
  let captured = "";
  let inPhonetic = false;
  await scan(archive, entry, limits, {
    open(name) {
      if (name === "si") current = "";
      else if (name === "t" && !inPhonetic) {
        capturing = true;
        captured = "";
      } else if (name === "rPh") inPhonetic = true;
    },
    close(name) {
      if (name === "t" && capturing) {
        current += decodeEntities(captured);
        capturing = false;
        if (current.length > limits.cellChars * 8) throw cellTooLong(limits);
      } else if (name === "rPh") inPhonetic = false;
      else if (name === "si") strings.push(current);
    },
    text(raw) {
      if (!capturing) return;
      captured += raw;
      if (captured.length > limits.cellChars * 8) throw cellTooLong(limits);
    },
  });
  return strings;
}

/** The cell style indexes whose number format shows a date, so their serial numbers read as dates. */
async function readDateStyles(archive: Buffer, entry: ZipEntry, limits: TableLimits): Promise<Set<number>> {
  const customDates = new Set<number>();
  const styleFormats: number[] = [];
  let inCellFormats = false;
  await scan(archive, entry, limits, {
    open(name, tag) {
      if (name === "numFmt") {
        const id = Number(attribute(tag, "numFmtId"));
        if (isDateFormatCode(attribute(tag, "formatCode") ?? "")) customDates.add(id);
      } else if (name === "cellXfs") inCellFormats = true;
      else if (name === "xf" && inCellFormats) styleFormats.push(Number(attribute(tag, "numFmtId") ?? 0));
    },
    close(name) {
      if (name === "cellXfs") inCellFormats = false;
    },
    text() {},
  });
  const dateStyles = new Set<number>();
  styleFormats.forEach((id, index) => {
    if (DATE_FORMAT_IDS.has(id) || customDates.has(id)) dateStyles.add(index);
  });
  return dateStyles;
}

/** A custom format shows a date when, outside quoted text and [colour/condition] blocks, it has d, m, y, h or s. */
function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\\./g, "");
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

function cellText(value: CellValue, sharedStrings: string[], dateStyles: Set<number>, date1904: boolean): string {
  const raw = value.raw;
  switch (value.type) {
    case "s": {
      const text = sharedStrings[Number(raw)];
      if (text === undefined)
        throw malformedFile(
          `引用了不存在的共享字符串 ${raw}`,
          `a cell refers to shared string ${raw}, which is missing`,
        );
      return text;
    }
    case "inlineStr":
    case "str":
      return raw;
    case "b":
      return raw === "1" || raw === "true" ? "true" : "false";
    case "e":
      return "";
    case "d": {
      const date = new Date(raw);
      return Number.isNaN(date.getTime()) ? raw : date.toISOString();
    }
    default: {
      if (raw === "") return "";
      const number = Number(raw);
      if (!Number.isFinite(number)) return raw;
      if (dateStyles.has(value.style)) {
        // Serial day numbers count from 1899-12-30 (1900 system) or 1904-01-01 (ECMA-376 part 1, 18.17.4.1).
        const epochDays = date1904 ? 24107 : 25569;
        return new Date(Math.round((number - epochDays) * 86_400_000)).toISOString();
      }
      return String(number);
    }
  }
}
