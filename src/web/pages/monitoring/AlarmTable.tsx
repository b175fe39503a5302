import { Button, Descriptions, Empty, Space, Table, Timeline, Typography } from "antd";
import { Link } from "react-router-dom";
import { formatDateTime } from "../../components/labels";
import { useLocale, useT } from "../../i18n";
import type { Alarm } from "./monitoring-data";
import { AlarmStatusTag, formatValue, ruleKindName, SeverityTag } from "./monitoring-ui";

// A flashing row for a new or escalated severity-1/2 alarm (the animation stops after a few blinks).
const FLASH_CSS = `
@keyframes dg-alarm-flash { 0%, 100% { background: #fff1f0; } 50% { background: #ffccc7; } }
.dg-alarm-flash > td { animation: dg-alarm-flash 0.9s ease-in-out 6; background: #fff1f0 !important; }
.dg-alarm-open > td:first-child { box-shadow: inset 3px 0 0 #d9001b; }
`;

/** Alarms with severity, status, device, message, values and times; acknowledge and dispose where allowed. */
export function AlarmTable({
  alarms,
  loading,
  highlighted,
  canAct,
  showEnterprise = true,
  showDevice = true,
  onAcknowledge,
  onDispose,
  testId = "alarm-table",
}: {
  alarms: readonly Alarm[];
  loading?: boolean;
  highlighted?: ReadonlySet<string>;
  canAct: boolean;
  showEnterprise?: boolean;
  showDevice?: boolean;
  onAcknowledge: (alarm: Alarm) => void;
  onDispose: (alarm: Alarm) => void;
  testId?: string;
}) {
  const t = useT();
  const [locale] = useLocale();
  return (
    <>
      <style>{FLASH_CSS}</style>
      <Table<Alarm>
        data-testid={testId}
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={[...alarms]}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t("common.total", { total }) }}
        locale={{ emptyText: <Empty description={t("alarm.none")} /> }}
        rowClassName={(alarm) =>
          [
            highlighted?.has(alarm.id) ? "dg-alarm-flash" : "",
            alarm.status === "active_unacknowledged" ? "dg-alarm-open" : "",
          ].join(" ")
        }
        onRow={(alarm) =>
          ({ "data-alarm-id": alarm.id, "data-highlighted": highlighted?.has(alarm.id) ? "true" : undefined }) as never
        }
        expandable={{
          rowExpandable: () => true,
          expandedRowRender: (alarm) => <AlarmDetails alarm={alarm} />,
        }}
        columns={[
          {
            title: t("alarm.severity"),
            dataIndex: "severity",
            width: 110,
            render: (_, alarm) => <SeverityTag severity={alarm.severity} />,
          },
          {
            title: t("alarm.status"),
            dataIndex: "status",
            width: 110,
            render: (_, alarm) => <AlarmStatusTag status={alarm.status} />,
          },
          ...(showDevice
            ? [
                {
                  title: showEnterprise ? t("alarm.enterpriseDevice") : t("alarm.device"),
                  dataIndex: "deviceName",
                  width: 230,
                  render: (_: unknown, alarm: Alarm) => (
                    <Space orientation="vertical" size={0}>
                      {alarm.deviceId ? (
                        <Link to={`/monitoring/devices/${alarm.deviceId}`}>{alarm.deviceName ?? alarm.deviceCode}</Link>
                      ) : (
                        <Typography.Text>{t("alarm.managementData")}</Typography.Text>
                      )}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {[alarm.deviceCode, showEnterprise ? alarm.enterpriseName : null].filter(Boolean).join(" · ")}
                      </Typography.Text>
                    </Space>
                  ),
                },
              ]
            : []),
          {
            title: t("alarm.message"),
            dataIndex: "message",
            render: (_, alarm) => (
              <Space orientation="vertical" size={0}>
                <span data-testid="alarm-message">{alarm.message}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {ruleKindName(locale, alarm.ruleKind)}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t("alarm.valuePeak"),
            width: 120,
            render: (_, alarm) => (
              <span>
                {formatValue(alarm.lastValue)} / <strong>{formatValue(alarm.peak)}</strong>
              </span>
            ),
          },
          {
            title: t("alarm.raisedAt"),
            dataIndex: "raisedAt",
            width: 140,
            render: (at: string) => formatDateTime(at, locale),
          },
          ...(canAct
            ? [
                {
                  title: t("common.actions"),
                  width: 150,
                  render: (_: unknown, alarm: Alarm) => (
                    <Space size={4}>
                      {(alarm.status === "active_unacknowledged" || alarm.status === "cleared_unacknowledged") && (
                        <Button
                          size="small"
                          type="primary"
                          danger={alarm.severity <= 2}
                          data-testid="alarm-acknowledge"
                          onClick={() => onAcknowledge(alarm)}
                        >
                          {t("alarm.acknowledge")}
                        </Button>
                      )}
                      {(alarm.status === "acknowledged" || alarm.status === "cleared") && (
                        <Button size="small" data-testid="alarm-dispose" onClick={() => onDispose(alarm)}>
                          {t("alarm.dispose")}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

/** The life cycle of one alarm: raised, acknowledged (with note), cleared, and each disposal. */
function AlarmDetails({ alarm }: { alarm: Alarm }) {
  const t = useT();
  const [locale] = useLocale();
  return (
    <div style={{ display: "grid", gridTemplateColumns: "minmax(280px, 1fr) minmax(320px, 1.4fr)", gap: 24 }}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t("alarm.raisedAt")}>{formatDateTime(alarm.raisedAt, locale)}</Descriptions.Item>
        <Descriptions.Item label={t("alarm.lastUpdateAt")}>
          {formatDateTime(alarm.lastUpdateAt, locale)}
        </Descriptions.Item>
        <Descriptions.Item label={t("alarm.acknowledgedAt")}>
          {formatDateTime(alarm.acknowledgedAt, locale)}
          {alarm.acknowledgeNote ? ` · ${alarm.acknowledgeNote}` : ""}
        </Descriptions.Item>
        <Descriptions.Item label={t("alarm.clearedAt")}>{formatDateTime(alarm.clearedAt, locale)}</Descriptions.Item>
      </Descriptions>
      <div data-testid="alarm-disposals">
        <Typography.Text strong>{t("alarm.disposalHistory")}</Typography.Text>
        {alarm.disposals.length === 0 ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t("alarm.noDisposals")}
          </Typography.Paragraph>
        ) : (
          <Timeline
            style={{ marginTop: 12 }}
            items={alarm.disposals.map((d) => ({
              key: d.at,
              content: (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(d.at, locale)} · {d.by}
                  </Typography.Text>
                  <div>
                    {t("alarm.cause")}: {d.cause}
                  </div>
                  <div>
                    {t("alarm.actionTaken")}: {d.actionTaken}
                  </div>
                </div>
              ),
            }))}
          />
        )}
      </div>
    </div>
  );
}
