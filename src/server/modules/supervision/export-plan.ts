import ExcelJS from "exceljs";
import type { Static } from "typebox";
import type { Locale } from "../../errors";
import type { PlanDetail } from "./schema";

const LEVEL_NAMES: Record<number, [string, string]> = {
  1: ["红色（重大风险）", "Red (major)"],
  2: ["橙色（较大风险）", "Orange (larger)"],
  3: ["黄色（一般风险）", "Yellow (general)"],
  4: ["蓝色（低风险）", "Blue (low)"],
};

/** The plan's file name without extension: department and period. */
export function planFileName(plan: Static<typeof PlanDetail>): string {
  return `${plan.organisation.name}-${plan.period}`;
}

/** The plan as a workbook: a header with the published seed, one row per enterprise with its key check contents. */
export async function planWorkbook(plan: Static<typeof PlanDetail>, locale: Locale): Promise<Buffer> {
  const zh = locale !== "en";
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(zh ? "执法检查计划" : "Enforcement plan");
  sheet.columns = [
    { width: 6 },
    { width: 34 },
    { width: 18 },
    { width: 8 },
    { width: 12 },
    { width: 18 },
    { width: 80 },
    { width: 10 },
  ];
  const title = zh
    ? `${plan.organisation.name} ${plan.territory.name} ${plan.period} ${plan.month ? "月度" : "年度"}执法检查计划`
    : `${plan.organisation.name}, ${plan.territory.name}: ${plan.month ? "monthly" : "annual"} enforcement plan ${plan.period}`;
  sheet.addRow([title]).font = { bold: true, size: 13 };
  sheet.addRow([zh ? "公开随机种子" : "Published seed", "", plan.seed]);
  sheet.addRow([zh ? "种子数值（FNV-1a）" : "Seed number (FNV-1a)", "", plan.seedNumber]);
  sheet.addRow([zh ? "完成情况" : "Completion", "", `${plan.completion.inspected} / ${plan.completion.planned}`]);
  sheet.addRow([zh ? "生成时间" : "Generated", "", `${plan.generatedAt} ${plan.generatedByName}`]);
  sheet.addRow([]);
  const header = sheet.addRow(
    zh
      ? ["序号", "企业", "风险等级", "得分", "方式", "检查月份", "重点检查内容", "已检查"]
      : ["No.", "Enterprise", "Level", "Score", "Selection", "Months", "Key check contents", "Done"],
  );
  header.font = { bold: true };
  plan.items.forEach((item, index) => {
    const added = sheet.addRow([
      index + 1,
      item.enterpriseName,
      (LEVEL_NAMES[item.level] ?? ["", ""])[zh ? 0 : 1],
      item.score,
      item.reason === "mandatory" ? (zh ? "必查" : "Mandatory") : zh ? "随机抽取" : "Random draw",
      item.months.length > 0 ? item.months.join(", ") : zh ? "全年任一时间" : "any time",
      item.checkContents.map((content, n) => `${n + 1}. ${content}`).join("\n"),
      `${Math.min(item.inspected, item.inspections)} / ${item.inspections}`,
    ]);
    added.alignment = { wrapText: true, vertical: "top" };
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
