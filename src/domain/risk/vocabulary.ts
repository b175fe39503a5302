// The words of a risk register, each list declared once: what a risk point is, the categories of public-area risk
// points, the kinds of control measure and how often a measure is checked. The database's CHECK constraints, the API
// schemas, the import file and the web app's labels all follow these lists.

import { type LocalisedText, text } from "../text";

/** A risk point is a place, a facility, a process or an operation (activity). */
export const RISK_POINT_KINDS = ["place", "facility", "process", "operation"] as const;
export type RiskPointKind = (typeof RISK_POINT_KINDS)[number];

export const RISK_POINT_KIND_LABELS: Readonly<Record<RiskPointKind, LocalisedText>> = {
  place: text("作业场所", "Place"),
  facility: text("设备设施", "Facility"),
  process: text("工艺过程", "Process"),
  operation: text("作业活动", "Operation"),
};

/** The category of a public-area risk point, kept by a territory rather than an enterprise. */
export const PUBLIC_CATEGORIES = [
  "crowded_place",
  "gas_pipeline",
  "construction_site",
  "traffic",
  "water",
  "other",
] as const;
export type PublicCategory = (typeof PUBLIC_CATEGORIES)[number];

export const PUBLIC_CATEGORY_LABELS: Readonly<Record<PublicCategory, LocalisedText>> = {
  crowded_place: text("人员密集场所", "Crowded place"),
  gas_pipeline: text("燃气管线", "Gas pipeline"),
  construction_site: text("建筑施工工地", "Construction site"),
  traffic: text("道路交通", "Road traffic"),
  water: text("水域", "Water"),
  other: text("其他", "Other"),
};

/** The five kinds of control measure, in the order the control list prints them as columns. */
export const MEASURE_KINDS = ["engineering", "management", "training", "protection", "emergency"] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const MEASURE_KIND_LABELS: Readonly<Record<MeasureKind, LocalisedText>> = {
  engineering: text("工程技术措施", "Engineering and technical"),
  management: text("管理措施", "Management"),
  training: text("培训教育措施", "Training and education"),
  protection: text("个体防护措施", "Personal protection"),
  emergency: text("应急处置措施", "Emergency response"),
};

/** How often a control measure is checked; each frequency cuts time into inspection task periods. */
export const CHECK_FREQUENCIES = ["shift", "daily", "weekly", "monthly", "quarterly", "yearly"] as const;
export type CheckFrequency = (typeof CHECK_FREQUENCIES)[number];

export const CHECK_FREQUENCY_LABELS: Readonly<Record<CheckFrequency, LocalisedText>> = {
  shift: text("每班", "Every shift"),
  daily: text("每天", "Daily"),
  weekly: text("每周", "Weekly"),
  monthly: text("每月", "Monthly"),
  quarterly: text("每季度", "Quarterly"),
  yearly: text("每年", "Yearly"),
};
