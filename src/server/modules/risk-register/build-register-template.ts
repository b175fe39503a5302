import ExcelJS from "exceljs";
import { accidentTypes } from "../../../domain/reference/accident-types";
import { hazardFactors } from "../../../domain/reference/hazard-factors";
import type { Locale } from "../../errors";
import { REGISTER_COLUMNS } from "./register-import-columns";

/** The register import template: headers, an example row, and the code lists. */
export async function buildRegisterTemplate(locale: Locale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "DualGuard";
  const zh = locale !== "en";
  const sheet = workbook.addWorksheet(zh ? "风险点与危险源" : "Risk points and hazards");
  sheet.addRow(REGISTER_COLUMNS.map((c) => `${zh ? c.zh : c.en}${c.required ? " *" : ""}`)).font = { bold: true };
  sheet.addRow(REGISTER_COLUMNS.map((c) => c.example));
  sheet.columns.forEach((column) => {
    column.width = 16;
  });
  sheet.getCell("A2").note = zh
    ? "每行一个危险源；同名同单元的行归入同一风险点。评价方法填 LS（L、S）、LEC（L、E、C）或 MES（M、E、S）"
    : "One hazard per row; rows with the same risk point and unit form one risk point. Method LS (L, S), LEC (L, E, C) or MES (M, E, S)";
  const factors = workbook.addWorksheet(zh ? "危险有害因素代码" : "Hazard factors");
  factors.addRow(zh ? ["代码", "名称"] : ["Code", "Name"]).font = { bold: true };
  for (const f of hazardFactors) factors.addRow([f.code, zh ? f.nameZh : f.nameEn]);
  const accidents = workbook.addWorksheet(zh ? "事故类型" : "Accident types");
  accidents.addRow(zh ? ["代码", "名称"] : ["Code", "Name"]).font = { bold: true };
  for (const a of accidentTypes) accidents.addRow([a.code, zh ? a.nameZh : a.nameEn]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
