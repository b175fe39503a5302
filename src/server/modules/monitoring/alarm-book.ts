import { randomUUID } from "node:crypto";
import { sql, type Transaction } from "kysely";
import { ACTIVE_ALARM_STATUSES } from "../../../domain/monitoring/alarm-lifecycle";
import type { AlarmTransition } from "../../../domain/monitoring/evaluate";
import type { AlarmRule } from "../../../domain/monitoring/rules";
import type { DB } from "../../db/schema";
import { notify } from "../../notifications/notify";

export interface AlarmChange {
  enterpriseId: string;
  alarmId: string;
  deviceId: string;
  type: AlarmTransition["type"];
  severity: number;
}

export interface AlarmDevice {
  enterprise_id: string;
  id: string;
  name: string;
  territory_path: string;
}

interface OpenAlarm {
  enterpriseId: string;
  id: string;
  deviceId: string;
  ruleId: string;
  /** Raised in this batch: inserted at flush, with whatever happened to it since. */
  isNew: boolean;
  changed: boolean;
  row: {
    rule_kind: string;
    severity: number;
    raised_at: Date;
    last_value: number | null;
    peak: number | null;
    last_update_at: Date;
    message_zh: string;
    message_en: string;
    cleared_at: Date | null;
    clear_value: number | null;
  };
  device: AlarmDevice;
  /** What the raise said, for the notification (the row may hold a later update by then). */
  raiseMessage?: AlarmTransition["message"];
}

const key = (enterpriseId: string, deviceId: string, ruleId: string) => `${enterpriseId}|${deviceId}|${ruleId}`;

/**
 * The device alarms of one batch, kept in memory: the open ones are read in
 * one query, every rule transition of the batch is applied here in reading
 * order, and the result is written back with one INSERT and one UPDATE. The
 * caller holds the devices' row locks, so no other process changes these
 * alarms' rule state meanwhile.
 */
export class AlarmBook {
  private readonly open = new Map<string, OpenAlarm>();
  private readonly touched: OpenAlarm[] = [];
  readonly changes: AlarmChange[] = [];

  private constructor() {}

  static async load(trx: Transaction<DB>, devices: { enterprise_id: string; id: string }[]): Promise<AlarmBook> {
    const book = new AlarmBook();
    if (devices.length === 0) return book;
    const rows = await trx
      .selectFrom("alarm")
      .select(["enterprise_id", "id", "device_id", "rule_id"])
      .where(
        sql<boolean>`(enterprise_id, device_id) IN (SELECT * FROM unnest(${devices.map((d) => d.enterprise_id)}::uuid[], ${devices.map((d) => d.id)}::uuid[]))`,
      )
      .where("source", "=", "device")
      .where("status", "in", [...ACTIVE_ALARM_STATUSES])
      .execute();
    for (const row of rows) {
      if (!row.device_id) continue;
      book.open.set(key(row.enterprise_id, row.device_id, row.rule_id), {
        enterpriseId: row.enterprise_id,
        id: row.id,
        deviceId: row.device_id,
        ruleId: row.rule_id,
        isNew: false,
        changed: false,
        // Only the fields a transition sets are written back for an existing alarm.
        row: {
          rule_kind: "",
          severity: 0,
          raised_at: new Date(0),
          last_value: null,
          peak: null,
          last_update_at: new Date(0),
          message_zh: "",
          message_en: "",
          cleared_at: null,
          clear_value: null,
        },
        device: { enterprise_id: row.enterprise_id, id: row.device_id, name: "", territory_path: "" },
      });
    }
    return book;
  }

  /** Applies one rule transition to the (device, rule) alarm: raise opens one, update changes it, clear ends it. */
  apply(device: AlarmDevice, rule: AlarmRule, transition: AlarmTransition): void {
    const k = key(device.enterprise_id, device.id, rule.id);
    const open = this.open.get(k);
    const message = {
      message_zh: `${device.name}：${transition.message["zh-CN"]}`,
      message_en: `${device.name}: ${transition.message.en}`,
    };
    if (transition.type === "raise") {
      if (open) return;
      const alarm: OpenAlarm = {
        enterpriseId: device.enterprise_id,
        id: randomUUID(),
        deviceId: device.id,
        ruleId: rule.id,
        isNew: true,
        changed: true,
        row: {
          rule_kind: rule.kind,
          severity: rule.severity,
          raised_at: transition.at,
          last_value: transition.value,
          peak: transition.peak,
          last_update_at: transition.at,
          ...message,
          cleared_at: null,
          clear_value: null,
        },
        device,
        raiseMessage: transition.message,
      };
      this.open.set(k, alarm);
      this.touched.push(alarm);
      this.changes.push({
        enterpriseId: device.enterprise_id,
        alarmId: alarm.id,
        deviceId: device.id,
        type: "raise",
        severity: rule.severity,
      });
      return;
    }
    if (!open) return;
    if (!open.changed) this.touched.push(open);
    open.changed = true;
    open.device = device;
    open.row.last_update_at = transition.at;
    if (transition.type === "clear") {
      open.row.cleared_at = transition.at;
      open.row.clear_value = transition.value;
      this.open.delete(k);
    } else {
      open.row.last_value = transition.value;
      open.row.peak = transition.peak;
      Object.assign(open.row, message);
    }
    this.changes.push({
      enterpriseId: device.enterprise_id,
      alarmId: open.id,
      deviceId: device.id,
      type: transition.type,
      severity: rule.severity,
    });
  }

  /** Writes the batch's alarms: one INSERT for those raised, one UPDATE for those changed, then notifies. */
  async flush(trx: Transaction<DB>, changedAt: Date): Promise<AlarmChange[]> {
    const created = this.touched.filter((a) => a.isNew);
    const updated = this.touched.filter((a) => !a.isNew);
    if (created.length > 0) {
      await trx
        .insertInto("alarm")
        .values(
          created.map((a) => ({
            enterprise_id: a.enterpriseId,
            id: a.id,
            territory_path: a.device.territory_path,
            source: "device" as const,
            device_id: a.deviceId,
            rule_id: a.ruleId,
            rule_kind: a.row.rule_kind,
            severity: a.row.severity,
            // Raised and cleared within one batch: stored as it ended, cleared and not yet acknowledged.
            status: a.row.cleared_at ? ("cleared_unacknowledged" as const) : ("active_unacknowledged" as const),
            raised_at: a.row.raised_at,
            last_value: a.row.last_value,
            peak: a.row.peak,
            last_update_at: a.row.last_update_at,
            message_zh: a.row.message_zh,
            message_en: a.row.message_en,
            acknowledged_at: null,
            acknowledged_by: null,
            acknowledge_note: null,
            cleared_at: a.row.cleared_at,
            clear_value: a.row.clear_value,
            disposals: "[]",
            cap_messages: "[]",
            changed_at: changedAt,
          })),
        )
        .execute();
    }
    const updates = updated;
    if (updates.length > 0) {
      const column = <T>(pick: (a: OpenAlarm) => T) => updates.map(pick);
      // An acknowledged alarm that clears is done; one nobody acknowledged stays visible as cleared-unacknowledged.
      await sql`
        UPDATE alarm SET
          status = CASE WHEN v.cleared_at IS NULL THEN alarm.status
                        WHEN alarm.status = 'acknowledged' THEN 'cleared' ELSE 'cleared_unacknowledged' END,
          last_value = COALESCE(v.last_value, alarm.last_value),
          peak = COALESCE(v.peak, alarm.peak),
          last_update_at = v.last_update_at,
          message_zh = COALESCE(NULLIF(v.message_zh, ''), alarm.message_zh),
          message_en = COALESCE(NULLIF(v.message_en, ''), alarm.message_en),
          cleared_at = v.cleared_at,
          clear_value = v.clear_value,
          changed_at = ${changedAt}
        FROM unnest(
          ${column((a) => a.enterpriseId)}::uuid[],
          ${column((a) => a.id)}::uuid[],
          ${column((a) => a.row.last_value)}::float8[],
          ${column((a) => a.row.peak)}::float8[],
          ${column((a) => a.row.last_update_at.toISOString())}::timestamptz[],
          ${column((a) => a.row.message_zh)}::text[],
          ${column((a) => a.row.message_en)}::text[],
          ${column((a) => a.row.cleared_at?.toISOString() ?? null)}::timestamptz[],
          ${column((a) => a.row.clear_value)}::float8[]
        ) AS v(enterprise_id, id, last_value, peak, last_update_at, message_zh, message_en, cleared_at, clear_value)
        WHERE alarm.enterprise_id = v.enterprise_id AND alarm.id = v.id`.execute(trx);
    }
    for (const alarm of created) await notifyRaised(trx, alarm);
    return this.changes;
  }
}

/** The enterprise's safety managers hear of a raised alarm at once; escalation follows if nobody acknowledges. */
async function notifyRaised(trx: Transaction<DB>, alarm: OpenAlarm): Promise<void> {
  const managers = await trx
    .selectFrom("user_enterprise")
    .innerJoin("app_user", "app_user.id", "user_enterprise.user_id")
    .select("app_user.id")
    .where("user_enterprise.enterprise_id", "=", alarm.enterpriseId)
    .where("app_user.role", "in", ["safety_manager"])
    .execute();
  await notify(trx, {
    userIds: managers.map((m) => m.id),
    kind: "alarm.raised",
    dedupeKey: `alarm:${alarm.id}:raised`,
    title: { "zh-CN": `报警：${alarm.device.name}`, en: `Alarm: ${alarm.device.name}` },
    body: {
      "zh-CN": alarm.raiseMessage?.["zh-CN"] ?? alarm.row.message_zh,
      en: alarm.raiseMessage?.en ?? alarm.row.message_en,
    },
    link: `/alarms/${alarm.id}`,
    severity: alarm.row.severity <= 2 ? "critical" : "warning",
    enterpriseId: alarm.enterpriseId,
    territoryPath: alarm.device.territory_path,
    at: alarm.row.raised_at,
  });
}
