import { Segmented, Space, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useLocation, useNavigate } from "react-router-dom";
import type { AlarmStatus } from "../../../domain/monitoring/alarm-lifecycle";
import { DEVICE_TYPE_INFO, type DeviceType } from "../../../domain/monitoring/device-types";
import { alarmKindLabel } from "../../../domain/monitoring/management-alarm-kinds";
import { riskLevelOf } from "../../../domain/reference/risk-levels";
import { type Locale, type MessageKey, useLocale, useT } from "../../i18n";
import type { DeviceState } from "./monitoring-data";

export const SEVERITY_KEYS: Record<number, MessageKey> = {
  1: "alarm.severity1",
  2: "alarm.severity2",
  3: "alarm.severity3",
  4: "alarm.severity4",
};

/** Severity 1 red … 4 blue, the risk colours (one scale, one palette). */
export function SeverityTag({ severity }: { severity: 1 | 2 | 3 | 4 }) {
  const t = useT();
  const level = riskLevelOf(severity);
  return (
    <Tag
      data-testid="alarm-severity"
      data-severity={severity}
      variant="solid"
      style={{ background: level.hex, borderColor: level.hex, color: level.textHex, fontWeight: 500 }}
    >
      {t(SEVERITY_KEYS[severity])}
    </Tag>
  );
}

const STATUS_COLOURS: Record<AlarmStatus, string> = {
  active_unacknowledged: "error",
  acknowledged: "processing",
  cleared_unacknowledged: "warning",
  cleared: "default",
};

export function AlarmStatusTag({ status }: { status: AlarmStatus }) {
  const t = useT();
  return (
    <Tag data-testid="alarm-status" data-status={status} color={STATUS_COLOURS[status]}>
      {t(`alarmStatus.${status}` as MessageKey)}
    </Tag>
  );
}

const STATE_COLOURS: Record<DeviceState, string> = {
  normal: "success",
  alarm: "error",
  offline: "default",
  calibration: "warning",
  never: "default",
};

export function DeviceStateTag({ state }: { state: DeviceState }) {
  const t = useT();
  return (
    <Tag data-testid="device-state" data-state={state} color={STATE_COLOURS[state]}>
      {t(`deviceState.${state}` as MessageKey)}
    </Tag>
  );
}

export function deviceTypeName(locale: Locale, type: DeviceType | string): string {
  const info = DEVICE_TYPE_INFO[type as DeviceType];
  if (!info) return type;
  return locale === "en" ? info.nameEn : info.nameZh;
}

export function ruleKindName(locale: Locale, kind: string): string {
  return alarmKindLabel(kind)?.[locale] ?? kind;
}

export function useDeviceTypeName(): (type: string) => string {
  const [locale] = useLocale();
  return (type) => deviceTypeName(locale, type);
}

/** Switches between the two monitoring pages (one menu entry). */
/** A monitoring page's heading with the switch between the alarm console and the devices, and its own tools. */
export function MonitoringHeader({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
      <Space size="middle" align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <MonitoringSwitch />
      </Space>
      <Space>{children}</Space>
    </Space>
  );
}

export function MonitoringSwitch() {
  const t = useT();
  const location = useLocation();
  const navigate = useNavigate();
  const value = location.pathname.startsWith("/monitoring/devices") ? "/monitoring/devices" : "/monitoring/alarms";
  return (
    <Segmented
      data-testid="monitoring-switch"
      value={value}
      onChange={(next) => navigate(String(next))}
      options={[
        { value: "/monitoring/alarms", label: t("monitoring.alarmConsole") },
        { value: "/monitoring/devices", label: t("monitoring.devices") },
      ]}
    />
  );
}

export function formatValue(value: number | null | undefined, unit?: string): string {
  if (value == null) return "—";
  const rounded = Math.round(value * 100) / 100;
  return unit ? `${rounded} ${unit}` : String(rounded);
}
