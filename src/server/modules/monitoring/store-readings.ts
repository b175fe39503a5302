import { sql, type Transaction } from "kysely";
import type { DeviceType } from "../../../domain/monitoring/device-types";
import { evaluateReading, newRuleState, parseRuleState, type RuleState } from "../../../domain/monitoring/evaluate";
import { type AlarmRule, type AlarmRuleOverride, effectiveRules } from "../../../domain/monitoring/rules";
import type { DB } from "../../db/schema";
import type { LocalisedText } from "../../errors";
import { AlarmBook, type AlarmChange } from "./alarm-book";

// Limits: a batch a gateway sends in one request, readings in one broker message, and how far ahead of our clock a
// device's clock may run (a reading further ahead would make every later, correct one look out of order).
export const MAX_BATCH = 5000;
export const MAX_READINGS_PER_MESSAGE = 1000;
export const MAX_FUTURE_MS = 5 * 60_000;

export interface IncomingReading {
  deviceId?: unknown;
  ts?: unknown;
  value?: unknown;
}

/**
 * Who sends: one device with its own credential (HTTP), a gateway token allowed
 * for some enterprises (HTTP), or a broker message on a device's own topic
 * (the broker lets only that device publish there).
 */
export type IngestCaller =
  | { kind: "device"; enterpriseId: string; deviceId: string }
  | { kind: "gateway"; enterpriseIds: string[] | "all" }
  | { kind: "topic"; enterpriseId: string; deviceCode: string };

export type RejectReason =
  | "unknown_device"
  | "not_allowed"
  | "bad_timestamp"
  | "future_timestamp"
  | "too_old"
  | "not_numeric";

export interface ReadingSubmission {
  caller: IngestCaller;
  readings: IncomingReading[];
  channel: "http" | "mqtt";
}

export interface StoredReading {
  enterpriseId: string;
  deviceId: string;
  ts: Date;
  value: number;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; deviceId: string | null; reason: RejectReason; text: LocalisedText }[];
  /** The readings newly stored. */
  stored: StoredReading[];
}

export function rejectText(reason: RejectReason, retentionDays: number): LocalisedText {
  switch (reason) {
    case "unknown_device":
      return {
        "zh-CN": "未知设备：请先在本企业登记该设备",
        en: "Unknown device: register the device in this enterprise first",
      };
    case "not_allowed":
      return {
        "zh-CN": "设备凭证只能上报该设备自己的读数",
        en: "A device credential may only send that device's own readings",
      };
    case "bad_timestamp":
      return {
        "zh-CN": "时间戳无效：应为 ISO 8601 时间或毫秒数",
        en: "Invalid timestamp: use ISO 8601 or epoch milliseconds",
      };
    case "future_timestamp":
      return {
        "zh-CN": "时间戳超前服务器时间 5 分钟以上：请校准设备时钟",
        en: "Timestamp more than 5 minutes ahead of the server: fix the device clock",
      };
    case "too_old":
      return {
        "zh-CN": `时间戳早于数据保存期（${retentionDays} 天）：请校准设备时钟`,
        en: `Timestamp older than the retention period (${retentionDays} days): fix the device clock`,
      };
    case "not_numeric":
      return { "zh-CN": "读数不是有限数字", en: "The value is not a finite number" };
  }
}

function parseTs(raw: unknown): Date | null {
  if (typeof raw === "number" && Number.isFinite(raw)) return new Date(raw);
  if (typeof raw === "string" && raw.trim() !== "") {
    const parsed = /^\d+$/.test(raw) ? new Date(Number(raw)) : new Date(raw);
    return Number.isNaN(parsed.getTime()) ? null : parsed;
  }
  return null;
}

interface LockedDevice {
  enterprise_id: string;
  id: string;
  code: string;
  name: string;
  device_type: string;
  rule_overrides: unknown;
  rule_state: unknown;
  territory_path: string;
}

/**
 * Finds and locks, in one statement and in a fixed order (so two processes
 * never deadlock), every device the submissions may name: by (enterprise, code)
 * for broker messages, by id for device credentials, by code or id within the
 * allowed enterprises for gateways.
 */
async function lockDevices(trx: Transaction<DB>, submissions: ReadingSubmission[]): Promise<LockedDevice[]> {
  const topicEnterprises: string[] = [];
  const topicCodes: string[] = [];
  const ownEnterprises: string[] = [];
  const ownIds: string[] = [];
  const gatewayCodes = new Set<string>();
  const gatewayEnterprises = new Set<string>();
  let gatewayAll = false;
  for (const { caller, readings } of submissions) {
    if (caller.kind === "topic") {
      topicEnterprises.push(caller.enterpriseId);
      topicCodes.push(caller.deviceCode);
    } else if (caller.kind === "device") {
      ownEnterprises.push(caller.enterpriseId);
      ownIds.push(caller.deviceId);
    } else {
      if (caller.enterpriseIds === "all") gatewayAll = true;
      else for (const id of caller.enterpriseIds) gatewayEnterprises.add(id);
      for (const r of readings) if (typeof r.deviceId === "string") gatewayCodes.add(r.deviceId);
    }
  }
  const codes = [...gatewayCodes];
  const result = await sql<LockedDevice>`
    WITH wanted AS (
      SELECT d.enterprise_id, d.id FROM device d
        JOIN unnest(${topicEnterprises}::uuid[], ${topicCodes}::text[]) AS w(enterprise_id, code)
          ON d.enterprise_id = w.enterprise_id AND d.code = w.code
      UNION
      SELECT d.enterprise_id, d.id FROM device d
        JOIN unnest(${ownEnterprises}::uuid[], ${ownIds}::uuid[]) AS w(enterprise_id, id)
          ON d.enterprise_id = w.enterprise_id AND d.id = w.id
      UNION
      SELECT d.enterprise_id, d.id FROM device d
        WHERE (d.code = ANY(${codes}::text[]) OR d.id::text = ANY(${codes}::text[]))
          AND (${gatewayAll}::boolean OR d.enterprise_id = ANY(${[...gatewayEnterprises]}::uuid[]))
    )
    SELECT d.enterprise_id, d.id, d.code, d.name, d.device_type, d.rule_overrides, d.rule_state,
           e.territory_path
      FROM device d JOIN wanted USING (enterprise_id, id) JOIN enterprise e ON e.id = d.enterprise_id
     ORDER BY d.enterprise_id, d.id
       FOR UPDATE OF d`.execute(trx);
  return result.rows;
}

/** The device a reading is for, as this caller may name it; a reason when it may not. */
function deviceFor(
  caller: IngestCaller,
  reading: IncomingReading,
  byTopic: Map<string, LockedDevice>,
  byId: Map<string, LockedDevice>,
  byCode: Map<string, LockedDevice[]>,
): LockedDevice | "unknown_device" | "not_allowed" {
  if (caller.kind === "topic") return byTopic.get(`${caller.enterpriseId}|${caller.deviceCode}`) ?? "unknown_device";
  const named = typeof reading.deviceId === "string" ? reading.deviceId : null;
  if (caller.kind === "device") {
    const own = byId.get(caller.deviceId);
    if (!own) return "unknown_device";
    // A device names itself by code or id, or not at all; naming any other device is refused without looking it up.
    return named === null || named === own.code || named === own.id ? own : "not_allowed";
  }
  if (named === null) return "unknown_device";
  const allowed = (d: LockedDevice) => caller.enterpriseIds === "all" || caller.enterpriseIds.includes(d.enterprise_id);
  // Only devices of the gateway's enterprises are looked at, so a code of another enterprise reads as unknown.
  const device = byId.get(named) ?? byCode.get(named)?.find(allowed);
  return device && allowed(device) ? device : "unknown_device";
}

const statesOf = (raw: unknown, rules: AlarmRule[], now: Date): Record<string, RuleState> => {
  const stored = (raw ?? {}) as Record<string, unknown>;
  return Object.fromEntries(rules.map((rule) => [rule.id, parseRuleState(stored[rule.id]) ?? newRuleState(now)]));
};

export interface StoreOutcome {
  results: IngestResult[];
  alarms: AlarmChange[];
}

/**
 * Stores the readings of several submissions in the caller's transaction, with
 * a fixed number of statements whatever the batch size: lock the devices, check
 * each reading on its own (a bad one never stops the good ones), insert the good
 * ones in one statement that ignores a (device, ts) already stored, so QoS-1
 * redelivery and retries change nothing, evaluate every alarm rule in memory in
 * time order, and write device state and alarms back in one statement each.
 * The caller acknowledges only after it commits.
 */
export async function storeReadings(
  trx: Transaction<DB>,
  submissions: ReadingSubmission[],
  now: Date,
  options: { retentionDays: number },
): Promise<StoreOutcome> {
  const devices = await lockDevices(trx, submissions);
  const byTopic = new Map(devices.map((d) => [`${d.enterprise_id}|${d.code}`, d]));
  const byId = new Map(devices.map((d) => [d.id, d]));
  const byCode = new Map<string, LockedDevice[]>();
  for (const d of devices) byCode.set(d.code, [...(byCode.get(d.code) ?? []), d]);

  const oldest = now.getTime() - options.retentionDays * 86_400_000;
  const results: IngestResult[] = submissions.map(() => ({ accepted: 0, duplicates: 0, rejected: [], stored: [] }));
  const valid: (StoredReading & { submission: number })[] = [];
  const seen = new Set<string>();
  submissions.forEach(({ caller, readings }, s) => {
    const result = results[s];
    for (const [index, reading] of readings.entries()) {
      const reject = (reason: RejectReason) =>
        result.rejected.push({
          index,
          deviceId: typeof reading.deviceId === "string" ? reading.deviceId : null,
          reason,
          text: rejectText(reason, options.retentionDays),
        });
      const device = deviceFor(caller, reading, byTopic, byId, byCode);
      if (typeof device === "string") {
        reject(device);
        continue;
      }
      const ts = parseTs(reading.ts);
      if (!ts) {
        reject("bad_timestamp");
        continue;
      }
      if (ts.getTime() > now.getTime() + MAX_FUTURE_MS) {
        reject("future_timestamp");
        continue;
      }
      if (ts.getTime() < oldest) {
        reject("too_old");
        continue;
      }
      const value =
        typeof reading.value === "string" && reading.value.trim() !== "" ? Number(reading.value) : reading.value;
      if (typeof value !== "number" || !Number.isFinite(value)) {
        reject("not_numeric");
        continue;
      }
      const key = `${device.id}|${ts.getTime()}`;
      if (seen.has(key)) {
        result.duplicates++;
        continue;
      }
      seen.add(key);
      valid.push({ enterpriseId: device.enterprise_id, deviceId: device.id, ts, value, submission: s });
    }
  });
  if (valid.length === 0) return { results, alarms: [] };

  const inserted = await sql<{ device_id: string; ts: Date }>`
    INSERT INTO reading (enterprise_id, device_id, ts, value, received_at)
    SELECT v.enterprise_id, v.device_id, v.ts, v.value, ${now}::timestamptz
      FROM unnest(${valid.map((r) => r.enterpriseId)}::uuid[], ${valid.map((r) => r.deviceId)}::uuid[],
                  ${valid.map((r) => r.ts.toISOString())}::timestamptz[], ${valid.map((r) => r.value)}::float8[])
           AS v(enterprise_id, device_id, ts, value)
    ON CONFLICT (enterprise_id, device_id, ts) DO NOTHING
    RETURNING device_id, ts`.execute(trx);
  const storedKeys = new Set(inserted.rows.map((r) => `${r.device_id}|${new Date(r.ts).getTime()}`));
  const stored = valid.filter((r) => storedKeys.has(`${r.deviceId}|${r.ts.getTime()}`));
  for (const r of valid) {
    const { submission, ...reading } = r;
    if (storedKeys.has(`${r.deviceId}|${r.ts.getTime()}`)) {
      results[submission].stored.push(reading);
      results[submission].accepted++;
    } else results[submission].duplicates++;
  }
  if (stored.length === 0) return { results, alarms: [] };

  // Every rule of every device, on its newly stored readings in time order, with state and alarms in memory.
  const byDevice = new Map<string, StoredReading[]>();
  for (const r of stored) byDevice.set(r.deviceId, [...(byDevice.get(r.deviceId) ?? []), r]);
  const touched = [...byDevice.keys()].map((id) => byId.get(id)!);
  const book = await AlarmBook.load(trx, touched);
  const deviceUpdates: { device: LockedDevice; states: Record<string, RuleState>; last: StoredReading }[] = [];
  for (const device of touched) {
    const readings = byDevice.get(device.id)!.sort((a, b) => a.ts.getTime() - b.ts.getTime());
    const rules = effectiveRules(device.device_type as DeviceType, device.rule_overrides as AlarmRuleOverride[]).filter(
      (r) => r.enabled !== false,
    );
    const states = statesOf(device.rule_state, rules, now);
    for (const reading of readings) {
      for (const rule of rules) {
        const evaluated = evaluateReading(states[rule.id], rule, reading, now);
        states[rule.id] = evaluated.state;
        if (evaluated.transition) book.apply(device, rule, evaluated.transition);
      }
    }
    deviceUpdates.push({ device, states, last: readings[readings.length - 1] });
  }
  // The newest stored reading of each device becomes its last value, unless a newer one is there already.
  await sql`
    UPDATE device SET
      rule_state = v.rule_state,
      last_value = CASE WHEN device.last_ts IS NULL OR device.last_ts < v.ts THEN v.value ELSE device.last_value END,
      last_ts = CASE WHEN device.last_ts IS NULL OR device.last_ts < v.ts THEN v.ts ELSE device.last_ts END
    FROM unnest(${deviceUpdates.map((u) => u.device.enterprise_id)}::uuid[], ${deviceUpdates.map((u) => u.device.id)}::uuid[],
                ${deviceUpdates.map((u) => JSON.stringify(u.states))}::jsonb[], ${deviceUpdates.map((u) => u.last.value)}::float8[],
                ${deviceUpdates.map((u) => u.last.ts.toISOString())}::timestamptz[])
         AS v(enterprise_id, id, rule_state, value, ts)
    WHERE device.enterprise_id = v.enterprise_id AND device.id = v.id`.execute(trx);
  const alarms = await book.flush(trx, new Date());
  return { results, alarms };
}

/** Adds a batch's outcomes to the day's counters in one statement, rows in key order so processes never deadlock. */
export async function countOutcomes(
  trx: Transaction<DB>,
  day: string,
  outcomes: { channel: string; outcome: string; count: number }[],
): Promise<void> {
  const totals = new Map<string, { channel: string; outcome: string; count: number }>();
  for (const o of outcomes) {
    if (o.count === 0) continue;
    const k = `${o.channel}|${o.outcome}`;
    const current = totals.get(k);
    if (current) current.count += o.count;
    else totals.set(k, { ...o });
  }
  const rows = [...totals.values()].sort((a, b) =>
    a.channel === b.channel ? a.outcome.localeCompare(b.outcome) : a.channel.localeCompare(b.channel),
  );
  if (rows.length === 0) return;
  await trx
    .insertInto("ingest_counter")
    .values(rows.map((r) => ({ day, channel: r.channel, outcome: r.outcome, count: r.count })))
    .onConflict((oc) =>
      oc.columns(["day", "channel", "outcome"]).doUpdateSet({ count: sql`ingest_counter.count + excluded.count` }),
    )
    .execute();
}
