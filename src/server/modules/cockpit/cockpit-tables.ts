import { type RiskLevel, riskLevelOf } from "../../../domain/reference/risk-levels";
import type { Locale } from "../../errors";
import type { CockpitFigures, ColourCounts } from "./schema";

/** One panel of the cockpit as a table: what the XLSX puts on a sheet and the PDF prints as a section. */
export type CockpitTable = {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  /** The column holding a rating level, filled with the level's colour where it is drawn. */
  levelColumn?: number;
  levels?: (RiskLevel | null)[];
  note?: string;
};

const LEVELS: readonly RiskLevel[] = [1, 2, 3, 4];
const COLOURS: readonly (keyof ColourCounts)[] = ["red", "orange", "yellow", "blue"];

/** The cockpit's panels as tables in one language; both exports are drawn from these. */
export function cockpitTables(figures: CockpitFigures, locale: Locale): CockpitTable[] {
  const zh = locale !== "en";
  const pick = (zhText: string, enText: string) => (zh ? zhText : enText);
  const levelName = (level: RiskLevel | null) => {
    if (level === null) return pick("未评级", "not rated");
    const item = riskLevelOf(level);
    return zh ? `${item.nameZh}（${colourZh(item.colour)}）` : `${item.nameEn} (${item.colour})`;
  };
  const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);
  const colourHeader = COLOURS.map((colour) => (zh ? colourZh(colour) : colour));
  const { enterprises, hiddenDangers, alarms, campaigns } = figures;
  const plans = figures.inspectionPlans;
  const completionCells = (c: { plans: number; planned: number; inspected: number; ratio: number | null }) => [
    c.plans,
    c.planned,
    c.inspected,
    percent(c.ratio),
  ];

  const tables: CockpitTable[] = [
    {
      title: pick("概况", "Summary"),
      columns: [pick("项目", "Item"), pick("数值", "Value")],
      rows: [
        [pick("区域", "Area"), figures.breadcrumb.map((node) => node.name).join(" / ")],
        [pick("隐患统计期", "Hidden-danger period"), figures.period.label],
        [pick("生成时间", "Generated"), `${figures.generatedAt.slice(0, 16).replace("T", " ")} UTC`],
        [
          pick("区域风险等级", "Regional risk level"),
          figures.regional ? `${levelName(figures.regional.level)} ${figures.regional.explanation}` : "—",
        ],
        [pick("企业总数", "Enterprises"), enterprises.total],
        [pick("已评级", "Rated"), enterprises.rated],
        [pick("未评级", "Not rated"), enterprises.unrated],
        ...LEVELS.map((level) => [levelName(level), enterprises.byLevel[level]]),
        [pick("本期发现隐患", "Hidden dangers found in period"), hiddenDangers.found],
        [pick("隐患整改率", "Rectification rate"), percent(hiddenDangers.rectificationRate)],
        [pick("当前逾期隐患", "Overdue hidden dangers now"), hiddenDangers.overdue],
        [pick("当前未销号重大隐患", "Open major hidden dangers now"), hiddenDangers.majorOpen],
        [pick("未解除报警", "Active alarms"), sum(alarms.active)],
        [
          pick(`${plans.year} 年度执法计划完成率`, `${plans.year} annual plan completion`),
          `${percent(plans.annual.ratio)} (${plans.annual.inspected} / ${plans.annual.planned})`,
        ],
        [pick("进行中的专项行动", "Campaigns running"), campaigns.active],
        [pick("专项行动逾期未报", "Campaign reports overdue"), campaigns.reportsOverdue],
      ],
    },
    {
      title: pick("等级分布", "Levels"),
      columns: [pick("风险等级", "Risk level"), pick("企业数", "Enterprises")],
      rows: [
        ...LEVELS.map((level) => [levelName(level), enterprises.byLevel[level]]),
        [levelName(null), enterprises.unrated],
      ],
      levelColumn: 0,
      levels: [...LEVELS, null],
    },
    {
      title: pick("等级趋势", "Trend"),
      columns: [
        figures.trend.granularity === "week" ? pick("周（起始日）", "Week starting") : pick("月份", "Month"),
        ...LEVELS.map(levelName),
      ],
      rows: figures.trend.points.map((point) => [
        figures.trend.granularity === "week" ? point.start : point.start.slice(0, 7),
        ...LEVELS.map((level) => point.byLevel[level]),
      ]),
    },
    {
      title: pick("下级区域", "Areas below"),
      columns: [
        pick("名称", "Name"),
        pick("区域风险等级", "Regional level"),
        pick("区域风险指数", "Regional index"),
        pick("企业数", "Enterprises"),
        ...LEVELS.map(levelName),
        pick("未销号隐患", "Open hidden dangers"),
        pick("逾期隐患", "Overdue"),
        pick("未销号重大隐患", "Open major"),
        pick("未解除报警", "Active alarms"),
      ],
      rows: figures.children.map((child) => [
        child.name,
        levelName(child.regional.level),
        child.regional.score,
        child.enterprises.total,
        ...LEVELS.map((level) => child.enterprises.byLevel[level]),
        child.hiddenDangers.open,
        child.hiddenDangers.overdue,
        child.hiddenDangers.majorOpen,
        sum(child.activeAlarms),
      ]),
      levelColumn: 1,
      levels: figures.children.map((child) => child.regional.level),
      note: figures.children.length === 0 ? pick("没有下级区域", "No areas below") : undefined,
    },
  ];
  if (figures.enterprisesHere.total > 0) {
    const listed = figures.enterprisesHere.items.length;
    tables.push({
      title: pick("辖区企业", "Enterprises here"),
      columns: [
        pick("企业", "Enterprise"),
        pick("风险等级", "Risk level"),
        pick("得分", "Score"),
        pick("未销号隐患", "Open hidden dangers"),
        pick("逾期隐患", "Overdue"),
        pick("未销号重大隐患", "Open major"),
        pick("未解除报警", "Active alarms"),
        pick("评级理由", "Why"),
      ],
      rows: figures.enterprisesHere.items.map((item) => [
        item.name,
        levelName(item.level),
        item.score ?? "—",
        item.hiddenDangers.open,
        item.hiddenDangers.overdue,
        item.hiddenDangers.majorOpen,
        item.activeAlarms,
        item.explanation ?? "—",
      ]),
      levelColumn: 1,
      levels: figures.enterprisesHere.items.map((item) => item.level),
      note:
        listed < figures.enterprisesHere.total
          ? pick(
              `列出得分最高的 ${listed} 家，共 ${figures.enterprisesHere.total} 家`,
              `The ${listed} highest scores of ${figures.enterprisesHere.total} are listed`,
            )
          : undefined,
    });
  }
  tables.push(
    {
      title: pick("隐患治理", "Hidden dangers"),
      columns: [pick("项目", "Item"), pick("数值", "Value")],
      rows: [
        [pick("本期发现", "Found in period"), hiddenDangers.found],
        [pick("其中判定非隐患", "of which dismissed"), hiddenDangers.dismissed],
        [pick("已整改销号", "Rectified and closed"), hiddenDangers.rectified],
        [pick("整改率", "Rectification rate"), percent(hiddenDangers.rectificationRate)],
        [pick("按期整改率", "On-time rate"), percent(hiddenDangers.onTimeRate)],
        [pick("本期发现重大隐患", "Major found in period"), hiddenDangers.majorFound],
        [pick("当前未销号", "Open now"), hiddenDangers.open],
        [pick("当前逾期", "Overdue now"), hiddenDangers.overdue],
        [pick("当前未销号重大隐患", "Major open now"), hiddenDangers.majorOpen],
      ],
      note: pick(
        "整改率 = 已销号 ÷（发现 − 判定非隐患）；按期 = 在整改期限内销号",
        "Rectification rate = closed ÷ (found − dismissed); on time = closed by the rectification deadline",
      ),
    },
    {
      title: pick("监测报警", "Alarms"),
      columns: [pick("项目", "Item"), ...colourHeader, pick("合计", "Total")],
      rows: [
        [pick("未解除", "Active"), ...COLOURS.map((colour) => alarms.active[colour]), sum(alarms.active)],
        [
          pick("近 30 天产生", "Raised in the last 30 days"),
          ...COLOURS.map((colour) => alarms.last30Days[colour]),
          sum(alarms.last30Days),
        ],
      ],
    },
    {
      title: pick("执法计划", "Inspection plans"),
      columns: [
        pick("计划", "Plans"),
        pick("计划数", "Plans"),
        pick("应检查（次）", "Inspections planned"),
        pick("已检查（次）", "Inspections done"),
        pick("完成率", "Completion"),
      ],
      rows: [
        [pick(`${plans.year} 年度计划`, `${plans.year} annual plans`), ...completionCells(plans.annual)],
        [pick(`${plans.year} 月度计划`, `${plans.year} monthly plans`), ...completionCells(plans.monthly)],
      ],
      note: pick(
        `统计期内执法检查 ${plans.inspections.done} 次，发现违法行为 ${plans.inspections.violations} 项，罚款合计 ${plans.inspections.penaltyYuan} 元`,
        `In the period: ${plans.inspections.done} enforcement inspections, ${plans.inspections.violations} violations found, fines of ${plans.inspections.penaltyYuan} yuan in all`,
      ),
    },
    {
      title: pick("专项行动", "Campaigns"),
      columns: [
        pick("专项行动", "Campaign"),
        pick("状态", "Status"),
        pick("起止日期", "Period"),
        pick("参与单位", "Participants"),
        pick("应报", "Reports due"),
        pick("已报", "Submitted"),
        pick("迟报", "Late"),
        pick("逾期未报", "Overdue"),
      ],
      rows: campaigns.byCampaign.map((campaign) => [
        campaign.title,
        campaign.status === "active" ? pick("进行中", "running") : pick("已结束", "closed"),
        `${campaign.startDate} – ${campaign.endDate}`,
        campaign.participants,
        campaign.reportsDue,
        campaign.reportsSubmitted,
        campaign.reportsLate,
        campaign.reportsOverdue,
      ]),
      note: pick(
        `进行中 ${campaigns.active} 项，已结束 ${campaigns.closed} 项；应报 ${campaigns.reportsDue} 份，已报 ${campaigns.reportsSubmitted} 份，逾期未报 ${campaigns.reportsOverdue} 份`,
        `${campaigns.active} running, ${campaigns.closed} closed; ${campaigns.reportsDue} reports due, ${campaigns.reportsSubmitted} submitted, ${campaigns.reportsOverdue} overdue`,
      ),
    },
    {
      title: pick("得分前十", "Top 10"),
      columns: [
        pick("排名", "Rank"),
        pick("企业", "Enterprise"),
        pick("所在区域", "Area"),
        pick("得分", "Score"),
        pick("风险等级", "Risk level"),
        pick("评级理由（摘要）", "Why (summary)"),
      ],
      rows: figures.topEnterprises.map((item, index) => [
        index + 1,
        item.name,
        item.territoryName,
        item.score,
        levelName(item.level),
        item.summary,
      ]),
      levelColumn: 4,
      levels: figures.topEnterprises.map((item) => item.level),
    },
  );
  return tables;
}

function sum(counts: ColourCounts): number {
  return counts.red + counts.orange + counts.yellow + counts.blue;
}

function colourZh(colour: keyof ColourCounts): string {
  return { red: "红色", orange: "橙色", yellow: "黄色", blue: "蓝色" }[colour];
}
