import type { Kysely } from "kysely";
import PDFDocument from "pdfkit";
import { MEASURE_KINDS } from "../../../../domain/risk/vocabulary";
import type { DB } from "../../../db/schema";
import type { Locale } from "../../../errors";
import type { ControlListFilter } from "../export-control-list";
import { loadRiskPoint } from "../risk-point-queries";
import { drawText, type FontWeight, wrapText } from "./cjk-text";
import { pdfBuffer } from "./pdf-buffer";
import {
  accidentTypeName,
  controlLevelName,
  type LevelLabel,
  levelLabel,
  measureKindName,
  printDate,
} from "./print-labels";

// The same columns as the XLSX control list (export-control-list.ts); widths are its column widths, scaled to the page.
const COLUMNS: { zh: string; en: string; width: number }[] = [
  { zh: "风险点", en: "Risk point", width: 18 },
  { zh: "所属单元", en: "Unit", width: 12 },
  { zh: "危险源（危险有害因素）", en: "Hazards", width: 30 },
  { zh: "可能导致的事故类型", en: "Accident types", width: 18 },
  { zh: "风险等级", en: "Risk level", width: 12 },
  { zh: "管控层级", en: "Control level", width: 12 },
  { zh: "管控单位", en: "Controlling unit", width: 14 },
  { zh: "责任人", en: "Responsible person", width: 12 },
  ...MEASURE_KINDS.map((kind) => ({ ...measureKindName(kind), width: kind === "engineering" ? 28 : 24 })),
];
const LEVEL_COLUMN = 4;

// A4 landscape in points; a 10 mm margin.
const PAGE = { width: 841.89, height: 595.28, margin: 28 };
const TABLE_WIDTH = PAGE.width - 2 * PAGE.margin;
const TABLE_BOTTOM = PAGE.height - PAGE.margin - 14;
const COLUMN_WIDTHS = (() => {
  const total = COLUMNS.reduce((sum, column) => sum + column.width, 0);
  return COLUMNS.map((column) => (column.width / total) * TABLE_WIDTH);
})();
const CELL = { size: 7.5, lineHeight: 1.4, padding: 3 };
const LINE = CELL.size * CELL.lineHeight;
const BORDER = "#404040";

interface ListRow {
  cells: string[];
  level: LevelLabel;
}

export interface ControlListPdfOptions {
  locale: Locale;
  /** The date printed in the title; today in China Standard Time by default. */
  at?: Date;
}

/**
 * The enterprise's risk classification control list as a landscape A4 table:
 * one row per risk point, most severe first, the level cell filled with its
 * colour, the column header repeated and the page numbered on every page.
 */
export async function buildControlListPdf(
  db: Kysely<DB>,
  owner: { id: string; name: string },
  filter: ControlListFilter,
  options: ControlListPdfOptions,
): Promise<Buffer> {
  const zh = options.locale !== "en";
  const rows = await controlListRows(db, owner.id, filter, zh);
  const title = zh ? `${owner.name} 安全风险分级管控清单` : `${owner.name}: risk classification control list`;
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 0,
    bufferPages: true,
    info: { Title: title, Author: owner.name, Creator: "DualGuard" },
  });
  const subtitle = describeFilter(filter, rows.length, printDate(options.at), zh);

  let y = startPage(doc, title, subtitle, zh);
  const tableTop = y;
  if (rows.length === 0) {
    drawText(doc, zh ? "没有符合条件的风险点。" : "No risk point matches.", {
      x: PAGE.margin,
      y: y + 8,
      width: TABLE_WIDTH,
      size: 9,
    });
  }
  for (const row of rows) {
    let lines = row.cells.map((text, index) =>
      wrapText(text, COLUMN_WIDTHS[index] - 2 * CELL.padding, CELL.size, weightOf(index)),
    );
    for (;;) {
      const needed = rowHeight(lines);
      if (y + needed <= TABLE_BOTTOM) {
        drawRow(doc, lines, row.level, y, needed);
        y += needed;
        break;
      }
      const fitting = Math.floor((TABLE_BOTTOM - y - 2 * CELL.padding) / LINE);
      const fitsOnFreshPage = tableTop + needed <= TABLE_BOTTOM;
      if (y > tableTop && (fitsOnFreshPage || fitting < 3)) {
        doc.addPage();
        y = startPage(doc, title, subtitle, zh);
        continue;
      }
      // A row taller than a whole page is split, the rest continuing under the next page's header
      // with the point's name and level repeated (a few lines at most, so the rest always shrinks).
      const head = lines.map((cell) => cell.slice(0, fitting));
      drawRow(doc, head, row.level, y, rowHeight(head));
      lines = lines.map((cell, index) =>
        index === 0 || index === LEVEL_COLUMN ? head[index].slice(0, 3) : cell.slice(fitting),
      );
      doc.addPage();
      y = startPage(doc, title, subtitle, zh);
    }
  }

  const { start, count } = doc.bufferedPageRange();
  for (let page = start; page < start + count; page++) {
    doc.switchToPage(page);
    drawText(doc, zh ? `第 ${page + 1} 页，共 ${count} 页` : `Page ${page + 1} of ${count}`, {
      x: PAGE.margin,
      y: PAGE.height - PAGE.margin,
      width: TABLE_WIDTH,
      size: 7.5,
      align: "center",
      colour: "#595959",
    });
  }
  return pdfBuffer(doc);
}

async function controlListRows(
  db: Kysely<DB>,
  ownerId: string,
  filter: ControlListFilter,
  zh: boolean,
): Promise<ListRow[]> {
  let query = db.selectFrom("risk_point").select("id").where("owner_id", "=", ownerId);
  if (filter.level) query = query.where("level", "=", filter.level);
  if (filter.unit) query = query.where("unit", "=", filter.unit);
  const ids = await query.orderBy("level").orderBy("name").execute();
  const name = (names: { zh: string; en: string }) => (zh ? names.zh : names.en);
  const numbered = (items: string[]) => items.map((item, index) => `${index + 1}. ${item}`).join("\n");
  const rows: ListRow[] = [];
  for (const { id } of ids) {
    const point = (await loadRiskPoint(db, ownerId, id))!;
    const level = levelLabel(point.level);
    const controlLevel = controlLevelName(point.controlLevel);
    const accidentCodes = [...new Set(point.hazards.flatMap((hazard) => hazard.accidentTypes))];
    rows.push({
      level,
      cells: [
        point.name,
        point.unit,
        numbered(point.hazards.map((hazard) => hazard.description)),
        accidentCodes.map((code) => name(accidentTypeName(code))).join(zh ? "、" : ", "),
        // The colour is named too, for copies printed in black and white.
        level.colourName ? `${name(level.name)}\n（${name(level.colourName)}）` : name(level.name),
        controlLevel ? name(controlLevel) : "",
        point.controllingUnit,
        point.responsiblePerson,
        ...MEASURE_KINDS.map((kind) =>
          numbered(point.measures.filter((measure) => measure.kind === kind).map((measure) => measure.content)),
        ),
      ],
    });
  }
  return rows;
}

function describeFilter(filter: ControlListFilter, count: number, date: string, zh: boolean): string {
  const parts = [zh ? `编制日期：${date}` : `Date: ${date}`];
  if (filter.level) {
    const level = levelLabel(filter.level).name;
    parts.push(zh ? `风险等级：${level.zh}` : `Risk level: ${level.en}`);
  }
  if (filter.unit) parts.push(zh ? `所属单元：${filter.unit}` : `Unit: ${filter.unit}`);
  parts.push(zh ? `共 ${count} 个风险点` : `${count} risk point${count === 1 ? "" : "s"}`);
  return parts.join(zh ? "　" : "   ");
}

function weightOf(column: number): FontWeight {
  return column === 0 || column === LEVEL_COLUMN ? "bold" : "regular";
}

function rowHeight(lines: string[][]): number {
  return Math.max(1, ...lines.map((cell) => cell.length)) * LINE + 2 * CELL.padding;
}

/** Title, filter line and the column header; returns where the first row goes. */
function startPage(doc: PDFKit.PDFDocument, title: string, subtitle: string, zh: boolean): number {
  let y = PAGE.margin;
  y += drawText(doc, title, { x: PAGE.margin, y, width: TABLE_WIDTH, size: 14, weight: "bold", align: "center" });
  y += drawText(doc, subtitle, { x: PAGE.margin, y, width: TABLE_WIDTH, size: 8, colour: "#404040" }) + 2;
  const header = COLUMNS.map((column, index) =>
    wrapText(zh ? column.zh : column.en, COLUMN_WIDTHS[index] - 2 * CELL.padding, CELL.size, "bold"),
  );
  const height = rowHeight(header);
  let x = PAGE.margin;
  doc.lineWidth(0.5);
  header.forEach((lines, index) => {
    const width = COLUMN_WIDTHS[index];
    doc.rect(x, y, width, height).fillAndStroke("#e8e8e8", BORDER);
    const textHeight = lines.length * LINE;
    drawText(doc, lines.join("\n"), {
      x: x + CELL.padding,
      y: y + (height - textHeight) / 2,
      width: width - 2 * CELL.padding,
      size: CELL.size,
      lineHeight: CELL.lineHeight,
      weight: "bold",
      align: "center",
    });
    x += width;
  });
  return y + height;
}

function drawRow(doc: PDFKit.PDFDocument, lines: string[][], level: LevelLabel, y: number, height: number): void {
  let x = PAGE.margin;
  lines.forEach((cell, index) => {
    const width = COLUMN_WIDTHS[index];
    const isLevel = index === LEVEL_COLUMN;
    if (isLevel) doc.rect(x, y, width, height).fillAndStroke(level.hex, BORDER);
    else doc.rect(x, y, width, height).stroke(BORDER);
    drawText(doc, cell.join("\n"), {
      x: x + CELL.padding,
      y: y + CELL.padding,
      width: width - 2 * CELL.padding,
      size: CELL.size,
      lineHeight: CELL.lineHeight,
      weight: weightOf(index),
      colour: isLevel ? level.textHex : undefined,
      align: isLevel ? "center" : "left",
    });
    x += width;
  });
}
