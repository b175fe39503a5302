import ExcelJS from "exceljs";
import { CAMPAIGN_FIGURES, type CampaignFigure, type ReportTiming } from "../../../domain/campaign";
import type { Locale } from "../../errors";
import type { CampaignDetail } from "./present-campaign";

const FIGURE_NAMES: Record<CampaignFigure, [string, string]> = {
  enterprisesInspected: ["检查企业（家）", "Enterprises inspected"],
  hiddenDangersFound: ["发现隐患（项）", "Hidden dangers found"],
  hiddenDangersRectified: ["整改隐患（项）", "Hidden dangers rectified"],
  penalties: ["行政处罚（起）", "Penalties"],
  fineYuan: ["罚款（元）", "Fines (yuan)"],
};

const TIMING_NAMES: Record<ReportTiming, [string, string]> = {
  on_time: ["按时", "On time"],
  late: ["迟报", "Late"],
  missing: ["逾期未报", "Overdue"],
  upcoming: ["未到期", "Not yet due"],
};

const STATUS_NAMES: Record<string, [string, string]> = {
  draft: ["草稿", "Draft"],
  active: ["进行中", "Active"],
  closed: ["已结束", "Closed"],
};

/**
 * A campaign's results as a workbook: a completion sheet (participant × due
 * date), task totals against targets, and the current text and figures of
 * every report. What the caller sees is what it exports.
 */
export async function campaignWorkbook(detail: CampaignDetail, locale: Locale): Promise<Buffer> {
  const zh = locale !== "en";
  const pick = (names: [string, string]) => (zh ? names[0] : names[1]);
  const nameOf = (p: { name: string; nameEn: string }) => (zh ? p.name : p.nameEn || p.name);
  const workbook = new ExcelJS.Workbook();

  const completion = workbook.addWorksheet(zh ? "完成情况" : "Completion");
  completion.addRow([detail.title]).font = { bold: true, size: 13 };
  completion.addRow([
    zh ? "期限" : "Period",
    `${detail.startDate} — ${detail.endDate}`,
    zh ? "状态" : "Status",
    pick(STATUS_NAMES[detail.status] ?? [detail.status, detail.status]),
  ]);
  completion.addRow([]);
  const header = completion.addRow([
    zh ? "报送单位" : "Participant",
    zh ? "应报" : "Due",
    zh ? "已报" : "Submitted",
    zh ? "迟报" : "Late",
    zh ? "逾期未报" : "Overdue",
    ...detail.dueDates.map((d) => (d.final ? `${d.dueDate} ${zh ? "（总结）" : "(final)"}` : d.dueDate)),
  ]);
  header.font = { bold: true };
  for (const participant of detail.participants) {
    const row = completion.addRow([
      nameOf(participant),
      participant.completion.due,
      participant.completion.submitted,
      participant.completion.late,
      participant.completion.missing,
      ...participant.reports.map((r) => pick(TIMING_NAMES[r.timing])),
    ]);
    participant.reports.forEach((r, index) => {
      if (r.timing === "missing") row.getCell(6 + index).font = { color: { argb: "FFCF1322" }, bold: true };
    });
  }
  completion.getColumn(1).width = 28;

  const tasks = workbook.addWorksheet(zh ? "任务统计" : "Task totals");
  tasks.addRow([
    zh ? "任务" : "Task",
    ...CAMPAIGN_FIGURES.map((f) => pick(FIGURE_NAMES[f])),
    zh ? "目标" : "Target",
    zh ? "完成率" : "Progress",
  ]).font = { bold: true };
  for (const total of detail.taskTotals) {
    const task = detail.tasks.find((t) => t.id === total.taskId)!;
    tasks.addRow([
      task.title,
      ...CAMPAIGN_FIGURES.map((f) => total.totals[f]),
      total.target && total.targetFigure ? `${pick(FIGURE_NAMES[total.targetFigure])} ${total.target}` : "—",
      total.progress === null ? "—" : `${(total.progress * 100).toFixed(1)}%`,
    ]);
  }
  tasks.getColumn(1).width = 30;

  const reports = workbook.addWorksheet(zh ? "报告明细" : "Reports");
  reports.addRow([
    zh ? "报送单位" : "Participant",
    zh ? "报送日期" : "Due date",
    zh ? "提交时间" : "Submitted at",
    zh ? "报送人" : "Submitted by",
    zh ? "版本" : "Version",
    zh ? "情况" : "Timing",
    zh ? "进展情况" : "Progress report",
    zh ? "照片（张）" : "Photos",
    ...detail.tasks.flatMap((t) => CAMPAIGN_FIGURES.map((f) => `${t.title}：${pick(FIGURE_NAMES[f])}`)),
  ]).font = { bold: true };
  for (const participant of detail.participants) {
    for (const report of participant.reports) {
      if (report.version === null) continue;
      reports.addRow([
        nameOf(participant),
        report.dueDate,
        report.submittedAt,
        report.submittedByName,
        report.version,
        pick(TIMING_NAMES[report.timing]),
        report.text,
        report.attachmentIds.length,
        ...detail.tasks.flatMap((t) => CAMPAIGN_FIGURES.map((f) => report.figures?.[t.id]?.[f] ?? 0)),
      ]);
    }
  }
  reports.getColumn(7).width = 50;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
