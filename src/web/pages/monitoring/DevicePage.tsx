import { Card, Descriptions, Empty, Result, Segmented, Space, Spin, Typography } from "antd";
import { useMemo, useState } from "react";
import { useParams } from "react-router-dom";
import { DEVICE_TYPE_INFO, type DeviceType } from "../../../domain/monitoring/device-types";
import { riskLevelOf } from "../../../domain/reference/risk-levels";
import { api } from "../../api/client";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { formatDateTime } from "../../components/labels";
import { usePageCrumb } from "../../components/page-crumb";
import { useLocale, useT } from "../../i18n";
import { AlarmStepModal } from "./AlarmActionModals";
import { AlarmTable } from "./AlarmTable";
import { DeadLettersCard } from "./DeadLettersCard";
import { DeviceAccessCard } from "./DeviceAccessCard";
import { ReadingHistoryChart } from "./MonitoringCharts";
import { type Alarm, type Device, deviceStateOf, type MqttAccess, type Reading, sortAlarms } from "./monitoring-data";
import { DeviceStateTag, deviceTypeName, formatValue, ruleKindName } from "./monitoring-ui";

type Range = "1h" | "24h" | "7d";
const RANGE_MS: Record<Range, number> = { "1h": 3600_000, "24h": 24 * 3600_000, "7d": 7 * 24 * 3600_000 };

/** One device: its reading history over 1 h, 24 h or 7 d, its facts and its alarms. */
export function DevicePage() {
  const { id = "" } = useParams();
  const t = useT();
  const [locale] = useLocale();
  const me = useMe();
  const canAct = hasPermission(me, "alarm:respond");
  const [range, setRange] = useState<Range>("1h");
  const [acknowledging, setAcknowledging] = useState<Alarm | null>(null);
  const [disposing, setDisposing] = useState<Alarm | null>(null);

  const history = useRequest(() => {
    const to = new Date();
    return api.get<{ device: Device; mqtt: MqttAccess | null; readings: Reading[] }>(`/devices/${id}/readings`, {
      from: new Date(to.getTime() - RANGE_MS[range]).toISOString(),
      to: to.toISOString(),
      limit: 10_000,
    });
  }, [id, range]);
  const device = history.data?.device;
  const alarmsRequest = useRequest(
    () =>
      device
        ? api.get<{ items: Alarm[] }>("/alarms", { enterpriseId: device.enterpriseId, pageSize: 500 })
        : Promise.resolve({ items: [] as Alarm[] }),
    [device?.enterpriseId],
  );
  // The alarm list has no device filter, so the enterprise's alarms are narrowed here.
  const alarms = useMemo(
    () => sortAlarms((alarmsRequest.data?.items ?? []).filter((a) => a.deviceId === id)),
    [alarmsRequest.data, id],
  );
  const [overrides, setOverrides] = useState<Record<string, Alarm>>({});
  const shown = alarms.map((a) => overrides[a.id] ?? a);
  usePageCrumb(device ? `${device.code} ${device.name}` : null);

  const thresholds = useMemo(() => {
    const info = device ? DEVICE_TYPE_INFO[device.deviceType as DeviceType] : undefined;
    return (info?.defaultRules ?? [])
      .filter((rule) => rule.threshold !== undefined && rule.kind !== "inactivity")
      .map((rule) => ({
        value: rule.threshold as number,
        colour: riskLevelOf(rule.severity).hex,
        label: `${ruleKindName(locale, rule.kind)} ${rule.threshold}`,
      }));
  }, [device, locale]);

  if (history.error && !device)
    return <Result status="404" title={t("device.notFound")} subTitle={history.error.message} />;
  if (!device) return <Spin style={{ display: "block", margin: "80px auto" }} />;

  const openIds = new Set(
    shown.filter((a) => a.status === "active_unacknowledged" || a.status === "acknowledged").map((a) => a.deviceId),
  );
  const readings = history.data?.readings ?? [];
  const done = (alarm: Alarm) => {
    setOverrides((current) => ({ ...current, [alarm.id]: alarm }));
    setAcknowledging(null);
    setDisposing(null);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Space align="center" size="middle">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {device.code} · {device.name}
        </Typography.Title>
        <DeviceStateTag state={deviceStateOf(device, openIds)} />
      </Space>
      <Card
        title={t("device.history")}
        extra={
          <Segmented<Range>
            data-testid="device-range"
            value={range}
            onChange={setRange}
            options={[
              { value: "1h", label: t("device.range1h") },
              { value: "24h", label: t("device.range24h") },
              { value: "7d", label: t("device.range7d") },
            ]}
          />
        }
      >
        <Spin spinning={history.loading}>
          {readings.length === 0 ? (
            <Empty description={t("device.noReadings")} style={{ padding: 80 }} />
          ) : (
            <ReadingHistoryChart device={device} readings={readings} thresholds={thresholds} />
          )}
        </Spin>
        {thresholds.length > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("device.thresholdNote")}
          </Typography.Text>
        )}
      </Card>
      <Card title={t("device.facts")}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" bordered data-testid="device-facts">
          <Descriptions.Item label={t("device.code")}>{device.code}</Descriptions.Item>
          <Descriptions.Item label={t("device.name")}>{device.name}</Descriptions.Item>
          <Descriptions.Item label={t("device.type")}>{deviceTypeName(locale, device.deviceType)}</Descriptions.Item>
          <Descriptions.Item label={t("device.unit")}>{device.unit}</Descriptions.Item>
          <Descriptions.Item label={t("device.lastValue")}>
            {formatValue(device.lastValue, device.unit)}
          </Descriptions.Item>
          <Descriptions.Item label={t("device.lastTs")}>{formatDateTime(device.lastTs, locale)}</Descriptions.Item>
          <Descriptions.Item label={t("device.location")}>
            {device.lng != null && device.lat != null ? `${device.lng}, ${device.lat}` : "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("device.installDate")}>{device.installDate ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("device.calibrationDue")}>{device.calibrationDue ?? "—"}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t("device.alarms", { count: shown.length })}>
        <AlarmTable
          testId="device-alarm-table"
          alarms={shown}
          loading={alarmsRequest.loading}
          canAct={canAct}
          showEnterprise={false}
          showDevice={false}
          onAcknowledge={setAcknowledging}
          onDispose={setDisposing}
        />
      </Card>
      {hasPermission(me, "monitoring:manage") && me.enterpriseIds.includes(device.enterpriseId) && (
        <DeviceAccessCard device={device} mqtt={history.data?.mqtt ?? null} canManage onChanged={history.reload} />
      )}
      <DeadLettersCard enterpriseId={device.enterpriseId} deviceCode={device.code} />
      <AlarmStepModal step="acknowledge" alarm={acknowledging} onClose={() => setAcknowledging(null)} onDone={done} />
      <AlarmStepModal step="dispose" alarm={disposing} onClose={() => setDisposing(null)} onDone={done} />
    </Space>
  );
}
