import { type Locale, type LocalisedText, text } from "../../../domain/text";
import type { IngestResult } from "./store-readings";

/** The answer to a batch: 422 when every reading was refused, so a gateway that sends only bad data notices. */
export function ingestStatus(result: IngestResult): 200 | 422 {
  return result.rejected.length > 0 && result.accepted + result.duplicates === 0 ? 422 : 200;
}

export function presentIngestResult(result: IngestResult, locale: Locale) {
  return {
    accepted: result.accepted,
    duplicates: result.duplicates,
    rejected: result.rejected.map((r) => ({
      index: r.index,
      deviceId: r.deviceId,
      reason: r.reason,
      message: r.text[locale],
    })),
  };
}

const DEAD_LETTER_TEXT: Record<string, LocalisedText> = {
  not_json: text("消息不是 JSON：检查设备的数据格式", "The message is not JSON: check the device's data format"),
  too_large: text("消息超过 512 KB：请分成多条发送", "The message is over 512 kB: send it in several messages"),
  too_many_readings: text(
    "一条消息超过 1000 条读数：请分成多条发送",
    "More than 1,000 readings in one message: send them in several messages",
  ),
  not_readings: text(
    "消息中没有读数：应为 {ts, value}、其数组或 {readings: [...]}",
    "No readings in the message: send {ts, value}, an array of them, or {readings: [...]}",
  ),
  unknown_device: text(
    "主题中的设备编号未登记：请先登记设备或更正主题",
    "The device code in the topic is not registered: register the device or correct the topic",
  ),
  bad_timestamp: text(
    "时间戳无效：应为 ISO 8601 时间或毫秒数",
    "Invalid timestamp: use ISO 8601 or epoch milliseconds",
  ),
  future_timestamp: text(
    "时间戳超前服务器时间 5 分钟以上：请校准设备时钟",
    "Timestamp more than 5 minutes ahead of the server: fix the device clock",
  ),
  too_old: text(
    "时间戳早于数据保存期：请校准设备时钟",
    "Timestamp older than the retention period: fix the device clock",
  ),
  not_numeric: text("读数不是有限数字", "The value is not a finite number"),
  unprocessable: text(
    "消息无法保存（详见说明），已记录以免阻塞其他数据",
    "The message could not be stored (see the detail); it was set aside so it does not block other data",
  ),
  redelivery_limit: text(
    "消息多次投递仍未能处理，已搁置：请联系系统管理员",
    "The message failed on every delivery and was set aside: tell the system administrator",
  ),
};

export function presentDeadLetter(
  row: {
    id: string;
    enterprise_id: string;
    enterprise_name: string;
    device_code: string;
    channel: string;
    reason: string;
    detail: string | null;
    payload_excerpt: string;
    count: number;
    first_at: Date;
    last_at: Date;
  },
  locale: Locale,
) {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    deviceCode: row.device_code,
    channel: row.channel,
    reason: row.reason,
    message: (DEAD_LETTER_TEXT[row.reason] ?? text(row.reason, row.reason))[locale],
    detail: row.detail,
    payloadExcerpt: row.payload_excerpt,
    count: row.count,
    firstAt: row.first_at.toISOString(),
    lastAt: row.last_at.toISOString(),
  };
}

export function presentIngestCount(row: { day: string; channel: string; outcome: string; count: number | string }) {
  return { day: row.day, channel: row.channel, outcome: row.outcome, count: Number(row.count) };
}
