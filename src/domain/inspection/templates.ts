import { type LocalisedText, text } from "../text";
import type { CheckFrequency } from "./schedule";

/** The inspection kinds an enterprise schedules besides the checks derived from its control measures. */
export const TEMPLATE_KINDS = [
  "daily",
  "weekly",
  "monthly",
  "seasonal",
  "holiday",
  "special",
  "comprehensive",
] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export type TemplateItem = { content: LocalisedText };

// Practice: common items of enterprise inspection tables; each enterprise edits and adds its own.
export const INSPECTION_TEMPLATES: Readonly<
  Record<TemplateKind, { frequency: CheckFrequency; items: readonly TemplateItem[] }>
> = {
  daily: {
    frequency: "daily",
    items: [
      {
        content: text(
          "安全通道、疏散出口畅通，应急照明完好",
          "Escape routes and exits clear; emergency lighting works",
        ),
      },
      { content: text("作业人员按规定佩戴劳动防护用品", "Workers wear the required personal protective equipment") },
      { content: text("设备运行参数正常，无跑冒滴漏", "Equipment runs within parameters; no leaks") },
    ],
  },
  weekly: {
    frequency: "weekly",
    items: [
      { content: text("消防器材在位、压力正常、在有效期内", "Fire equipment in place, pressurised and in date") },
      { content: text("可燃/有毒气体报警仪运行正常", "Combustible and toxic gas detectors working") },
    ],
  },
  monthly: {
    frequency: "monthly",
    items: [
      { content: text("特种设备定期检验标识在有效期内", "Special equipment inspection labels in date") },
      { content: text("安全教育培训按计划开展并有记录", "Safety training held as planned and recorded") },
    ],
  },
  seasonal: {
    frequency: "quarterly",
    items: [
      {
        content: text(
          "防雷防静电接地检测合格（雷雨季前）",
          "Lightning and static earthing tested (before the storm season)",
        ),
      },
      { content: text("防汛防台、防冻防凝措施落实", "Flood, typhoon and frost measures in place") },
    ],
  },
  holiday: {
    frequency: "yearly",
    items: [
      { content: text("节假日值班安排和领导带班落实", "Holiday duty roster and managers on duty arranged") },
      {
        content: text(
          "停工设备安全处置（隔离、置换、上锁挂牌）",
          "Idle equipment made safe (isolated, purged, locked and tagged)",
        ),
      },
    ],
  },
  special: {
    frequency: "yearly",
    items: [
      {
        content: text(
          "动火、受限空间等特殊作业票证齐全",
          "Permits for hot work, confined spaces and other special work complete",
        ),
      },
      { content: text("重大危险源安全监控系统运行正常", "Major hazard source monitoring system running") },
    ],
  },
  comprehensive: {
    frequency: "quarterly",
    items: [
      {
        content: text(
          "安全生产责任制、规章制度和操作规程落实",
          "Safety responsibility system, rules and operating procedures followed",
        ),
      },
      { content: text("隐患排查治理台账完整、闭环", "Hidden-danger ledger complete and closed out") },
      { content: text("应急预案演练按计划开展", "Emergency drills held as planned") },
    ],
  },
};
