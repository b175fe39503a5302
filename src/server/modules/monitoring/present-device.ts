import type { DeviceType } from "../../../domain/monitoring/device-types";
import { type AlarmRuleOverride, effectiveRules } from "../../../domain/monitoring/rules";
import type { BrokerConfig } from "../../config";
import { readingsRoutingKey } from "../../ingestion/broker-admin";

/** The device columns the answers show; a list row also carries its enterprise's name. */
export type DeviceRow = {
  enterprise_id: string;
  enterprise_name?: string;
  id: string;
  code: string;
  name: string;
  device_type: DeviceType;
  unit: string;
  risk_point_id: string | null;
  major_hazard_unit_id: string | null;
  lng: number | null;
  lat: number | null;
  install_date: string | null;
  calibration_due: string | null;
  last_value: number | null;
  last_ts: Date | null;
  credential_rotated_at?: Date | null;
  credential_revoked_at?: Date | null;
};

export function presentDevice(row: DeviceRow) {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name ?? null,
    code: row.code,
    name: row.name,
    deviceType: row.device_type,
    unit: row.unit,
    riskPointId: row.risk_point_id,
    majorHazardUnitId: row.major_hazard_unit_id,
    lng: row.lng,
    lat: row.lat,
    installDate: row.install_date,
    calibrationDue: row.calibration_due,
    lastValue: row.last_value,
    lastTs: row.last_ts?.toISOString() ?? null,
    credentialRotatedAt: row.credential_rotated_at?.toISOString() ?? null,
    credentialRevokedAt: row.credential_revoked_at?.toISOString() ?? null,
  };
}

/** How a device connects over MQTT, when the installation runs a broker: user name, topic and address. */
export function presentMqttAccess(
  broker: BrokerConfig | undefined,
  device: { id: string; enterprise_id: string; code: string },
) {
  if (!broker) return null;
  return {
    url: broker.mqttUrl ?? null,
    username: device.id,
    topic: `dualguard/${device.enterprise_id}/${device.code}/readings`,
    routingKey: readingsRoutingKey(device.enterprise_id, device.code),
  };
}

/** A device's alarm rules: its overrides as stored, and the rules in force (the type's defaults with them applied). */
export function presentDeviceRules(device: { device_type: DeviceType; rule_overrides: unknown[] }) {
  const overrides = device.rule_overrides as AlarmRuleOverride[];
  return { overrides, rules: effectiveRules(device.device_type, overrides) };
}
