import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import { periodBounds } from "../../../domain/hidden-danger/statistics";
import { HIDDEN_DANGER_SOURCE_LABELS, type HiddenDangerSource } from "../../../domain/hidden-danger/vocabulary";
import { hazardFactors } from "../../../domain/reference/hazard-factors";
import { type Locale, type LocalisedText, text } from "../../../domain/text";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { AppError, notFound } from "../../errors";
import { visibleEnterprise } from "./hidden-danger-access";
import { type HiddenDangerFigures, hiddenDangerFigures } from "./hidden-danger-figures";

const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)}%`);

/** A GB/T 13861-2022 category ("1" … "4"), or "?" for dangers not classified yet. */
function categoryName(code: string, locale: Locale): string {
  if (code === "?") return text("未分类", "Not classified")[locale];
  const factor = hazardFactors.find((f) => f.code === code);
  if (!factor) return code;
  return locale === "en" ? factor.nameEn : factor.nameZh;
}

function sourceName(source: string, locale: Locale): string {
  return HIDDEN_DANGER_SOURCE_LABELS[source as HiddenDangerSource]?.[locale] ?? source;
}

/** The summary's lines: what each figure is called and its value. */
function figureLines(figures: HiddenDangerFigures): [LocalisedText, string | number][] {
  return [
    [text("排查发现隐患（项）", "Hidden dangers found"), figures.found],
    [text("其中重大隐患（项）", "of which major"), figures.majorFound],
    [text("经核实不属于隐患（项）", "Dismissed"), figures.dismissed],
    [text("已整改闭环（项）", "Rectified and closed"), figures.rectified],
    [text("整改率", "Rectification rate"), percent(figures.rectificationRate)],
    [text("按期整改率", "On-time rate"), percent(figures.onTimeRate)],
    [text("尚未整改（项）", "Still open"), figures.open],
    [text("逾期未整改（项）", "Overdue"), figures.overdue],
    [text("重大隐患未销号（项）", "Major still open"), figures.majorOpen],
  ];
}

/**
 * A quarter's or a year's summary as an XLSX workbook, with the principal person's signature once signed: the
 * signed figures as they were signed, else today's figures for the period, counted on `read` (the read-side pool;
 * the enterprise and the signature are read on the primary).
 */
export async function exportHiddenDangerSummary(
  db: Kysely<DB>,
  read: Kysely<DB>,
  principal: Principal,
  request: { enterpriseId: string; period: string },
  locale: Locale,
): Promise<{ file: Buffer; fileName: string }> {
  const { enterpriseId, period } = request;
  const enterprise = await visibleEnterprise(db, principal, enterpriseId);
  if (!enterprise) throw notFound(text("该企业", "The enterprise"));
  const signed = await db
    .selectFrom("hidden_danger_summary")
    .selectAll()
    .where("enterprise_id", "=", enterpriseId)
    .where("period", "=", period)
    .executeTakeFirst();
  const figures = signed
    ? (signed.figures as HiddenDangerFigures)
    : await hiddenDangerFigures(read, principal.scope, { enterpriseId, ...periodBounds(period)! }, new Date());
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(text("隐患排查治理统计", "Hidden-danger summary")[locale]);
  sheet.columns = [{ width: 28 }, { width: 18 }];
  sheet.addRow([
    text(`${enterprise.name} ${period} 隐患排查治理情况统计`, `${enterprise.name}: hidden dangers, ${period}`)[locale],
  ]).font = { bold: true, size: 13 };
  for (const [label, value] of figureLines(figures)) sheet.addRow([label[locale], value]);
  sheet.addRow([]);
  sheet.addRow([text("按类别", "By category")[locale]]).font = { bold: true };
  for (const c of figures.byCategory) sheet.addRow([categoryName(c.category, locale), c.count]);
  sheet.addRow([text("按来源", "By source")[locale]]).font = { bold: true };
  for (const s of figures.bySource) sheet.addRow([sourceName(s.source, locale), s.count]);
  sheet.addRow([]);
  sheet.addRow([
    text("主要负责人签字确认", "Confirmed by the principal person")[locale],
    signed ? `${signed.signed_name}  ${signed.signed_at.toISOString()}` : text("（未签字）", "(not signed)")[locale],
  ]).font = { bold: true };
  const file = Buffer.from(await workbook.xlsx.writeBuffer());
  if (!file.length) throw new AppError("INTERNAL", text("生成失败", "Export failed"));
  return { file, fileName: `${enterprise.name}-${period}.xlsx` };
}
