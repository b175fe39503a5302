import { ApiOutlined, SoundOutlined, WifiOutlined } from "@ant-design/icons";
import { Alert, Badge, Button, Card, Select, Space, Statistic, Tag } from "antd";
import { useCallback, useMemo, useRef, useState } from "react";
import { ALARM_STATUSES, type AlarmStatus } from "../../../domain/monitoring/alarm-lifecycle";
import { ApiError } from "../../api/client";
import { hasPermission, isTerritoryScoped } from "../../app/navigation";
import { useMe } from "../../app/session";
import { EnterprisePicker } from "../../components/EnterprisePicker";
import { ErrorAlert } from "../../components/ErrorAlert";
import { usePageCrumb } from "../../components/page-crumb";
import { TerritoryTreeSelect } from "../../components/TerritoryTreeSelect";
import { type MessageKey, useT } from "../../i18n";
import { AlarmStepModal } from "./AlarmActionModals";
import { AlarmTable } from "./AlarmTable";
import { type Alarm, type AlarmFilter, beep, useAlarmFeed } from "./monitoring-data";
import { MonitoringHeader, SEVERITY_KEYS } from "./monitoring-ui";

// Practice: a highlighted row flashes for about half a minute, long enough to be noticed across a control room.
const HIGHLIGHT_MS = 30_000;

/** Live alarms of the user's scope: open ones first, new severe ones flash and beep, acknowledge and dispose here. */
export function AlarmConsolePage() {
  const t = useT();
  const me = useMe();
  const government = isTerritoryScoped(me);
  const canAct = hasPermission(me, "alarm:respond");
  const [filter, setFilter] = useState<AlarmFilter>({});
  const [highlighted, setHighlighted] = useState<ReadonlySet<string>>(new Set());
  const [banner, setBanner] = useState<Alarm | null>(null);
  const [acknowledging, setAcknowledging] = useState<Alarm | null>(null);
  const [disposing, setDisposing] = useState<Alarm | null>(null);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const announce = useCallback((alarm: Alarm) => {
    setBanner(alarm);
    setHighlighted((current) => new Set([...current, alarm.id]));
    clearTimeout(timers.current.get(alarm.id));
    timers.current.set(
      alarm.id,
      setTimeout(() => {
        setHighlighted((current) => new Set([...current].filter((id) => id !== alarm.id)));
      }, HIGHLIGHT_MS),
    );
    beep();
  }, []);

  const feed = useAlarmFeed(filter, announce);
  usePageCrumb(t("monitoring.alarmConsole"));
  const counts = useMemo(() => {
    const open = feed.alarms.filter((a) => a.status !== "cleared");
    return {
      unacknowledged: open.filter((a) => a.status === "active_unacknowledged" || a.status === "cleared_unacknowledged")
        .length,
      active: open.filter((a) => a.status === "active_unacknowledged" || a.status === "acknowledged").length,
      severe: open.filter((a) => a.severity <= 2 && a.status !== "cleared_unacknowledged").length,
    };
  }, [feed.alarms]);

  const done = (alarm: Alarm) => {
    feed.replace(alarm);
    setAcknowledging(null);
    setDisposing(null);
    if (banner?.id === alarm.id) setBanner(null);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <MonitoringHeader title={t("monitoring.alarmConsole")}>
        <Tag
          data-testid="alarm-feed-mode"
          data-mode={feed.mode}
          icon={feed.mode === "live" ? <WifiOutlined /> : <ApiOutlined />}
          color={feed.mode === "live" ? "success" : "warning"}
        >
          {feed.mode === "live" ? t("alarm.live") : t("alarm.polling")}
        </Tag>
        <Button icon={<SoundOutlined />} onClick={() => beep()}>
          {t("alarm.testSound")}
        </Button>
        <Button href="/api/v1/cap/alerts.xml" target="_blank" data-testid="cap-feed-link">
          {t("alarm.capFeed")}
        </Button>
      </MonitoringHeader>

      {banner && (
        <Alert
          data-testid="alarm-banner"
          type={banner.severity === 1 ? "error" : "warning"}
          showIcon
          closable={{ onClose: () => setBanner(null) }}
          title={
            <span>
              <strong>{t(SEVERITY_KEYS[banner.severity])}</strong> · {banner.enterpriseName}
              {banner.deviceName ? ` · ${banner.deviceName}` : ""}
            </span>
          }
          description={banner.message}
          className="dg-alarm-banner"
          action={
            canAct && banner.status === "active_unacknowledged" ? (
              <Button danger type="primary" onClick={() => setAcknowledging(banner)}>
                {t("alarm.acknowledge")}
              </Button>
            ) : undefined
          }
        />
      )}

      <Card size="small">
        <Space size={48} wrap>
          <Statistic
            title={<Badge status="error" text={t("alarm.countUnacknowledged")} />}
            value={counts.unacknowledged}
            valueStyle={{ color: counts.unacknowledged ? "#d9001b" : undefined }}
          />
          <Statistic title={t("alarm.countActive")} value={counts.active} />
          <Statistic title={t("alarm.countSevere")} value={counts.severe} />
        </Space>
      </Card>

      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          {hasPermission(me, "territory:read") && (
            <TerritoryTreeSelect
              data-testid="alarm-filter-territory"
              value={filter.territoryId}
              onChange={(territoryId) => setFilter((f) => ({ ...f, territoryId }))}
              placeholder={t("alarm.filterTerritory")}
              style={{ width: 220 }}
            />
          )}
          {government && (
            <EnterprisePicker
              data-testid="alarm-filter-enterprise"
              value={filter.enterpriseId}
              onChange={(enterpriseId) => setFilter((f) => ({ ...f, enterpriseId }))}
              placeholder={t("alarm.filterEnterprise")}
              style={{ width: 240 }}
            />
          )}
          <Select
            data-testid="alarm-filter-severity"
            allowClear
            placeholder={t("alarm.filterSeverity")}
            style={{ width: 150 }}
            value={filter.severity}
            onChange={(severity?: number) => setFilter((f) => ({ ...f, severity }))}
            options={[1, 2, 3, 4].map((s) => ({ value: s, label: t(SEVERITY_KEYS[s]) }))}
          />
          <Select
            data-testid="alarm-filter-status"
            allowClear
            placeholder={t("alarm.filterStatus")}
            style={{ width: 170 }}
            value={filter.status}
            onChange={(status?: AlarmStatus) => setFilter((f) => ({ ...f, status }))}
            options={ALARM_STATUSES.map((s) => ({ value: s, label: t(`alarmStatus.${s}` as MessageKey) }))}
          />
          <Button onClick={() => setFilter({})}>{t("common.reset")}</Button>
        </Space>
        <ErrorAlert error={feed.error instanceof ApiError ? feed.error : undefined} onRetry={feed.reload} />
        <AlarmTable
          alarms={feed.alarms}
          loading={feed.loading}
          highlighted={highlighted}
          canAct={canAct}
          showEnterprise={government || me.enterpriseIds.length > 1}
          onAcknowledge={setAcknowledging}
          onDispose={setDisposing}
        />
      </Card>
      <AlarmStepModal step="acknowledge" alarm={acknowledging} onClose={() => setAcknowledging(null)} onDone={done} />
      <AlarmStepModal step="dispose" alarm={disposing} onClose={() => setDisposing(null)} onDone={done} />
    </Space>
  );
}
