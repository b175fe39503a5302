import ExcelJS from "exceljs";
import { riskLevelOf } from "../../../domain/reference/risk-levels";
import type { Locale } from "../../errors";
import { cockpitTables } from "./cockpit-tables";
import type { CockpitFigures } from "./schema";

const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;

/** The cockpit as a workbook: one sheet per panel, a title row naming the area and period, level cells in colour. */
export async function buildCockpitWorkbook(figures: CockpitFigures, locale: Locale): Promise<Buffer> {
  const zh = locale !== "en";
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "DualGuard";
  workbook.created = new Date(figures.generatedAt);
  for (const table of cockpitTables(figures, locale)) {
    const sheet = workbook.addWorksheet(table.title, {
      pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    const width = Math.max(table.columns.length, 2);
    sheet.mergeCells(1, 1, 1, width);
    const title = sheet.getCell(1, 1);
    title.value = zh
      ? `${figures.territory.name} 监管驾驶舱：${table.title}（${figures.period.label}）`
      : `${figures.territory.name} cockpit: ${table.title} (${figures.period.label})`;
    title.font = { bold: true, size: 13 };
    const header = sheet.addRow(table.columns);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: "middle" };
    table.columns.forEach((column, index) => {
      // Wide enough for the longest entry (a CJK character takes about two widths), within reason.
      const longest = Math.max(column.length, ...table.rows.map((cells) => String(cells[index] ?? "").length));
      sheet.getColumn(index + 1).width = Math.min(60, Math.max(10, longest * (zh ? 2 : 1.1) + 2));
    });
    table.rows.forEach((cells, index) => {
      const row = sheet.addRow(cells);
      row.alignment = { wrapText: true, vertical: "top" };
      const level = table.levels?.[index];
      if (table.levelColumn !== undefined && level) {
        const item = riskLevelOf(level);
        const cell = row.getCell(table.levelColumn + 1);
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(item.hex) } };
        cell.font = { bold: true, color: { argb: argb(item.textHex) } };
      }
    });
    if (table.note) sheet.addRow([table.note]).font = { italic: true, color: { argb: "FF595959" } };
    sheet.views = [{ state: "frozen", ySplit: 2 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
