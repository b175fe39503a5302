// A DualGuard alarm as OASIS CAP 1.2 messages. The raise is an Alert; later news of the same alarm is an
// Update referencing every earlier message of it. When the condition ends the alarm becomes an Update with
// responseType AllClear and urgency Past: CAP 1.2 §3.2.2 defines AllClear as "the subject event no longer poses a
// threat", whereas Cancel "cancels the earlier message(s)", which readers take as a retraction. So Cancel is kept for
// an alarm withdrawn as false (a test gas, a faulty detector) and carries a note saying why.

import { type AlarmSeverity, type DeviceType, deviceTypeInfo, severityColour } from "../monitoring/device-types";
import { ALARM_RULE_KIND_LABELS, type AlarmRuleKind } from "../monitoring/rules";
import { type LocalisedText, text } from "../text";
import {
  type CapAlertInput,
  type CapArea,
  type CapCategory,
  type CapInfo,
  type CapScope,
  type CapStatus,
  capDateTime,
  capSeverityFor,
  capUrgencyCertaintyFor,
  DEFAULT_CAP_UTC_OFFSET_MINUTES,
} from "./cap-alert";

export type AlarmCapSubject = {
  alarmId: string;
  deviceId: string;
  deviceName: string;
  deviceType: DeviceType;
  ruleId: string;
  ruleKind: AlarmRuleKind;
  severity: AlarmSeverity;
  /** The message of the transition this CAP message reports. */
  message: LocalisedText;
  /** The compared quantity and its peak, as in the transition. */
  value: number;
  peak: number;
  raisedAt: Date;
  enterpriseName: string;
  /** Where the device is: a circle around it (radius 0 for the point itself) or the unit's outline. */
  area: CapArea;
};

/** raise → Alert; update → Update; clear → Update with AllClear; cancel → Cancel (withdrawn as false). */
export type AlarmCapPhase = "raise" | "update" | "clear" | "cancel";

/** A CAP message already sent for the alarm. */
export type SentCapMessage = { identifier: string; sent: Date };

export type AlarmCapOptions = {
  /** The platform's CAP sender id, e.g. its domain name. */
  sender: string;
  sent: Date;
  /** 1 for the Alert, then 2, 3 … for each later message of the alarm. */
  sequence: number;
  /** Earlier messages of this alarm, oldest first; every one is referenced. */
  previous: readonly SentCapMessage[];
  status?: CapStatus;
  scope?: CapScope;
  restriction?: string;
  /** Why the alarm is withdrawn (cancel only). */
  cancelNote?: string;
  /** The alarm's page. */
  web?: string;
  utcOffsetMinutes?: number;
};

/** The identifier of the alarm's n-th CAP message; stable, so a re-run produces the same message. */
export function alarmCapIdentifier(alarmId: string, sequence: number): string {
  return `dualguard.alarm.${alarmId}.${sequence}`;
}

/** CAP categories of an alarm: a flammable atmosphere is a fire matter, a toxic or oxygen one a health matter. */
export function capCategoriesFor(deviceType: DeviceType, ruleKind: AlarmRuleKind): CapCategory[] {
  // Monitoring offline says nothing of the hazard itself: only a safety matter.
  if (ruleKind === "inactivity") return ["Safety"];
  if (deviceType === "combustible_gas") return ["Safety", "Fire"];
  if (deviceType === "toxic_gas" || deviceType === "oxygen") return ["Safety", "Health"];
  return ["Safety"];
}

// Three decimals: enough for any sensor, and no binary noise such as 0.30000000000000004 in the feed.
const rounded = (n: number) => String(Math.round(n * 1000) / 1000);

/** The CAP input for one message about an alarm; pass it to buildCapAlert. */
export function alarmCapAlert(subject: AlarmCapSubject, phase: AlarmCapPhase, options: AlarmCapOptions): CapAlertInput {
  const type = deviceTypeInfo(subject.deviceType);
  const kind = ALARM_RULE_KIND_LABELS[subject.ruleKind];
  const live = phase === "raise" || phase === "update";
  const ended =
    phase === "clear" ? text("解除：", "Cleared: ") : phase === "cancel" ? text("撤销：", "Withdrawn: ") : null;
  const offset = options.utcOffsetMinutes ?? DEFAULT_CAP_UTC_OFFSET_MINUTES;
  const unit =
    subject.ruleKind === "inactivity" ? "s" : subject.ruleKind === "rate_of_change" ? `${type.unit}/min` : type.unit;
  const parameters = [
    { name: "deviceId", value: subject.deviceId },
    { name: "ruleId", value: subject.ruleId },
    { name: "ruleKind", value: subject.ruleKind },
    { name: "value", value: rounded(subject.value) },
    { name: "peak", value: rounded(subject.peak) },
    { name: "unit", value: unit },
    { name: "colour", value: severityColour(subject.severity) },
    { name: "raisedAt", value: capDateTime(subject.raisedAt, offset) },
  ];
  const shared = {
    category: capCategoriesFor(subject.deviceType, subject.ruleKind),
    ...(live ? {} : { responseType: ["AllClear" as const] }),
    ...capUrgencyCertaintyFor(live),
    severity: capSeverityFor(subject.severity),
    eventCodes: [{ name: "DualGuard", value: `${subject.deviceType}.${subject.ruleKind}` }],
    senderName: subject.enterpriseName,
    web: options.web,
    parameters,
    area: subject.area,
  } satisfies Partial<CapInfo>;
  const eventZh = `${type.nameZh}${kind["zh-CN"]}`;
  const eventEn = `${type.nameEn} ${kind.en.charAt(0).toLowerCase()}${kind.en.slice(1)}`;
  // One info block per language (CAP 1.2 §3.2.2: several info blocks may carry the same alert in other languages).
  const info: CapInfo[] = [
    {
      language: "zh-CN",
      event: eventZh,
      headline: `${ended?.["zh-CN"] ?? ""}${subject.enterpriseName} ${subject.deviceName} ${eventZh}`,
      description: subject.message["zh-CN"],
      ...shared,
    },
    {
      language: "en-US",
      event: eventEn,
      headline: `${ended?.en ?? ""}${subject.enterpriseName} ${subject.deviceName}: ${eventEn}`,
      description: subject.message.en,
      ...shared,
    },
  ];
  return {
    identifier: alarmCapIdentifier(subject.alarmId, options.sequence),
    sender: options.sender,
    sent: options.sent,
    status: options.status ?? "Actual",
    msgType: phase === "raise" ? "Alert" : phase === "cancel" ? "Cancel" : "Update",
    scope: options.scope,
    restriction: options.restriction,
    note: phase === "cancel" ? options.cancelNote : undefined,
    references: phase === "raise" ? [] : options.previous.map((m) => ({ sender: options.sender, ...m })),
    // All messages of one alarm form one incident.
    incidents: [`dualguard.alarm.${subject.alarmId}`],
    info,
    utcOffsetMinutes: options.utcOffsetMinutes,
  };
}
