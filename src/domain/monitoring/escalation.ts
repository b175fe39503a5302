// Escalating an alarm nobody acknowledges: enterprise safety manager, then principal person, then the territory's
// supervisor. The minutes are practice, not law (issue "monitoring and automatic alarms"): configurable, the values
// below are the shipped defaults. Work Safety Law (2021) art. 21 and 25: the principal person and the safety managers
// answer for the enterprise's safety; the supervisor is the government's eye on it.

import { type LocalisedText, text } from "../text";
import type { AlarmLifecycle } from "./alarm-lifecycle";
import type { AlarmSeverity } from "./device-types";

export type AlarmEscalationStep = 1 | 2 | 3;
export type AlarmEscalationTarget = "safety_manager" | "principal" | "territory_supervisor";

export const ALARM_ESCALATION_TARGETS: Readonly<Record<AlarmEscalationStep, AlarmEscalationTarget>> = {
  1: "safety_manager",
  2: "principal",
  3: "territory_supervisor",
};

export const ALARM_ESCALATION_TARGET_LABELS: Readonly<Record<AlarmEscalationTarget, LocalisedText>> = {
  safety_manager: text("企业安全管理人员", "Enterprise safety manager"),
  principal: text("主要负责人", "Principal person"),
  territory_supervisor: text("属地监管人员", "Territory supervisor"),
};

export type AlarmEscalationConfig = {
  /** Minutes unacknowledged after which each step is due, counted from the raise. */
  safetyManagerAfterMinutes: number;
  principalAfterMinutes: number;
  territorySupervisorAfterMinutes: number;
  /** The supervisor step applies to alarms of this severity or worse only (1 = red only, 4 = all). */
  territorySupervisorUpToSeverity: AlarmSeverity;
};

// Practice (issue): 5 and 15 minutes; 30 minutes and red/orange only for the government step, so a territory's
// supervisor is not paged for every offline detector.
export const DEFAULT_ALARM_ESCALATION: AlarmEscalationConfig = {
  safetyManagerAfterMinutes: 5,
  principalAfterMinutes: 15,
  territorySupervisorAfterMinutes: 30,
  territorySupervisorUpToSeverity: 2,
};

export type EscalationAlarm = Pick<AlarmLifecycle, "raisedAt" | "status"> & {
  /** Steps already sent for this alarm. */
  stepsSent: readonly AlarmEscalationStep[];
  /** Without it every step applies. */
  severity?: AlarmSeverity;
};

export type DueEscalation = { step: AlarmEscalationStep; target: AlarmEscalationTarget; dueAt: Date };

/**
 * The escalation steps due now and not sent yet, lowest first: a job that fell behind sends them all, and a job that
 * runs again sends nothing twice. Only an alarm still active and unacknowledged escalates: acknowledging stops it,
 * and so does the condition clearing (the alarm then waits for its acknowledgement without paging anyone further).
 */
export function escalationDue(
  alarm: EscalationAlarm,
  now: Date,
  config: AlarmEscalationConfig = DEFAULT_ALARM_ESCALATION,
): DueEscalation[] {
  if (alarm.status !== "active_unacknowledged") return [];
  const steps: [AlarmEscalationStep, number][] = [
    [1, config.safetyManagerAfterMinutes],
    [2, config.principalAfterMinutes],
  ];
  if (alarm.severity === undefined || alarm.severity <= config.territorySupervisorUpToSeverity) {
    steps.push([3, config.territorySupervisorAfterMinutes]);
  }
  return steps
    .map(([step, minutes]) => ({
      step,
      target: ALARM_ESCALATION_TARGETS[step],
      dueAt: new Date(alarm.raisedAt.getTime() + minutes * 60_000),
    }))
    .filter((due) => due.dueAt.getTime() <= now.getTime() && !alarm.stepsSent.includes(due.step));
}
