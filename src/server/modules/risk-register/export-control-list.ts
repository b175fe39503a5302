import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import { accidentTypes } from "../../../domain/reference/accident-types";
import { type RiskLevel, riskLevelOf } from "../../../domain/reference/risk-levels";
import { MEASURE_KIND_LABELS, MEASURE_KINDS } from "../../../domain/risk/vocabulary";
import type { DB } from "../../db/schema";
import type { Locale } from "../../errors";
import { loadRiskPoint } from "./risk-point-queries";

const MEASURE_COLUMN_WIDTHS = { engineering: 28, management: 28, training: 24, protection: 24, emergency: 28 };

const CONTROL_LEVEL_NAMES: Record<string, [string, string]> = {
  company: ["公司级", "Company"],
  department: ["部门级", "Department"],
  workshop: ["车间级", "Workshop"],
  team: ["班组级", "Team"],
  post: ["岗位级", "Post"],
};

// The columns of the risk classification control list: each risk point with its hazards, accident types and level,
// the level and unit that control it, who is responsible, and its control measures by kind.
const COLUMNS: { key: string; zh: string; en: string; width: number }[] = [
  { key: "point", zh: "风险点", en: "Risk point", width: 18 },
  { key: "unit", zh: "所属单元", en: "Unit", width: 12 },
  { key: "hazards", zh: "危险源（危险有害因素）", en: "Hazards", width: 30 },
  { key: "accidents", zh: "可能导致的事故类型", en: "Accident types", width: 18 },
  { key: "level", zh: "风险等级", en: "Risk level", width: 12 },
  { key: "controlLevel", zh: "管控层级", en: "Control level", width: 10 },
  { key: "controllingUnit", zh: "管控单位", en: "Controlling unit", width: 14 },
  { key: "responsible", zh: "责任人", en: "Responsible person", width: 12 },
  ...MEASURE_KINDS.map((kind) => ({
    key: kind,
    zh: MEASURE_KIND_LABELS[kind]["zh-CN"],
    en: MEASURE_KIND_LABELS[kind].en,
    width: MEASURE_COLUMN_WIDTHS[kind],
  })),
];

export interface ControlListFilter {
  level?: number;
  unit?: string;
}

/**
 * The enterprise's risk classification control list as XLSX: one row per risk
 * point, most severe first, the level cell filled with its colour.
 */
export async function exportControlList(
  db: Kysely<DB>,
  owner: { id: string; name: string },
  filter: ControlListFilter,
  locale: Locale,
): Promise<Buffer> {
  let query = db.selectFrom("risk_point").select("id").where("owner_id", "=", owner.id);
  if (filter.level) query = query.where("level", "=", filter.level);
  if (filter.unit) query = query.where("unit", "=", filter.unit);
  const ids = await query.orderBy("level").orderBy("name").execute();
  const zh = locale !== "en";
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "DualGuard";
  const sheet = workbook.addWorksheet(zh ? "风险分级管控清单" : "Risk control list", {
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.mergeCells(1, 1, 1, COLUMNS.length);
  sheet.getCell(1, 1).value = zh
    ? `${owner.name} 安全风险分级管控清单`
    : `${owner.name}: risk classification control list`;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(1, 1).alignment = { horizontal: "center" };
  const header = sheet.getRow(2);
  COLUMNS.forEach((column, index) => {
    header.getCell(index + 1).value = zh ? column.zh : column.en;
    sheet.getColumn(index + 1).width = column.width;
  });
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
  const accidentName = (code: string) => {
    const item = accidentTypes.find((a) => a.code === code);
    return item ? (zh ? item.nameZh : item.nameEn) : code;
  };
  for (const { id } of ids) {
    const point = (await loadRiskPoint(db, owner.id, id))!;
    const measuresOf = (kind: string) =>
      point.measures
        .filter((m) => m.kind === kind)
        .map((m, i) => `${i + 1}. ${m.content}`)
        .join("\n");
    const levelItem = point.level ? riskLevelOf(point.level as RiskLevel) : null;
    const row = sheet.addRow([
      point.name,
      point.unit,
      point.hazards.map((h, i) => `${i + 1}. ${h.description}`).join("\n"),
      [...new Set(point.hazards.flatMap((h) => h.accidentTypes))].map(accidentName).join("、"),
      levelItem ? `${zh ? levelItem.nameZh : levelItem.nameEn}（${levelItem.colour}）` : zh ? "未评价" : "not assessed",
      point.controlLevel ? CONTROL_LEVEL_NAMES[point.controlLevel][zh ? 0 : 1] : "",
      point.controllingUnit,
      point.responsiblePerson,
      ...MEASURE_KINDS.map(measuresOf),
    ]);
    row.alignment = { wrapText: true, vertical: "top" };
    if (levelItem) {
      const cell = row.getCell(5);
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${levelItem.hex.slice(1).toUpperCase()}` } };
      cell.font = { bold: true, color: { argb: `FF${levelItem.textHex.slice(1).toUpperCase()}` } };
    }
  }
  for (let r = 2; r <= sheet.rowCount; r++) {
    sheet.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
      cell.border = {
        top: { style: "thin" },
        left: { style: "thin" },
        bottom: { style: "thin" },
        right: { style: "thin" },
      };
    });
  }
  sheet.views = [{ state: "frozen", ySplit: 2 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
