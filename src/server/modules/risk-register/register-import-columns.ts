import { RISK_POINT_KIND_LABELS, RISK_POINT_KINDS, type RiskPointKind } from "../../../domain/risk/vocabulary";
import type { Locale } from "../../errors";
import type { ImportIssue } from "../../exchange/import-rejection";
import { importRejected } from "../../exchange/import-rejection";

/** One row per hazard; rows with the same risk point name and unit form one risk point. */
export const REGISTER_COLUMNS = [
  { key: "point", zh: "风险点名称", en: "Risk point", required: true, example: "液氯储罐区" },
  { key: "kind", zh: "风险点类型", en: "Kind", required: true, example: "设施设备" },
  { key: "unit", zh: "所属单元", en: "Unit", required: false, example: "储运车间" },
  { key: "controllingUnit", zh: "管控单位", en: "Controlling unit", required: false, example: "储运车间" },
  { key: "responsiblePerson", zh: "责任人", en: "Responsible person", required: false, example: "张三" },
  { key: "hazard", zh: "危险源描述", en: "Hazard", required: true, example: "储罐或管道泄漏，氯气扩散" },
  { key: "factorCode", zh: "危险有害因素代码", en: "Hazard factor code", required: true, example: "22" },
  { key: "accidentTypes", zh: "事故类型", en: "Accident types", required: true, example: "中毒和窒息" },
  { key: "consequences", zh: "可能后果", en: "Consequences", required: false, example: "人员中毒伤亡" },
  { key: "method", zh: "评价方法", en: "Method", required: false, example: "LEC" },
  { key: "l", zh: "L", en: "L", required: false, example: "3" },
  { key: "e", zh: "E", en: "E", required: false, example: "6" },
  { key: "c", zh: "C", en: "C", required: false, example: "40" },
  { key: "m", zh: "M", en: "M", required: false, example: "" },
  { key: "s", zh: "S", en: "S", required: false, example: "" },
] as const;

export type ColumnKey = (typeof REGISTER_COLUMNS)[number]["key"];

/** The words a file may use for a risk point's kind: the code, its label in either language, and common synonyms. */
export const KIND_WORDS: Readonly<Record<string, RiskPointKind>> = {
  场所: "place",
  场所区域: "place",
  区域: "place",
  设施: "facility",
  设备: "facility",
  设施设备: "facility",
  工艺: "process",
  工艺流程: "process",
  作业: "operation",
  ...Object.fromEntries(
    RISK_POINT_KINDS.flatMap((kind) => [
      [kind, kind],
      [RISK_POINT_KIND_LABELS[kind]["zh-CN"], kind],
      [RISK_POINT_KIND_LABELS[kind].en.toLowerCase(), kind],
    ]),
  ),
};

function columnLabel(key: string, locale: Locale) {
  const column = REGISTER_COLUMNS.find((c) => c.key === key);
  return column ? (locale === "en" ? column.en : column.zh) : key;
}

/** The 400 that lists every bad cell of an import file, each with its column's name. */
export function registerRejected(issues: ImportIssue[]) {
  return importRejected(issues, columnLabel);
}
