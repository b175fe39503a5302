import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema";
import type { LocalisedText } from "../../errors";

// Limits: a batch a gateway sends in one request, and how far ahead of our clock a device's clock may run.
export const MAX_BATCH = 5000;
export const MAX_FUTURE_MS = 5 * 60_000;

export interface IncomingReading {
  deviceId?: unknown;
  ts?: unknown;
  value?: unknown;
}

/** Who sends: one device with its own credential, or a gateway allowed for some enterprises. */
export type IngestCaller =
  | { kind: "device"; enterpriseId: string; deviceId: string }
  | { kind: "gateway"; enterpriseIds: string[] | "all" };

export type RejectReason = "unknown_device" | "not_allowed" | "bad_timestamp" | "future_timestamp" | "not_numeric";

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; deviceId: string | null; reason: RejectReason; text: LocalisedText }[];
  /** The readings newly stored, for rule evaluation. */
  stored: { enterpriseId: string; deviceId: string; ts: Date; value: number }[];
}

const REASONS: Record<RejectReason, LocalisedText> = {
  unknown_device: { "zh-CN": "未知设备：请先在系统中登记该设备", en: "Unknown device: register the device first" },
  not_allowed: { "zh-CN": "该凭证无权上报此设备的数据", en: "This credential may not send readings for that device" },
  bad_timestamp: {
    "zh-CN": "时间戳无效：应为 ISO 8601 时间或毫秒数",
    en: "Invalid timestamp: use ISO 8601 or epoch milliseconds",
  },
  future_timestamp: {
    "zh-CN": "时间戳超前服务器时间 5 分钟以上：请校准设备时钟",
    en: "Timestamp more than 5 minutes ahead of the server: fix the device clock",
  },
  not_numeric: { "zh-CN": "读数不是有限数字", en: "The value is not a finite number" },
};

function parseTs(raw: unknown): Date | null {
  if (typeof raw === "number" && Number.isFinite(raw)) return new Date(raw);
  if (typeof raw === "string" && raw.trim() !== "") {
    const parsed = /^\d+$/.test(raw) ? new Date(Number(raw)) : new Date(raw);
    return Number.isNaN(parsed.getTime()) ? null : parsed;
  }
  return null;
}

/**
 * Checks each reading on its own (a bad one never stops the good ones), stores
 * the good ones in one statement that ignores a (device, ts) already stored, so
 * QoS-1 redelivery and retries change nothing, and moves each device's last
 * value forward. Runs in the caller's transaction: the caller acknowledges
 * only after it commits.
 */
export async function ingestReadings(
  trx: Kysely<DB>,
  caller: IngestCaller,
  readings: IncomingReading[],
  now: Date,
  channel: "http" | "mqtt",
): Promise<IngestResult> {
  const codes = [
    ...new Set(
      readings.map((r) => (typeof r.deviceId === "string" ? r.deviceId : null)).filter((c): c is string => !!c),
    ),
  ];
  const devices = codes.length
    ? await trx
        .selectFrom("device")
        .select(["enterprise_id", "id", "code"])
        .where((eb) => eb.or([eb("code", "in", codes), eb(sql<string>`id::text`, "in", codes)]))
        .execute()
    : [];
  const result: IngestResult = { accepted: 0, duplicates: 0, rejected: [], stored: [] };
  const valid: { enterpriseId: string; deviceId: string; ts: Date; value: number }[] = [];
  const seen = new Set<string>();
  for (const [index, reading] of readings.entries()) {
    const code = typeof reading.deviceId === "string" ? reading.deviceId : null;
    const reject = (reason: RejectReason) =>
      result.rejected.push({ index, deviceId: code, reason, text: REASONS[reason] });
    const candidates = devices.filter((d) => d.code === code || d.id === code);
    const device =
      caller.kind === "device"
        ? candidates.find((d) => d.id === caller.deviceId)
        : candidates.find((d) => caller.enterpriseIds === "all" || caller.enterpriseIds.includes(d.enterprise_id));
    if (candidates.length === 0) {
      reject("unknown_device");
      continue;
    }
    if (!device) {
      reject("not_allowed");
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
    valid.push({ enterpriseId: device.enterprise_id, deviceId: device.id, ts, value });
  }
  if (valid.length > 0) {
    const inserted = await trx
      .insertInto("reading")
      .values(
        valid.map((r) => ({
          enterprise_id: r.enterpriseId,
          device_id: r.deviceId,
          ts: r.ts,
          value: r.value,
          received_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(["enterprise_id", "device_id", "ts"]).doNothing())
      .returning(["device_id", "ts"])
      .execute();
    const storedKeys = new Set(inserted.map((r) => `${r.device_id}|${r.ts.getTime()}`));
    result.stored = valid.filter((r) => storedKeys.has(`${r.deviceId}|${r.ts.getTime()}`));
    result.accepted = result.stored.length;
    result.duplicates += valid.length - result.stored.length;
    // The newest stored reading of each device becomes its last value, unless a newer one is there already.
    const latest = new Map<string, (typeof valid)[number]>();
    for (const r of result.stored) {
      const current = latest.get(r.deviceId);
      if (!current || current.ts < r.ts) latest.set(r.deviceId, r);
    }
    for (const r of latest.values()) {
      await trx
        .updateTable("device")
        .set({ last_value: r.value, last_ts: r.ts })
        .where("enterprise_id", "=", r.enterpriseId)
        .where("id", "=", r.deviceId)
        .where((eb) => eb.or([eb("last_ts", "is", null), eb("last_ts", "<", r.ts)]))
        .execute();
    }
  }
  const day = now.toISOString().slice(0, 10);
  const counts = new Map<string, number>([
    ["accepted", result.accepted],
    ["duplicate", result.duplicates],
  ]);
  for (const r of result.rejected) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
  for (const [outcome, count] of counts) {
    if (count === 0) continue;
    await trx
      .insertInto("ingest_counter")
      .values({ day, channel, outcome, count })
      .onConflict((oc) =>
        oc.columns(["day", "channel", "outcome"]).doUpdateSet({ count: sql`ingest_counter.count + ${count}` }),
      )
      .execute();
  }
  return result;
}
