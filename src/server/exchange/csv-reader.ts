import { type TableLimits, tableTooLarge } from "./table-limits";

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Counts the records and the widest record of a CSV without building a
 * single string, so a file with a million columns is refused before parsing.
 */
export function inspectCsv(bytes: Uint8Array, limits: Pick<TableLimits, "rows" | "columns">): void {
  let rows = 0;
  let fields = 1;
  let widest = 0;
  let quoted = false;
  let empty = true;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (quoted) {
      if (byte === QUOTE) {
        if (bytes[i + 1] === QUOTE) i++;
        else quoted = false;
      }
      continue;
    }
    if (byte === QUOTE) {
      quoted = true;
      empty = false;
    } else if (byte === COMMA) {
      fields++;
      empty = false;
    } else if (byte === LF || byte === CR) {
      if (byte === CR && bytes[i + 1] === LF) i++;
      widest = Math.max(widest, fields);
      rows++;
      fields = 1;
      empty = true;
    } else empty = false;
  }
  if (!empty) {
    widest = Math.max(widest, fields);
    rows++;
  }
  if (widest > limits.columns) throw tableTooLarge("columns", limits.columns, widest);
  if (rows > limits.rows) throw tableTooLarge("rows", limits.rows, rows);
}

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF), dropping a
 * UTF-8 BOM and blank lines; stops at the first record past the limits.
 */
export function parseCsv(text: string, limits: Pick<TableLimits, "rows" | "columns">): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const input = text.replace(/^\uFEFF/, "");
  const pushField = () => {
    if (row.length >= limits.columns) throw tableTooLarge("columns", limits.columns, row.length + 1);
    row.push(field);
    field = "";
  };
  const pushRow = () => {
    if (rows.length >= limits.rows) throw tableTooLarge("rows", limits.rows, rows.length + 1);
    rows.push(row);
    row = [];
  };
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
    else if (ch === ",") pushField();
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && input[i + 1] === "\n") i++;
      pushField();
      pushRow();
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    pushField();
    pushRow();
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ""));
}
