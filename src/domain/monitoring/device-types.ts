// The monitored device types, their units and default alarm rules. Every default is configurable per device
// (rules.ts); each comment names the standard a value comes from (GB/T 50493-2019 for gas detection), or says
// "practice" where no standard fixes it.

import { type RiskColour, type RiskLevel, riskLevelOf } from "../reference/risk-levels";
import type { AlarmRule } from "./rules";

export const DEVICE_TYPES = [
  "combustible_gas",
  "toxic_gas",
  "oxygen",
  "temperature",
  "pressure",
  "liquid_level",
  "flow",
  "switch_state",
] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

/** Alarm severity on the four-level scale: 1 is the most severe. One scale with the risk levels, so one colour. */
export type AlarmSeverity = RiskLevel;

/** Severity → colour: 1 red, 2 orange, 3 yellow, 4 blue, the risk colours of 安委办〔2016〕11号. */
export function severityColour(severity: AlarmSeverity): RiskColour {
  return riskLevelOf(severity).colour;
}

export type DeviceTypeInfo = {
  type: DeviceType;
  nameZh: string;
  nameEn: string;
  /** Unit of the reading's value. */
  unit: string;
  /** Rules every device of the type gets unless a per-device override changes or disables them. */
  defaultRules: readonly AlarmRule[];
};

// Practice: 300 s of silence is five missed readings at the once-a-minute reporting common for fixed detectors.
export const DEFAULT_INACTIVITY_SECONDS = 300;

// Work Safety Law (2021) art. 36: monitoring and alarm equipment may not be switched off, so silence is an alarm.
// Practice: yellow (severity 3); the hazard itself is unknown while the data is missing. Raise it where a blind
// detector is unacceptable (e.g. a gas detector in a zone with a history of leaks).
const inactivity: AlarmRule = {
  id: "inactivity",
  kind: "inactivity",
  severity: 3,
  durationSeconds: DEFAULT_INACTIVITY_SECONDS,
};

export const DEVICE_TYPE_INFO: Readonly<Record<DeviceType, DeviceTypeInfo>> = {
  combustible_gas: {
    type: "combustible_gas",
    nameZh: "可燃气体",
    nameEn: "Combustible gas",
    unit: "%LEL",
    defaultRules: [
      // GB/T 50493-2019: first-level alarm ≤ 25 %LEL, second-level ≤ 50 %LEL. 20 %LEL is practice within that
      // limit. Orange (2), not yellow: a fifth of the way to an explosive mixture calls for action now (find the
      // leak, ventilate), which is more than a "general" risk. Clears below 18 %LEL (practice, hysteresis).
      { id: "high", kind: "threshold_high", severity: 2, threshold: 20, clearThreshold: 18 },
      // GB/T 50493-2019: second level ≤ 50 %LEL; red (1): half-way to explosive. Clears below 45 (practice).
      { id: "high_high", kind: "threshold_high_high", severity: 1, threshold: 50, clearThreshold: 45 },
      inactivity,
    ],
  },
  toxic_gas: {
    type: "toxic_gas",
    nameZh: "有毒气体",
    nameEn: "Toxic gas",
    unit: "ppm",
    defaultRules: [
      // GB/T 50493-2019: first level ≤ 100 % OEL, second ≤ 200 % OEL of the gas measured. The defaults are practice
      // for an H₂S detector (10 / 20 ppm, the usual factory settings); set them per gas from its OEL.
      { id: "high", kind: "threshold_high", severity: 2, threshold: 10, clearThreshold: 9 },
      { id: "high_high", kind: "threshold_high_high", severity: 1, threshold: 20, clearThreshold: 18 },
      inactivity,
    ],
  },
  oxygen: {
    type: "oxygen",
    nameZh: "氧气",
    nameEn: "Oxygen",
    unit: "%VOL",
    defaultRules: [
      // GB 8958-2006 calls air below 19.5 % oxygen oxygen-deficient; GB/T 50493-2019 suggests 19.5 %VOL (deficiency)
      // and 23.5 %VOL (enrichment) as alarm points, as do common occupational limits. Orange (2) both ways; the
      // clear points 20.0 and 23.0 are practice (normal air is 20.9 %).
      { id: "low", kind: "threshold_low", severity: 2, threshold: 19.5, clearThreshold: 20 },
      { id: "high", kind: "threshold_high", severity: 2, threshold: 23.5, clearThreshold: 23 },
      inactivity,
    ],
  },
  // No universal threshold for process variables: they depend on the vessel and process. Set them per device.
  temperature: { type: "temperature", nameZh: "温度", nameEn: "Temperature", unit: "°C", defaultRules: [inactivity] },
  pressure: { type: "pressure", nameZh: "压力", nameEn: "Pressure", unit: "MPa", defaultRules: [inactivity] },
  liquid_level: { type: "liquid_level", nameZh: "液位", nameEn: "Liquid level", unit: "m", defaultRules: [inactivity] },
  flow: { type: "flow", nameZh: "流量", nameEn: "Flow", unit: "m³/h", defaultRules: [inactivity] },
  switch_state: {
    type: "switch_state",
    nameZh: "开关量",
    nameEn: "Switch state",
    // 0 = off / normal, 1 = on / tripped.
    unit: "",
    defaultRules: [
      // Practice: what "on" means differs (a tripped interlock, an open valve), so the alarm exists but is off until
      // a device override enables it. Raises at 1, clears at 0.
      { id: "switch_on", kind: "threshold_high", severity: 2, threshold: 1, clearThreshold: 1, enabled: false },
      inactivity,
    ],
  },
};

/** The type's names, unit and default rules. */
export function deviceTypeInfo(type: DeviceType): DeviceTypeInfo {
  return DEVICE_TYPE_INFO[type];
}

export function isDeviceType(value: unknown): value is DeviceType {
  return typeof value === "string" && (DEVICE_TYPES as readonly string[]).includes(value);
}
