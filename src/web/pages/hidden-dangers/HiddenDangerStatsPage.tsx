import { DownloadOutlined, EditOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Col, Row, Segmented, Select, Space, Statistic, Table, Tooltip } from "antd";
import { useState } from "react";
import { api, errorMessage } from "../../api/client";
import type { Answer } from "../../api/contract";
import { useRequest } from "../../api/use-request";
import { isTerritoryScoped } from "../../app/navigation";
import { useMe } from "../../app/session";
import { DownloadButton } from "../../components/DownloadButton";
import { EnterprisePicker } from "../../components/EnterprisePicker";
import { ErrorAlert } from "../../components/ErrorAlert";
import { percent } from "../../components/labels";
import { useT } from "../../i18n";
import { formatTime, type HdStats, type HdSummary } from "./hidden-danger-data";
import { StatsCharts } from "./StatsCharts";

/** The first moment after a period (2026 or 2026-Q3), to tell whether it has ended. */
function periodEnd(period: string): Date {
  const [year, quarter] = period.split("-Q").map(Number);
  return quarter ? new Date(year, quarter * 3, 1) : new Date(year + 1, 0, 1);
}

/** Found, rectified, rates and what is still open, for a year or a quarter; the principal signs an ended period. */
export function HiddenDangerStatsPage() {
  const t = useT();
  const me = useMe();
  const { message, modal } = App.useApp();
  const now = new Date();
  const thisYear = now.getFullYear();
  const [year, setYear] = useState(thisYear);
  const [quarter, setQuarter] = useState<string>("year");
  const own = isTerritoryScoped(me) ? undefined : me.enterpriseIds[0];
  const [chosen, setChosen] = useState<string | undefined>();
  const enterpriseId = own ?? chosen;
  const period = quarter === "year" ? String(year) : `${year}-${quarter}`;

  const stats = useRequest(
    () => api.get<HdStats>("/hidden-danger-stats", { enterpriseId, period }),
    [enterpriseId, period],
  );
  const summaries = useRequest(
    () =>
      enterpriseId
        ? api
            .get<Answer<"/api/v1/hidden-danger-summaries">>("/hidden-danger-summaries", { enterpriseId })
            .then((r) => r.items)
        : Promise.resolve([]),
    [enterpriseId],
  );
  const signed = summaries.data?.find((s) => s.period === period);
  const ended = periodEnd(period) <= now;
  const canSign = me.role === "enterprise_principal" && !!enterpriseId;

  const figures = stats.data;
  const sign = () =>
    modal.confirm({
      title: t("stats.sign"),
      content: t("stats.signConfirm", { period }),
      onOk: async () => {
        try {
          await api.post("/hidden-danger-summaries", { enterpriseId, period });
          summaries.reload();
        } catch (error) {
          message.error(errorMessage(error));
        }
      },
    });

  const tiles: { key: string; label: string; value: string | number; colour?: string }[] = figures
    ? [
        { key: "found", label: t("stats.found"), value: figures.found },
        { key: "rectified", label: t("stats.rectified"), value: figures.rectified, colour: "#389e0d" },
        { key: "rate", label: t("stats.rectificationRate"), value: percent(figures.rectificationRate) },
        { key: "onTime", label: t("stats.onTimeRate"), value: percent(figures.onTimeRate) },
        { key: "open", label: t("stats.open"), value: figures.open, colour: figures.open ? "#d46b08" : undefined },
        {
          key: "overdue",
          label: t("stats.overdue"),
          value: figures.overdue,
          colour: figures.overdue ? "#cf1322" : undefined,
        },
        { key: "majorFound", label: t("stats.majorFound"), value: figures.majorFound },
        {
          key: "majorOpen",
          label: t("stats.majorOpen"),
          value: figures.majorOpen,
          colour: figures.majorOpen ? "#d9001b" : undefined,
        },
      ]
    : [];

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }} data-testid="hd-stats-page">
      <Card
        title={t("stats.title")}
        extra={
          <Space wrap>
            <DownloadButton
              icon={<DownloadOutlined />}
              disabled={!enterpriseId}
              path="/hidden-danger-summaries/export"
              query={{ enterpriseId, period }}
              fileName={`${period}.xlsx`}
              data-testid="stats-export"
            >
              {t("stats.export")}
            </DownloadButton>
            {canSign && !signed && (
              <Tooltip title={ended ? undefined : t("stats.notEnded")}>
                <Button
                  type="primary"
                  icon={<EditOutlined />}
                  disabled={!ended}
                  onClick={sign}
                  data-testid="stats-sign"
                >
                  {t("stats.sign")}
                </Button>
              </Tooltip>
            )}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 16 }}>
          {!own && (
            <EnterprisePicker
              data-testid="hd-enterprise"
              value={chosen}
              onChange={setChosen}
              placeholder={t("stats.allInScope")}
              style={{ width: 240 }}
            />
          )}
          <Select
            value={year}
            onChange={setYear}
            style={{ width: 100 }}
            data-testid="stats-year"
            options={[0, 1, 2, 3, 4].map((back) => ({ value: thisYear - back, label: String(thisYear - back) }))}
          />
          <Segmented
            value={quarter}
            onChange={(value) => setQuarter(String(value))}
            data-testid="stats-quarter"
            options={[
              { value: "year", label: t("stats.year") },
              { value: "Q1", label: "Q1" },
              { value: "Q2", label: "Q2" },
              { value: "Q3", label: "Q3" },
              { value: "Q4", label: "Q4" },
            ]}
          />
        </Space>
        {signed && (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            title={t("stats.signed", { name: signed.signedName, at: formatTime(signed.signedAt) })}
            data-testid="stats-signed"
          />
        )}
        <ErrorAlert error={stats.error} onRetry={stats.reload} />
        <Row gutter={[12, 12]} data-testid="stats-figures">
          {tiles.map((tile) => (
            <Col key={tile.key} xs={12} sm={8} lg={6} xl={3}>
              <Card size="small" data-testid={`stats-${tile.key}`}>
                <Statistic
                  title={tile.label}
                  value={tile.value}
                  valueStyle={tile.colour ? { color: tile.colour } : undefined}
                />
              </Card>
            </Col>
          ))}
        </Row>
      </Card>
      <StatsCharts figures={figures} />
      {enterpriseId && (summaries.data?.length ?? 0) > 0 && (
        <Card title={t("stats.signedList")} size="small">
          <Table<HdSummary>
            rowKey="period"
            size="small"
            pagination={false}
            dataSource={summaries.data ?? []}
            columns={[
              { title: "", dataIndex: "period", width: 100 },
              { title: t("stats.found"), render: (_, r) => r.figures.found },
              { title: t("stats.rectified"), render: (_, r) => r.figures.rectified },
              { title: t("stats.rectificationRate"), render: (_, r) => percent(r.figures.rectificationRate) },
              { title: t("stats.sign"), render: (_, r) => `${r.signedName} · ${formatTime(r.signedAt)}` },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
