import type { ReferenceItem, ReferenceSet } from "./reference-set";

/** 1 is the most severe (major risk), 4 the least (low risk). */
export type RiskLevel = 1 | 2 | 3 | 4;
/** The colours of levels 1 to 4 (安委办〔2016〕11号). */
export const RISK_COLOURS = ["red", "orange", "yellow", "blue"] as const;
export type RiskColour = (typeof RISK_COLOURS)[number];
/** Organisational level that controls a risk, from the top of the enterprise down to a single post. */
export const CONTROL_LEVELS = ["company", "department", "workshop", "team", "post"] as const;
export type ControlLevel = (typeof CONTROL_LEVELS)[number];

export type RiskLevelItem = ReferenceItem & {
  level: RiskLevel;
  colour: RiskColour;
  /** Fill colour on screen, lists and notice cards. */
  hex: string;
  /** Text colour that stays legible on the fill (contrast ≥ 4.5 : 1). */
  textHex: string;
};

export type ControlLevelItem = ReferenceItem & { code: ControlLevel };

export const riskLevelSet: ReferenceSet = {
  kind: "risk_level",
  version: "安委办〔2016〕11号",
  title: "安全风险等级 Safety risk levels",
  source:
    "国务院安委会办公室《关于实施遏制重特大事故工作指南构建双重预防机制的意见》（安委办〔2016〕11号）: four levels, red/orange/yellow/blue",
};

// 安委办〔2016〕11号: 重大、较大、一般、低风险 marked red, orange, yellow, blue; hex values are DualGuard's print-safe palette.
export const riskLevels: readonly RiskLevelItem[] = [
  {
    code: "1",
    parentCode: null,
    nameZh: "重大风险",
    nameEn: "Major risk",
    level: 1,
    colour: "red",
    hex: "#d9001b",
    textHex: "#ffffff",
  },
  {
    code: "2",
    parentCode: null,
    nameZh: "较大风险",
    nameEn: "Larger risk",
    level: 2,
    colour: "orange",
    hex: "#f39800",
    textHex: "#1a1a1a",
  },
  {
    code: "3",
    parentCode: null,
    nameZh: "一般风险",
    nameEn: "General risk",
    level: 3,
    colour: "yellow",
    hex: "#ffe100",
    textHex: "#1a1a1a",
  },
  {
    code: "4",
    parentCode: null,
    nameZh: "低风险",
    nameEn: "Low risk",
    level: 4,
    colour: "blue",
    hex: "#0958d9",
    textHex: "#ffffff",
  },
];

/** The level's names and colours. */
export function riskLevelOf(level: RiskLevel): RiskLevelItem {
  return riskLevels[level - 1];
}

export const controlLevelSet: ReferenceSet = {
  kind: "control_level",
  version: "practice",
  title: "风险管控层级 Risk control levels",
  source: "common enterprise practice: no national text fixes the levels; configurable",
};

// Practice (no national text fixes them): five control levels, from the whole company down to one post.
export const controlLevels: readonly ControlLevelItem[] = [
  { code: "company", parentCode: null, nameZh: "公司级", nameEn: "Company level" },
  { code: "department", parentCode: null, nameZh: "部门级", nameEn: "Department level" },
  { code: "workshop", parentCode: null, nameZh: "车间级", nameEn: "Workshop level" },
  { code: "team", parentCode: null, nameZh: "班组级", nameEn: "Team level" },
  { code: "post", parentCode: null, nameZh: "岗位级", nameEn: "Post level" },
];

/**
 * Default control level for each risk level. Practice, not a national rule: published schemes
 * differ (some merge red and orange at company level), so this is the shipped default of a configurable setting.
 */
export const defaultControlLevelByRiskLevel: Readonly<Record<RiskLevel, ControlLevel>> = {
  1: "company",
  2: "company",
  3: "workshop",
  4: "team",
};
