import type { Transaction } from "kysely";
import type { DeviceType } from "../../../domain/monitoring/device-types";
import {
  type AlarmTransition,
  evaluateReading,
  evaluateSilence,
  newRuleState,
  parseRuleState,
  type RuleState,
} from "../../../domain/monitoring/evaluate";
import { type AlarmRule, type AlarmRuleOverride, effectiveRules } from "../../../domain/monitoring/rules";
import type { DB } from "../../db/schema";
import { notify } from "../../notifications/notify";

type RuleStates = Record<string, RuleState>;

export interface AlarmChange {
  enterpriseId: string;
  alarmId: string;
  deviceId: string;
  type: AlarmTransition["type"];
  severity: number;
}

/** Applies one rule transition to the (device, rule) alarm row: raise inserts, update changes it, clear ends it. */
async function applyTransition(
  trx: Transaction<DB>,
  device: { enterprise_id: string; id: string; name: string; territory_path: string },
  rule: AlarmRule,
  transition: AlarmTransition,
): Promise<AlarmChange | null> {
  const open = await trx
    .selectFrom("alarm")
    .select(["id", "status"])
    .where("enterprise_id", "=", device.enterprise_id)
    .where("device_id", "=", device.id)
    .where("rule_id", "=", rule.id)
    .where("status", "in", ["active_unacknowledged", "acknowledged"])
    .executeTakeFirst();
  if (transition.type === "raise" && !open) {
    const created = await trx
      .insertInto("alarm")
      .values({
        enterprise_id: device.enterprise_id,
        territory_path: device.territory_path,
        source: "device",
        device_id: device.id,
        rule_id: rule.id,
        rule_kind: rule.kind,
        severity: rule.severity,
        status: "active_unacknowledged",
        raised_at: transition.at,
        last_value: transition.value,
        peak: transition.peak,
        last_update_at: transition.at,
        message_zh: `${device.name}：${transition.message.zh}`,
        message_en: `${device.name}: ${transition.message.en}`,
        acknowledged_at: null,
        acknowledged_by: null,
        acknowledge_note: null,
        cleared_at: null,
        clear_value: null,
        disposals: "[]",
        cap_messages: "[]",
        changed_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const managers = await trx
      .selectFrom("user_enterprise")
      .innerJoin("app_user", "app_user.id", "user_enterprise.user_id")
      .select("app_user.id")
      .where("user_enterprise.enterprise_id", "=", device.enterprise_id)
      .where("app_user.role", "in", ["safety_manager"])
      .execute();
    await notify(trx, {
      userIds: managers.map((m) => m.id),
      kind: "alarm.raised",
      dedupeKey: `alarm:${created.id}:raised`,
      title: { "zh-CN": `报警：${device.name}`, en: `Alarm: ${device.name}` },
      body: { "zh-CN": transition.message.zh, en: transition.message.en },
      link: `/alarms/${created.id}`,
      severity: rule.severity <= 2 ? "critical" : "warning",
      enterpriseId: device.enterprise_id,
      territoryPath: device.territory_path,
      at: transition.at,
    });
    return {
      enterpriseId: device.enterprise_id,
      alarmId: created.id,
      deviceId: device.id,
      type: "raise",
      severity: rule.severity,
    };
  }
  if (!open) return null;
  if (transition.type === "clear") {
    await trx
      .updateTable("alarm")
      .set({
        status: open.status === "acknowledged" ? "cleared" : "cleared_unacknowledged",
        cleared_at: transition.at,
        clear_value: transition.value,
        last_update_at: transition.at,
        changed_at: new Date(),
      })
      .where("enterprise_id", "=", device.enterprise_id)
      .where("id", "=", open.id)
      .execute();
  } else {
    await trx
      .updateTable("alarm")
      .set({
        last_value: transition.value,
        peak: transition.peak,
        last_update_at: transition.at,
        message_zh: `${device.name}：${transition.message.zh}`,
        message_en: `${device.name}: ${transition.message.en}`,
        changed_at: new Date(),
      })
      .where("enterprise_id", "=", device.enterprise_id)
      .where("id", "=", open.id)
      .execute();
  }
  return {
    enterpriseId: device.enterprise_id,
    alarmId: open.id,
    deviceId: device.id,
    type: transition.type,
    severity: rule.severity,
  };
}

async function lockDevice(trx: Transaction<DB>, enterpriseId: string, deviceId: string) {
  return trx
    .selectFrom("device")
    .innerJoin("enterprise", "enterprise.id", "device.enterprise_id")
    .select([
      "device.enterprise_id",
      "device.id",
      "device.name",
      "device.device_type",
      "device.rule_overrides",
      "device.rule_state",
      "device.created_at",
      "enterprise.territory_path",
    ])
    .where("device.enterprise_id", "=", enterpriseId)
    .where("device.id", "=", deviceId)
    .forUpdate(["device"] as never)
    .executeTakeFirstOrThrow();
}

function statesOf(raw: unknown, rules: AlarmRule[], now: Date): RuleStates {
  const stored = (raw ?? {}) as Record<string, unknown>;
  return Object.fromEntries(rules.map((rule) => [rule.id, parseRuleState(stored[rule.id]) ?? newRuleState(now)]));
}

/**
 * Evaluates every rule of each device on its newly stored readings, in time
 * order, inside the ingest transaction: alarms and rule state commit together
 * with the readings, so nothing is lost or doubled after a crash.
 */
export async function evaluateStoredReadings(
  trx: Transaction<DB>,
  stored: { enterpriseId: string; deviceId: string; ts: Date; value: number }[],
  now: Date,
): Promise<AlarmChange[]> {
  const byDevice = new Map<string, typeof stored>();
  for (const r of stored)
    byDevice.set(`${r.enterpriseId}|${r.deviceId}`, [...(byDevice.get(`${r.enterpriseId}|${r.deviceId}`) ?? []), r]);
  const changes: AlarmChange[] = [];
  for (const readings of byDevice.values()) {
    const device = await lockDevice(trx, readings[0].enterpriseId, readings[0].deviceId);
    const rules = effectiveRules(device.device_type as DeviceType, device.rule_overrides as AlarmRuleOverride[]).filter(
      (r) => r.enabled !== false,
    );
    const states = statesOf(device.rule_state, rules, now);
    for (const reading of [...readings].sort((a, b) => a.ts.getTime() - b.ts.getTime())) {
      for (const rule of rules) {
        const result = evaluateReading(states[rule.id], rule, { ts: reading.ts, value: reading.value }, now);
        states[rule.id] = result.state;
        if (result.transition) {
          const change = await applyTransition(trx, device, rule, result.transition);
          if (change) changes.push(change);
        }
      }
    }
    await trx
      .updateTable("device")
      .set({ rule_state: JSON.stringify(states) })
      .where("enterprise_id", "=", device.enterprise_id)
      .where("id", "=", device.id)
      .execute();
  }
  return changes;
}

/** Inactivity: a device silent for longer than its rule allows raises "monitoring offline" (Work Safety Law art. 36). */
export async function evaluateSilences(trx: Transaction<DB>, now: Date): Promise<AlarmChange[]> {
  const devices = await trx.selectFrom("device").select(["enterprise_id", "id"]).execute();
  const changes: AlarmChange[] = [];
  for (const { enterprise_id, id } of devices) {
    const device = await lockDevice(trx, enterprise_id, id);
    const rules = effectiveRules(device.device_type as DeviceType, device.rule_overrides as AlarmRuleOverride[]).filter(
      (r) => r.enabled !== false && r.kind === "inactivity",
    );
    if (rules.length === 0) continue;
    const all = { ...((device.rule_state ?? {}) as Record<string, unknown>) };
    let changed = false;
    for (const rule of rules) {
      // A device that never reported has been silent since it was registered.
      const state = parseRuleState(all[rule.id]) ?? newRuleState(device.created_at);
      const result = evaluateSilence(state, rule, now);
      if (JSON.stringify(result.state) !== JSON.stringify(state) || !all[rule.id]) {
        all[rule.id] = result.state;
        changed = true;
      }
      if (result.transition) {
        const change = await applyTransition(trx, device, rule, result.transition);
        if (change) changes.push(change);
      }
    }
    if (changed)
      await trx
        .updateTable("device")
        .set({ rule_state: JSON.stringify(all) })
        .where("enterprise_id", "=", enterprise_id)
        .where("id", "=", id)
        .execute();
  }
  return changes;
}
