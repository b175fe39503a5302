// Alarms raised on management records rather than on readings: the same life cycle, severities and colours as a
// sensor's, so one console shows both.

import { type LocalisedText, text } from "../text";
import type { AlarmSeverity } from "./device-types";
import { ALARM_RULE_KIND_LABELS, type AlarmRuleKind } from "./rules";

export const MANAGEMENT_ALARM_KINDS = [
  "hidden_danger_overdue",
  "inspections_missed",
  "calibration_overdue",
  "major_hazard_offline",
] as const;
export type ManagementAlarmKind = (typeof MANAGEMENT_ALARM_KINDS)[number];

export const MANAGEMENT_ALARM_KIND_LABELS: Readonly<Record<ManagementAlarmKind, LocalisedText>> = {
  hidden_danger_overdue: text("重大隐患逾期未整改", "Major hidden danger overdue"),
  inspections_missed: text("连续漏检", "Inspections missed"),
  calibration_overdue: text("设备检定过期", "Calibration overdue"),
  major_hazard_offline: text("重大危险源监测离线", "Major hazard source offline"),
};

// Practice: red for a major hidden danger past its deadline and for a major hazard source with sensors
// offline (Work Safety Law (2021) art. 36, art. 40); orange for missed inspections; yellow for a lapsed calibration.
export const MANAGEMENT_ALARM_SEVERITY: Readonly<Record<ManagementAlarmKind, AlarmSeverity>> = {
  hidden_danger_overdue: 1,
  inspections_missed: 2,
  calibration_overdue: 3,
  major_hazard_offline: 1,
};

/** The name of an alarm's kind, a sensor rule's or a management one's; null for a kind this version does not know. */
export function alarmKindLabel(kind: string): LocalisedText | null {
  return (
    ALARM_RULE_KIND_LABELS[kind as AlarmRuleKind] ?? MANAGEMENT_ALARM_KIND_LABELS[kind as ManagementAlarmKind] ?? null
  );
}
