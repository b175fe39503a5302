import type { Locale } from "../../../domain/text";
import type { ScopedAlarm } from "./find-alarms";

export function presentAlarm(row: ScopedAlarm, locale: Locale) {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    deviceId: row.device_id,
    deviceName: row.device_name,
    deviceCode: row.device_code,
    ruleId: row.rule_id,
    ruleKind: row.rule_kind,
    severity: row.severity as 1 | 2 | 3 | 4,
    status: row.status,
    message: locale === "en" ? row.message_en : row.message_zh,
    lastValue: row.last_value,
    peak: row.peak,
    raisedAt: row.raised_at.toISOString(),
    lastUpdateAt: row.last_update_at.toISOString(),
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    acknowledgeNote: row.acknowledge_note,
    clearedAt: row.cleared_at?.toISOString() ?? null,
    disposals: row.disposals,
  };
}
