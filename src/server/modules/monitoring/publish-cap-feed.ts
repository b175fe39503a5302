import { alarmCapAlert } from "../../../domain/cap/alarm-alert";
import { buildAtomFeed } from "../../../domain/cap/atom-feed";
import { buildCapAlert } from "../../../domain/cap/cap-alert";
import type { DeviceType } from "../../../domain/monitoring/device-types";
import type { AlarmRuleKind } from "../../../domain/monitoring/rules";
import type { ScopedAlarm } from "./find-alarms";

/** Where the feed is served: its sender id (the host name), the base of its links and its own address. */
export type CapFeedSite = { sender: string; origin: string; selfHref: string; territoryCode?: string };

/**
 * Device alarms as an Atom feed of OASIS CAP 1.2 alerts: a live alarm is its Alert, a cleared one an Update with
 * responseType AllClear that references the Alert.
 */
export function publishCapFeed(rows: ScopedAlarm[], site: CapFeedSite, now: Date): string {
  const { sender } = site;
  const entries = rows.map((row) => {
    const cleared = row.status === "cleared" || row.status === "cleared_unacknowledged";
    const lng = row.lng ?? row.enterprise_lng ?? 0;
    const lat = row.lat ?? row.enterprise_lat ?? 0;
    const raisedSent = row.raised_at;
    const capInput = alarmCapAlert(
      {
        alarmId: row.id,
        deviceId: row.device_id ?? "",
        deviceName: row.device_name ?? "",
        deviceType: (row.device_type ?? "combustible_gas") as DeviceType,
        ruleId: row.rule_id,
        ruleKind: row.rule_kind as AlarmRuleKind,
        severity: row.severity as 1,
        message: { "zh-CN": row.message_zh, en: row.message_en },
        value: row.last_value ?? 0,
        peak: row.peak ?? row.last_value ?? 0,
        raisedAt: row.raised_at,
        enterpriseName: row.enterprise_name,
        area: {
          areaDesc: `${row.enterprise_name} ${row.device_name ?? ""}`.trim(),
          circle: { lat, lng, radiusKm: 0 },
        },
      },
      cleared ? "clear" : "raise",
      {
        sender,
        sent: cleared ? (row.cleared_at ?? now) : raisedSent,
        sequence: cleared ? 2 : 1,
        previous: cleared ? [{ identifier: `dualguard.alarm.${row.id}.1`, sent: raisedSent }] : [],
        web: `${site.origin}/alarms/${row.id}`,
      },
    );
    return {
      id: `urn:dualguard:cap:${sender}:${capInput.identifier}`,
      title: `${row.enterprise_name}: ${row.message_en}`,
      updated: cleared ? (row.cleared_at ?? now) : row.last_update_at,
      capXml: buildCapAlert(capInput),
    };
  });
  return buildAtomFeed({
    id: `urn:dualguard:cap:${sender}:feed${site.territoryCode ? `:${site.territoryCode}` : ""}`,
    title: "DualGuard alarms (CAP 1.2)",
    updated: now,
    authorName: "DualGuard",
    selfHref: site.selfHref,
    entries,
  });
}
