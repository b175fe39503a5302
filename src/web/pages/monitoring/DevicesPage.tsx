import { PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Space, Table } from "antd";
import { useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { api } from "../../api/client";
import type { Enterprise } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { hasPermission, isTerritoryScoped } from "../../app/navigation";
import { useMe } from "../../app/session";
import { EnterprisePicker } from "../../components/EnterprisePicker";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDateTime } from "../../components/labels";
import { usePageCrumb } from "../../components/page-crumb";
import { useLocale, useT } from "../../i18n";
import { DeviceSparkline } from "./MonitoringCharts";
import { type Alarm, type Device, deviceStateOf } from "./monitoring-data";
import { DeviceStateTag, deviceTypeName, formatValue, MonitoringHeader } from "./monitoring-ui";
import { RegisterDeviceModal } from "./RegisterDeviceModal";

/** The devices of the user's scope: last value, state, a last-hour sparkline; registration for managers. */
export function DevicesPage() {
  const t = useT();
  const [locale] = useLocale();
  const me = useMe();
  const canManage = hasPermission(me, "monitoring:manage");
  const [registering, setRegistering] = useState(false);
  usePageCrumb(t("monitoring.devices"));
  const government = isTerritoryScoped(me);
  const [enterpriseId, setEnterpriseId] = useState<string>();
  const request = useRequest(
    () =>
      Promise.all([
        api.get<{ items: Device[] }>("/devices", { enterpriseId }),
        api.get<{ items: Alarm[] }>("/alarms", { open: true, enterpriseId, pageSize: 500 }),
      ]),
    [enterpriseId],
  );
  const devices = request.data?.[0].items ?? [];
  // Devices carry only their enterprise's id; a supervisor sees the names (the first 50 enterprises of the list).
  const enterpriseIds = [...new Set(devices.map((d) => d.enterpriseId))].slice(0, 50);
  const enterpriseNames = useRequest(
    () =>
      government
        ? Promise.all(
            enterpriseIds.map((id) =>
              api
                .get<Enterprise>(`/enterprises/${id}`)
                .then((e) => [id, e.name] as const)
                .catch(() => [id, id] as const),
            ),
          ).then((pairs) => new Map(pairs))
        : Promise.resolve(new Map<string, string>()),
    [government, enterpriseIds.join(",")],
  );
  const alarming = useMemo(
    () =>
      new Set(
        (request.data?.[1].items ?? [])
          .filter((a) => a.status === "active_unacknowledged" || a.status === "acknowledged")
          .map((a) => a.deviceId),
      ),
    [request.data],
  );
  // Names of the enterprises a manager may register devices for (a choice only when there are several).
  const managed = useRequest(
    () =>
      canManage && me.enterpriseIds.length > 1
        ? Promise.all(
            me.enterpriseIds.map((id) =>
              api
                .get<Enterprise>(`/enterprises/${id}`)
                .then((e) => ({ id, name: e.name }))
                .catch(() => ({ id, name: id })),
            ),
          )
        : Promise.resolve(me.enterpriseIds.map((id) => ({ id, name: id }))),
    [canManage, me.enterpriseIds.join(",")],
  );
  const enterprises = managed.data ?? me.enterpriseIds.map((id) => ({ id, name: id }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <MonitoringHeader title={t("monitoring.devices")}>
        {government && (
          <EnterprisePicker
            data-testid="device-filter-enterprise"
            value={enterpriseId}
            onChange={setEnterpriseId}
            placeholder={t("alarm.filterEnterprise")}
            style={{ width: 240 }}
          />
        )}
        <Button icon={<ReloadOutlined />} onClick={request.reload}>
          {t("device.refresh")}
        </Button>
        {canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setRegistering(true)}
            data-testid="device-register"
          >
            {t("device.register")}
          </Button>
        )}
      </MonitoringHeader>
      <ErrorAlert error={request.error} onRetry={request.reload} />
      <Card>
        <Table<Device>
          data-testid="device-table"
          rowKey="id"
          size="middle"
          loading={request.loading}
          dataSource={devices}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t("common.total", { total }) }}
          columns={[
            {
              title: t("device.code"),
              dataIndex: "code",
              width: 120,
              render: (code: string, device) => <Link to={`/monitoring/devices/${device.id}`}>{code}</Link>,
            },
            { title: t("device.name"), dataIndex: "name" },
            ...(government
              ? [
                  {
                    title: t("alarm.enterprise"),
                    dataIndex: "enterpriseId",
                    render: (id: string) => enterpriseNames.data?.get(id) ?? "…",
                  },
                ]
              : []),
            {
              title: t("device.type"),
              dataIndex: "deviceType",
              width: 150,
              render: (type: string) => deviceTypeName(locale, type),
            },
            { title: t("device.unit"), dataIndex: "unit", width: 72 },
            {
              title: t("device.lastValue"),
              dataIndex: "lastValue",
              width: 110,
              align: "right",
              render: (value: number | null) => <strong>{formatValue(value)}</strong>,
            },
            {
              title: t("device.lastTs"),
              dataIndex: "lastTs",
              width: 150,
              render: (ts: string | null) => formatDateTime(ts, locale),
            },
            {
              title: t("device.state"),
              width: 120,
              render: (_, device) => <DeviceStateTag state={deviceStateOf(device, alarming)} />,
            },
            {
              title: t("device.lastHour"),
              width: 180,
              render: (_, device) => <DeviceSparkline device={device} version={device.lastTs} />,
            },
          ]}
        />
      </Card>
      {canManage && (
        <RegisterDeviceModal
          open={registering}
          enterprises={enterprises}
          onClose={() => setRegistering(false)}
          onRegistered={request.reload}
        />
      )}
    </Space>
  );
}
