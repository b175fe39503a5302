// Key check contents of an enforcement inspection, drawn from what made the enterprise's rating (policy: "determine
// different law enforcement inspection frequencies and key contents for enterprises with different risk levels").
// The wording is *practice*: a plan may replace or extend the list before it is published.

import type { RatingContribution, RatingFactor } from "../rating/rating-model";
import type { RiskLevel } from "../reference/risk-levels";

export type CheckLanguage = "zh" | "en";

type CheckItem = { zh: string; en: string };

const MAJOR_HAZARD: CheckItem = {
  zh: "重大危险源辨识、备案、监测监控和包保责任落实情况",
  en: "major hazard sources: identification, filing, monitoring and named responsibility",
};
const RISK_POINTS: CheckItem = {
  zh: "红色、橙色风险点管控措施和管控责任落实情况",
  en: "control measures and responsible people at red and orange risk points",
};
const ACCIDENTS: CheckItem = {
  zh: "事故调查报告整改和防范措施落实情况",
  en: "corrective and preventive measures after the accident investigation",
};
const MAJOR_HIDDEN_DANGERS: CheckItem = {
  zh: "重大隐患整改方案、资金、期限和整改期间安全措施",
  en: "major hidden dangers: rectification plan, funds, time limit and safety measures meanwhile",
};
const GENERAL_HIDDEN_DANGERS: CheckItem = {
  zh: "一般隐患整改、验收闭环和逾期原因",
  en: "general hidden dangers: rectification, verification and reasons for delay",
};
const ALARMS: CheckItem = {
  zh: "监测报警处置记录和监测设备运行情况（不得关闭、篡改）",
  en: "alarm disposal records and monitoring equipment in service, never switched off or tampered with",
};

// Practice: one check item per group of rating factors; industry and scale add none of their own.
const CHECK_BY_FACTOR: Partial<Record<RatingFactor, CheckItem>> = {
  majorHazardLevel1: MAJOR_HAZARD,
  majorHazardLevel2: MAJOR_HAZARD,
  majorHazardLevel3: MAJOR_HAZARD,
  majorHazardLevel4: MAJOR_HAZARD,
  redRiskPoints: RISK_POINTS,
  orangeRiskPoints: RISK_POINTS,
  hazardousProcesses: {
    zh: "重点监管危险工艺自动化控制、安全联锁和操作规程",
    en: "hazardous processes: automatic control, safety interlocks and operating procedures",
  },
  particularlyMajorAccidents: ACCIDENTS,
  majorAccidents: ACCIDENTS,
  largerAccidents: ACCIDENTS,
  generalAccidents: ACCIDENTS,
  overdueMajorHiddenDangers: MAJOR_HIDDEN_DANGERS,
  openMajorHiddenDangers: MAJOR_HIDDEN_DANGERS,
  overdueGeneralHiddenDangers: GENERAL_HIDDEN_DANGERS,
  openGeneralHiddenDangers: GENERAL_HIDDEN_DANGERS,
  redAlarms: ALARMS,
  orangeAlarms: ALARMS,
  yellowAlarms: ALARMS,
  blueAlarms: ALARMS,
  enforcementViolations: {
    zh: "上次执法检查发现违法行为的整改复查",
    en: "follow-up of the violations found by the last enforcement inspections",
  },
  verifiedPublicReports: {
    zh: "经查属实的举报问题整改情况",
    en: "rectification of the problems verified from public reports",
  },
};

// Practice: long lists are not read on site; the plan shows the first eight items.
export const DEFAULT_CHECK_CONTENT_LIMIT = 8;

export type KeyCheckContentsInput = {
  /** The enterprise's rating contributions, largest first (rateEnterprise). */
  contributions: readonly RatingContribution[];
  /** Its red and orange risk points by name; each gets its own line, red first, in at most half the list. */
  riskPoints?: readonly { name: string; level: RiskLevel }[];
  language: CheckLanguage;
  limit?: number;
};

/** The key contents of an inspection of this enterprise, most important first, without repeats. */
export function keyCheckContents(input: KeyCheckContentsInput): string[] {
  const zh = input.language === "zh";
  const limit = input.limit ?? DEFAULT_CHECK_CONTENT_LIMIT;
  const allNamed = [...(input.riskPoints ?? [])]
    .filter((point) => point.level <= 2)
    .sort((a, b) => a.level - b.level)
    .map((point) => {
      const colourZh = point.level === 1 ? "红色" : "橙色";
      const colourEn = point.level === 1 ? "red" : "orange";
      return zh
        ? `${colourZh}风险点「${point.name}」管控措施落实情况`
        : `control measures at ${colourEn} risk point "${point.name}"`;
    });
  const named = allNamed.slice(0, Math.floor(limit / 2));
  // The general line stays when some named points did not fit.
  const everyPointNamed = allNamed.length > 0 && named.length === allNamed.length;
  const fromFactors = input.contributions.flatMap((contribution) => {
    if (everyPointNamed && (contribution.factor === "redRiskPoints" || contribution.factor === "orangeRiskPoints")) {
      return [];
    }
    const item = CHECK_BY_FACTOR[contribution.factor];
    return item ? [zh ? item.zh : item.en] : [];
  });
  return [...new Set([...named, ...fromFactors])].slice(0, limit);
}
