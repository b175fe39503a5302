import type { Locale } from "../../errors";

/** The published import format: one column per field, Chinese or English headers accepted. */
export const IMPORT_COLUMNS = [
  { key: "uscc", zh: "统一社会信用代码", en: "Unified social credit code", required: true, example: "" },
  { key: "name", zh: "企业名称", en: "Name", required: true, example: "滨江示例化工有限公司" },
  { key: "industryCode", zh: "行业代码", en: "Industry code", required: true, example: "26" },
  { key: "scale", zh: "规模", en: "Scale", required: true, example: "小型" },
  { key: "territoryCode", zh: "属地编码", en: "Territory code", required: true, example: "" },
  { key: "address", zh: "地址", en: "Address", required: false, example: "示范路 8 号" },
  { key: "lng", zh: "经度", en: "Longitude", required: false, example: "118.80" },
  { key: "lat", zh: "纬度", en: "Latitude", required: false, example: "32.05" },
  { key: "principalName", zh: "主要负责人", en: "Principal person", required: false, example: "王建国" },
  { key: "principalPhone", zh: "负责人电话", en: "Principal phone", required: false, example: "13800000000" },
  { key: "safetyManagers", zh: "安全管理人员", en: "Safety managers", required: false, example: "李安全:13900000000" },
  { key: "status", zh: "状态", en: "Status", required: false, example: "正常经营" },
] as const;

export type ColumnKey = (typeof IMPORT_COLUMNS)[number]["key"];

/** A column's header in the caller's language. */
export function columnLabel(key: string, locale: Locale) {
  const column = IMPORT_COLUMNS.find((c) => c.key === key);
  if (!column) return key;
  return locale === "en" ? column.en : column.zh;
}
