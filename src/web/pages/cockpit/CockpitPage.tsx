import { FileExcelOutlined, FilePdfOutlined } from "@ant-design/icons";
import { Breadcrumb, Card, Col, Row, Segmented, Select, Skeleton, Space, Typography } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { api } from "../../api/client";
import { useRequest } from "../../api/use-request";
import { DownloadButton } from "../../components/DownloadButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useT } from "../../i18n";
import { LevelChart, TrendChart } from "./CockpitCharts";
import { ChildrenPanel, EnterprisesHerePanel } from "./CockpitChildren";
import { AlarmPanel, CampaignPanel, HiddenDangerPanel, PlanPanel, TopEnterprisesPanel } from "./CockpitFigures";
import { CockpitKpis } from "./CockpitKpis";
import type { Cockpit } from "./cockpit-data";

/** Periods offered for the hidden-danger figures: this year and the four before, each whole or by quarter. */
function periodOptions() {
  const year = new Date().getFullYear();
  return Array.from({ length: 5 }, (_, back) => year - back).flatMap((y) => [
    { value: String(y), label: String(y) },
    ...[1, 2, 3, 4].map((q) => ({ value: `${y}-Q${q}`, label: `${y} Q${q}` })),
  ]);
}

/**
 * The city / district cockpit: one territory node's enterprises by level and their trend, the nodes below with their
 * regional level (a click goes one level down, the breadcrumb back up), hidden dangers, alarms and the highest scores.
 */
export function CockpitPage() {
  const t = useT();
  const [searchParams, setSearchParams] = useSearchParams();
  const territoryId = searchParams.get("territoryId") ?? undefined;
  const period = searchParams.get("period") ?? String(new Date().getFullYear());
  const [granularity, setGranularity] = useState<"month" | "week">("month");
  const query = { territoryId, period, granularity };
  const request = useRequest(() => api.get<Cockpit>("/cockpit", query), [territoryId, period, granularity]);
  const cockpit = request.data;

  const open = (id: string) => {
    const next = new URLSearchParams(searchParams);
    next.set("territoryId", id);
    setSearchParams(next);
  };
  const setPeriod = (value: string) => {
    const next = new URLSearchParams(searchParams);
    next.set("period", value);
    setSearchParams(next, { replace: true });
  };

  if (request.error) return <ErrorAlert error={request.error} onRetry={request.reload} />;
  if (!cockpit)
    return (
      <Card data-testid="cockpit-page">
        <Skeleton active />
      </Card>
    );

  return (
    <Space data-testid="cockpit-page" orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card size="small">
        <Row justify="space-between" align="middle" gutter={[16, 8]}>
          <Col>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t("cockpit.subtitle", { name: cockpit.territory.name })}
            </Typography.Title>
            <Breadcrumb
              data-testid="cockpit-breadcrumb"
              style={{ marginTop: 6 }}
              items={cockpit.breadcrumb.map((node) =>
                node.id === cockpit.territory.id
                  ? { key: node.id, title: <Typography.Text strong>{node.name}</Typography.Text> }
                  : {
                      key: node.id,
                      title: (
                        <Typography.Link data-testid={`cockpit-crumb-${node.id}`} onClick={() => open(node.id)}>
                          {node.name}
                        </Typography.Link>
                      ),
                    },
              )}
            />
          </Col>
          <Col>
            <Space wrap>
              <span>{t("cockpit.period")}</span>
              <Select
                data-testid="cockpit-period"
                style={{ width: 120 }}
                value={period}
                onChange={setPeriod}
                options={periodOptions()}
              />
              {(["xlsx", "pdf"] as const).map((format) => (
                <DownloadButton
                  key={format}
                  icon={format === "xlsx" ? <FileExcelOutlined /> : <FilePdfOutlined />}
                  data-testid={`cockpit-export-${format}`}
                  path={`/cockpit/export.${format}`}
                  query={{ territoryId: cockpit.territory.id, period }}
                  fileName={`cockpit.${format}`}
                >
                  {format === "xlsx" ? t("cockpit.exportXlsx") : t("cockpit.exportPdf")}
                </DownloadButton>
              ))}
            </Space>
          </Col>
        </Row>
      </Card>

      <CockpitKpis cockpit={cockpit} />

      <Row gutter={[12, 12]}>
        <Col xs={24} lg={9}>
          <LevelChart cockpit={cockpit} />
        </Col>
        <Col xs={24} lg={15}>
          <TrendChart
            cockpit={cockpit}
            extra={
              <Segmented
                size="small"
                value={granularity}
                onChange={(value) => setGranularity(value as "month" | "week")}
                options={[
                  { value: "month", label: t("cockpit.granularity.month") },
                  { value: "week", label: t("cockpit.granularity.week") },
                ]}
              />
            }
          />
        </Col>
      </Row>

      <ChildrenPanel cockpit={cockpit} onOpen={open} />
      <EnterprisesHerePanel cockpit={cockpit} />

      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <HiddenDangerPanel cockpit={cockpit} />
        </Col>
        <Col xs={24} xl={10}>
          <AlarmPanel cockpit={cockpit} />
        </Col>
        <Col xs={24} xl={12}>
          <PlanPanel cockpit={cockpit} />
        </Col>
        <Col xs={24} xl={12}>
          <CampaignPanel cockpit={cockpit} />
        </Col>
      </Row>

      <TopEnterprisesPanel cockpit={cockpit} />
    </Space>
  );
}
