import PDFDocument from "pdfkit";
import { riskLevelOf } from "../../../domain/reference/risk-levels";
import type { Locale } from "../../errors";
import { drawText, measureText, wrapText } from "../risk-register/pdf/cjk-text";
import { pdfBuffer } from "../risk-register/pdf/pdf-buffer";
import { type CockpitTable, cockpitTables } from "./cockpit-tables";
import type { CockpitFigures } from "./schema";

// A4 portrait in points; a 15 mm margin.
const PAGE = { width: 595.28, height: 841.89, margin: 42 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin - 14;
const CELL = { size: 8, lineHeight: 1.4, padding: 3 };
const LINE = CELL.size * CELL.lineHeight;
const BORDER = "#8c8c8c";
/** A column is never narrower than this, nor wider than this share of the page. */
const MIN_COLUMN = 36;
const MAX_COLUMN_SHARE = 0.45;

/**
 * The cockpit as a printable report: a title naming the area and period, then every panel as a bordered table
 * (level cells filled with their colour and named, for black-and-white copies), headers repeated on a new page.
 */
export async function buildCockpitPdf(figures: CockpitFigures, locale: Locale): Promise<Buffer> {
  const zh = locale !== "en";
  const title = zh
    ? `${figures.territory.name} 安全生产监管驾驶舱报告`
    : `${figures.territory.name}: work-safety cockpit report`;
  const doc = new PDFDocument({
    size: "A4",
    margin: 0,
    bufferPages: true,
    info: { Title: title, Creator: "DualGuard" },
  });
  let y = PAGE.margin;
  y += drawText(doc, title, { x: PAGE.margin, y, width: CONTENT_WIDTH, size: 15, weight: "bold", align: "center" });
  const subtitle = zh
    ? `隐患统计期：${figures.period.label}　生成时间：${figures.generatedAt.slice(0, 16).replace("T", " ")} UTC`
    : `Hidden-danger period: ${figures.period.label}   Generated: ${figures.generatedAt.slice(0, 16).replace("T", " ")} UTC`;
  y += drawText(doc, subtitle, {
    x: PAGE.margin,
    y,
    width: CONTENT_WIDTH,
    size: 8.5,
    colour: "#404040",
    align: "center",
  });
  y += 8;
  for (const table of cockpitTables(figures, locale)) y = drawTable(doc, table, y);

  const { start, count } = doc.bufferedPageRange();
  for (let page = start; page < start + count; page++) {
    doc.switchToPage(page);
    drawText(doc, zh ? `第 ${page + 1} 页，共 ${count} 页` : `Page ${page + 1} of ${count}`, {
      x: PAGE.margin,
      y: PAGE.height - PAGE.margin,
      width: CONTENT_WIDTH,
      size: 7.5,
      align: "center",
      colour: "#595959",
    });
  }
  return pdfBuffer(doc);
}

/** Column widths from the longest entry of each column, scaled to the page. */
function columnWidths(table: CockpitTable): number[] {
  const natural = table.columns.map((column, index) => {
    const longest = Math.max(
      measureText(column, CELL.size, "bold"),
      ...table.rows.map((cells) => measureText(String(cells[index] ?? ""), CELL.size)),
    );
    return Math.min(CONTENT_WIDTH * MAX_COLUMN_SHARE, Math.max(MIN_COLUMN, longest + 2 * CELL.padding));
  });
  const total = natural.reduce((sum, width) => sum + width, 0);
  return natural.map((width) => (width / total) * CONTENT_WIDTH);
}

function drawTable(doc: PDFKit.PDFDocument, table: CockpitTable, top: number): number {
  const widths = columnWidths(table);
  const wrap = (cells: (string | number)[], weight: "regular" | "bold") =>
    cells.map((cell, index) => wrapText(String(cell), widths[index] - 2 * CELL.padding, CELL.size, weight));
  const heightOf = (lines: string[][]) => Math.max(1, ...lines.map((cell) => cell.length)) * LINE + 2 * CELL.padding;
  const header = wrap(table.columns, "bold");
  const titleHeight = 22;
  let y = top;
  // A section starts on a new page unless its title, header and first row fit.
  const firstRow = table.rows[0] ? heightOf(wrap(table.rows[0], "regular")) : LINE;
  if (y + titleHeight + heightOf(header) + firstRow > BOTTOM) {
    doc.addPage();
    y = PAGE.margin;
  }
  y += 6;
  y += drawText(doc, table.title, { x: PAGE.margin, y, width: CONTENT_WIDTH, size: 11, weight: "bold" }) + 2;
  y = drawRow(doc, header, widths, y, heightOf(header), { fill: "#e8e8e8", weight: "bold" });
  table.rows.forEach((cells, index) => {
    const lines = wrap(cells, "regular");
    const height = heightOf(lines);
    if (y + height > BOTTOM) {
      doc.addPage();
      y = drawRow(doc, header, widths, PAGE.margin, heightOf(header), { fill: "#e8e8e8", weight: "bold" });
    }
    const level = table.levels?.[index];
    y = drawRow(doc, lines, widths, y, height, {
      weight: "regular",
      levelColumn: level ? table.levelColumn : undefined,
      levelFill: level ? riskLevelOf(level).hex : undefined,
      levelText: level ? riskLevelOf(level).textHex : undefined,
    });
  });
  if (table.note) {
    if (y + LINE * 2 > BOTTOM) {
      doc.addPage();
      y = PAGE.margin;
    }
    y += drawText(doc, table.note, { x: PAGE.margin, y: y + 3, width: CONTENT_WIDTH, size: 8, colour: "#595959" }) + 3;
  }
  return y + 8;
}

function drawRow(
  doc: PDFKit.PDFDocument,
  lines: string[][],
  widths: number[],
  y: number,
  height: number,
  style: {
    weight: "regular" | "bold";
    fill?: string;
    levelColumn?: number;
    levelFill?: string;
    levelText?: string;
  },
): number {
  let x = PAGE.margin;
  doc.lineWidth(0.5);
  lines.forEach((cell, index) => {
    const width = widths[index];
    const isLevel = index === style.levelColumn && style.levelFill;
    const fill = isLevel ? style.levelFill : style.fill;
    if (fill) doc.rect(x, y, width, height).fillAndStroke(fill, BORDER);
    else doc.rect(x, y, width, height).stroke(BORDER);
    drawText(doc, cell.join("\n"), {
      x: x + CELL.padding,
      y: y + CELL.padding,
      width: width - 2 * CELL.padding,
      size: CELL.size,
      lineHeight: CELL.lineHeight,
      weight: isLevel ? "bold" : style.weight,
      colour: isLevel ? style.levelText : undefined,
    });
    x += width;
  });
  return y + height;
}
