import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import type { Locale } from "../../errors";
import { toCsv } from "../../exchange/table-file";
import { columnLabel, IMPORT_COLUMNS } from "./enterprise-import-format";

/** The downloadable template: headers, one example row, and the code lists the user may need. */
export async function buildImportTemplate(
  db: Kysely<DB>,
  principal: Principal,
  format: "xlsx" | "csv",
  locale: Locale,
): Promise<Buffer> {
  const territories = await db
    .selectFrom("territory")
    .select(["code", "name", "level", "path"])
    .where("path", "like", `${principal.scope.kind === "territory" ? principal.scope.path : "/-/"}%`)
    .orderBy("path")
    .execute();
  const example = IMPORT_COLUMNS.map((c) =>
    c.key === "territoryCode" ? (territories.at(-1)?.code ?? "") : c.key === "uscc" ? "91990100MA00000000" : c.example,
  );
  const header = IMPORT_COLUMNS.map((c) =>
    c.required ? `${columnLabel(c.key, locale)} *` : columnLabel(c.key, locale),
  );
  if (format === "csv") return Buffer.from(toCsv([header, example]), "utf8");

  const industries = await db
    .selectFrom("reference_item")
    .innerJoin("reference_set", (join) =>
      join
        .onRef("reference_set.kind", "=", "reference_item.kind")
        .onRef("reference_set.version", "=", "reference_item.version"),
    )
    .select(["reference_item.code", "reference_item.parent_code", "reference_item.name_zh", "reference_item.name_en"])
    .where("reference_item.kind", "=", "industry")
    .where("reference_set.is_current", "=", true)
    .orderBy("reference_item.sort_order")
    .execute();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "DualGuard";
  const sheet = workbook.addWorksheet(locale === "en" ? "Enterprises" : "企业");
  sheet.addRow(header).font = { bold: true };
  sheet.addRow(example);
  sheet.columns.forEach((column) => {
    column.width = 22;
  });
  sheet.getCell("A2").note =
    locale === "en"
      ? "Example row: replace it with real data"
      : "示例行：请替换为真实数据（统一社会信用代码须通过校验）";
  const codes = workbook.addWorksheet(locale === "en" ? "Industry codes" : "行业代码");
  codes.addRow(locale === "en" ? ["Code", "Section", "Name"] : ["代码", "门类", "名称"]).font = { bold: true };
  for (const item of industries.filter((i) => i.parent_code)) {
    codes.addRow([item.code, item.parent_code, locale === "en" ? item.name_en : item.name_zh]);
  }
  const places = workbook.addWorksheet(locale === "en" ? "Territory codes" : "属地编码");
  places.addRow(locale === "en" ? ["Code", "Name", "Level"] : ["编码", "名称", "层级"]).font = { bold: true };
  for (const territory of territories) places.addRow([territory.code, territory.name, territory.level]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
