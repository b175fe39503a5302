import { sql, type Transaction } from "kysely";
import type { DB } from "../db/schema";

/** Why a device message was not stored, for the enterprise to see and fix on the device. */
export type DeadLetterReason =
  | "not_json"
  | "too_large"
  | "too_many_readings"
  | "not_readings"
  | "unknown_device"
  | "not_allowed"
  | "bad_timestamp"
  | "future_timestamp"
  | "too_old"
  | "not_numeric"
  | "unprocessable"
  | "redelivery_limit";

export interface DeadLetter {
  enterpriseId: string;
  deviceCode: string;
  channel: "http" | "mqtt";
  reason: DeadLetterReason;
  /** e.g. "3/100: bad_timestamp 2, not_numeric 1". */
  detail?: string;
  payloadExcerpt: string;
}

export const EXCERPT_BYTES = 2048;

/** The start of a payload as text, cut on a character boundary, for people to recognise the message. */
export function excerptOf(payload: Buffer): string {
  const text = payload.subarray(0, EXCERPT_BYTES).toString("utf8");
  return payload.length > EXCERPT_BYTES ? `${text.replace(/\uFFFD$/, "")}…` : text;
}

/**
 * Records dead letters: one row per enterprise, device, reason and hour that
 * counts its repeats and keeps the latest payload, so a device sending the same
 * bad message every second fills one row, not the disk. Letters for an
 * enterprise that does not exist (a topic no device account can publish to)
 * are left to the counters.
 */
export async function recordDeadLetters(trx: Transaction<DB>, letters: DeadLetter[], now: Date): Promise<void> {
  if (letters.length === 0) return;
  const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  // One row per key in the statement: ON CONFLICT cannot touch the same row twice.
  const merged = new Map<string, DeadLetter & { count: number }>();
  for (const letter of letters) {
    const key = `${letter.enterpriseId}|${letter.deviceCode}|${letter.reason}`;
    const current = merged.get(key);
    merged.set(key, { ...letter, count: (current?.count ?? 0) + 1 });
  }
  const rows = [...merged.values()].sort((a, b) =>
    `${a.enterpriseId}|${a.deviceCode}|${a.reason}`.localeCompare(`${b.enterpriseId}|${b.deviceCode}|${b.reason}`),
  );
  await sql`
    INSERT INTO ingest_dead_letter (enterprise_id, device_code, channel, reason, detail, payload_excerpt, hour, first_at, last_at, count)
    SELECT v.enterprise_id, v.device_code, v.channel, v.reason, v.detail, v.payload_excerpt, ${hour}, ${now}, ${now}, v.count
      FROM unnest(${rows.map((r) => r.enterpriseId)}::uuid[], ${rows.map((r) => r.deviceCode)}::text[],
                  ${rows.map((r) => r.channel)}::text[], ${rows.map((r) => r.reason)}::text[],
                  ${rows.map((r) => r.detail ?? null)}::text[], ${rows.map((r) => r.payloadExcerpt)}::text[],
                  ${rows.map((r) => r.count)}::int[])
           AS v(enterprise_id, device_code, channel, reason, detail, payload_excerpt, count)
      JOIN enterprise e ON e.id = v.enterprise_id
    ON CONFLICT (enterprise_id, device_code, reason, hour) DO UPDATE SET
      count = ingest_dead_letter.count + excluded.count,
      last_at = excluded.last_at,
      detail = excluded.detail,
      payload_excerpt = excluded.payload_excerpt`.execute(trx);
}
