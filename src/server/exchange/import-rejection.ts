import { AppError, type Locale, type LocalisedText } from "../errors";

/** One problem of an import file: the spreadsheet row (1 is the header), the column's key, and why. */
export interface ImportIssue {
  row: number;
  column: string;
  text: LocalisedText;
}

/**
 * The 400 of an all-or-nothing import: every problem by row and column, in the
 * caller's language, and the promise that nothing was written.
 */
export function importRejected(issues: ImportIssue[], columnLabel: (key: string, locale: Locale) => string): AppError {
  const rowsWithErrors = new Set(issues.map((i) => i.row)).size;
  return new AppError(
    "IMPORT_REJECTED",
    {
      "zh-CN": `导入未执行：${rowsWithErrors} 行共 ${issues.length} 处错误，请按错误清单修改后重新上传（未导入任何数据）`,
      en: `Nothing was imported: ${issues.length} problem(s) in ${rowsWithErrors} row(s); fix them as listed and upload again`,
    },
    {
      errors: issues.map((issue) => ({
        row: issue.row,
        column: { "zh-CN": columnLabel(issue.column, "zh-CN"), en: columnLabel(issue.column, "en") },
        field: issue.column,
        text: issue.text,
      })),
    },
  );
}
