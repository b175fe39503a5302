import { Card, Col, Empty, Progress, Row, Space, Statistic, Table, Typography } from "antd";
import { useMemo } from "react";
import { Link, useNavigate } from "react-router-dom";
import { type RiskLevel, riskLevelOf } from "../../../domain/reference/risk-levels";
import { EChart, type EChartOption } from "../../components/EChart";
import { RiskLevelTag, riskLevelName } from "../../components/RiskLevel";
import { useLocale, useT } from "../../i18n";
import {
  COLOURS,
  type Cockpit,
  type CockpitChildEnterprise,
  type CockpitChildTerritory,
  type ColourCounts,
  type LevelCounts,
  type PlanCompletion,
  percent,
  sumColours,
} from "./cockpit-data";
import { levelHex, RISK_LEVEL_LIST } from "./rating-charts";

/** Points the server sends when the history covers the whole window (cockpit-figures.ts TREND_BUCKETS). */
const TREND_BUCKETS = 12;

const COLOUR_LEVEL: Record<keyof ColourCounts, RiskLevel> = { red: 1, orange: 2, yellow: 3, blue: 4 };

/** "3 / 5 / 12 / 40" with each number in its level's colour. */
export function LevelCountsInline({ counts }: { counts: LevelCounts }) {
  return (
    <Space size={4} separator={<span style={{ color: "#bfbfbf" }}>/</span>}>
      {RISK_LEVEL_LIST.map((level) => (
        <span
          key={level}
          style={{
            display: "inline-block",
            minWidth: 26,
            textAlign: "center",
            borderRadius: 4,
            padding: "0 4px",
            background: counts[level] > 0 ? levelHex(level) : "transparent",
            color: counts[level] > 0 ? riskLevelOf(level).textHex : "#8c8c8c",
            fontWeight: 500,
          }}
        >
          {counts[level]}
        </span>
      ))}
    </Space>
  );
}

/** Enterprises by level as a doughnut in the four colours. */
export function LevelChart({ cockpit }: { cockpit: Cockpit }) {
  const t = useT();
  const [locale] = useLocale();
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
      legend: { bottom: 0 },
      series: [
        {
          type: "pie",
          radius: ["40%", "70%"],
          center: ["50%", "45%"],
          label: { formatter: "{b}\n{c}" },
          data: RISK_LEVEL_LIST.map((level) => ({
            name: riskLevelName(locale, level),
            value: cockpit.enterprises.byLevel[level],
            itemStyle: { color: levelHex(level) },
          })),
        },
      ],
    }),
    [cockpit, locale],
  );
  return (
    <Card title={t("cockpit.levelChart")} size="small" style={{ height: "100%" }}>
      {cockpit.enterprises.rated === 0 ? (
        <Empty />
      ) : (
        <EChart option={option} height={280} testId="cockpit-level-chart" />
      )}
      {cockpit.enterprises.unrated > 0 && (
        <Typography.Text type="secondary">
          {t("cockpit.unrated", { count: cockpit.enterprises.unrated })}
        </Typography.Text>
      )}
    </Card>
  );
}

/** Enterprises per level at the end of each month or week: one line per colour. */
export function TrendChart({ cockpit, extra }: { cockpit: Cockpit; extra: React.ReactNode }) {
  const t = useT();
  const [locale] = useLocale();
  const points = cockpit.trend.points;
  const option = useMemo<EChartOption>(
    () => ({
      grid: { left: 8, right: 16, top: 24, bottom: 32, containLabel: true },
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      xAxis: {
        type: "category",
        data: points.map((point) =>
          cockpit.trend.granularity === "month" ? point.start.slice(0, 7) : point.start.slice(5),
        ),
      },
      yAxis: { type: "value", minInterval: 1 },
      series: RISK_LEVEL_LIST.map((level) => ({
        type: "line",
        name: riskLevelName(locale, level),
        data: points.map((point) => point.byLevel[level]),
        itemStyle: { color: levelHex(level) },
        lineStyle: { color: levelHex(level), width: 2 },
        symbolSize: 6,
      })),
    }),
    [cockpit, points, locale],
  );
  const empty = points.length === 0;
  return (
    <Card title={t("cockpit.trendChart")} size="small" extra={extra} style={{ height: "100%" }}>
      {empty ? (
        <Empty description={t("cockpit.trendEmpty")} />
      ) : (
        <EChart option={option} height={280} testId="cockpit-trend-chart" />
      )}
      {points.length > 0 && points.length < TREND_BUCKETS && (
        <Typography.Text type="secondary">{t("cockpit.trendSince", { date: points[0].start })}</Typography.Text>
      )}
    </Card>
  );
}

/** The child nodes with their regional level and figures; a row opens that node's cockpit. */
export function ChildrenPanel({ cockpit, onOpen }: { cockpit: Cockpit; onOpen: (territoryId: string) => void }) {
  const t = useT();
  const [locale] = useLocale();
  const children = cockpit.children;
  const bars = useMemo<EChartOption>(
    () => ({
      grid: { left: 8, right: 24, top: 8, bottom: 28, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { bottom: 0 },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: children.map((child) => child.name) },
      series: RISK_LEVEL_LIST.map((level) => ({
        type: "bar",
        stack: "level",
        name: riskLevelName(locale, level),
        barMaxWidth: 22,
        itemStyle: { color: levelHex(level) },
        data: children.map((child) => child.enterprises.byLevel[level]),
      })),
    }),
    [children, locale],
  );
  if (children.length === 0) return null;
  return (
    <Card
      size="small"
      title={t("cockpit.children")}
      extra={<Typography.Text type="secondary">{t("cockpit.childrenHint")}</Typography.Text>}
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Table<CockpitChildTerritory>
            data-testid="cockpit-children"
            size="small"
            rowKey="territoryId"
            pagination={children.length > 20 ? { pageSize: 20 } : false}
            dataSource={children}
            onRow={(child) =>
              ({
                "data-testid": `cockpit-child-${child.territoryId}`,
                onClick: () => onOpen(child.territoryId),
                style: { cursor: "pointer" },
              }) as React.HTMLAttributes<HTMLElement>
            }
            columns={[
              {
                title: t("cockpit.child.name"),
                dataIndex: "name",
                render: (name: string) => <Typography.Link>{name}</Typography.Link>,
              },
              {
                title: t("cockpit.child.regionalLevel"),
                key: "regional",
                render: (_: unknown, child) => (
                  <RiskLevelTag
                    level={child.regional.level}
                    tooltip={child.regional.explanation}
                    suffix={` ${child.regional.score}`}
                  />
                ),
              },
              {
                title: t("cockpit.child.enterprises"),
                align: "right",
                render: (_: unknown, child) => child.enterprises.total,
              },
              {
                title: t("cockpit.child.byLevel"),
                key: "byLevel",
                render: (_: unknown, child) => <LevelCountsInline counts={child.enterprises.byLevel} />,
              },
              {
                title: t("cockpit.child.openHiddenDangers"),
                align: "right",
                render: (_: unknown, child) => child.hiddenDangers.open,
              },
              {
                title: t("cockpit.child.overdue"),
                align: "right",
                render: (_: unknown, child) => <Danger value={child.hiddenDangers.overdue} />,
              },
              {
                title: t("cockpit.child.majorOpen"),
                align: "right",
                render: (_: unknown, child) => <Danger value={child.hiddenDangers.majorOpen} />,
              },
              {
                title: t("cockpit.child.activeAlarms"),
                align: "right",
                render: (_: unknown, child) => <Danger value={sumColours(child.activeAlarms)} />,
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={8}>
          <EChart option={bars} height={Math.max(200, children.length * 34 + 60)} testId="cockpit-children-chart" />
        </Col>
      </Row>
    </Card>
  );
}

function Danger({ value }: { value: number }) {
  return value > 0 ? (
    <Typography.Text type="danger" strong>
      {value}
    </Typography.Text>
  ) : (
    <span>0</span>
  );
}

/** Enterprises registered at this node (a grid): a row opens the enterprise's rating. */
export function EnterprisesHerePanel({ cockpit }: { cockpit: Cockpit }) {
  const t = useT();
  const navigate = useNavigate();
  const { items, total } = cockpit.enterprisesHere;
  if (total === 0) return null;
  return (
    <Card
      size="small"
      title={`${t("cockpit.childrenEnterprises")} (${total})`}
      extra={<Typography.Text type="secondary">{t("cockpit.childrenHint")}</Typography.Text>}
    >
      <Table<CockpitChildEnterprise>
        data-testid="cockpit-enterprises"
        size="small"
        rowKey="enterpriseId"
        pagination={items.length > 20 ? { pageSize: 20 } : false}
        dataSource={items}
        onRow={(enterprise) =>
          ({
            "data-testid": `cockpit-enterprise-${enterprise.enterpriseId}`,
            onClick: () => navigate(`/enterprises/${enterprise.enterpriseId}?tab=rating`),
            style: { cursor: "pointer" },
          }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: t("cockpit.top.name"),
            dataIndex: "name",
            render: (name: string, enterprise) => (
              <Link
                to={`/enterprises/${enterprise.enterpriseId}?tab=rating`}
                onClick={(event) => event.stopPropagation()}
              >
                {name}
              </Link>
            ),
          },
          {
            title: t("cockpit.child.level"),
            dataIndex: "level",
            width: 120,
            render: (level: RiskLevel | null) => <RiskLevelTag level={level} />,
          },
          {
            title: t("cockpit.child.score"),
            dataIndex: "score",
            width: 80,
            align: "right",
            render: (s: number | null) => s ?? "—",
          },
          { title: t("cockpit.child.explanation"), dataIndex: "explanation", ellipsis: true },
          {
            title: t("cockpit.child.openHiddenDangers"),
            width: 100,
            align: "right",
            render: (_: unknown, e) => e.hiddenDangers.open,
          },
          {
            title: t("cockpit.child.overdue"),
            width: 70,
            align: "right",
            render: (_: unknown, e) => <Danger value={e.hiddenDangers.overdue} />,
          },
          {
            title: t("cockpit.child.activeAlarms"),
            width: 100,
            align: "right",
            render: (_: unknown, e) => <Danger value={e.activeAlarms} />,
          },
        ]}
      />
    </Card>
  );
}

/** Found and rectified in the period, open, overdue and major now. */
export function HiddenDangerPanel({ cockpit }: { cockpit: Cockpit }) {
  const t = useT();
  const figures = cockpit.hiddenDangers;
  return (
    <Card
      size="small"
      title={`${t("cockpit.hiddenDangers")} · ${cockpit.period.label}`}
      data-testid="cockpit-hidden-dangers"
      style={{ height: "100%" }}
    >
      <Row gutter={[16, 16]} align="middle">
        <Col span={8} style={{ textAlign: "center" }}>
          <Progress
            type="dashboard"
            percent={figures.rectificationRate === null ? 0 : Math.round(figures.rectificationRate * 1000) / 10}
            format={() => percent(figures.rectificationRate)}
            size={110}
          />
          <div>{t("cockpit.hd.rectificationRate")}</div>
        </Col>
        <Col span={16}>
          <Row gutter={[12, 12]}>
            <Col span={8}>
              <Statistic title={t("cockpit.hd.found")} value={figures.found} />
            </Col>
            <Col span={8}>
              <Statistic title={t("cockpit.hd.rectified")} value={figures.rectified} />
            </Col>
            <Col span={8}>
              <Statistic title={t("cockpit.hd.onTimeRate")} value={percent(figures.onTimeRate)} />
            </Col>
            <Col span={8}>
              <Statistic title={t("cockpit.hd.open")} value={figures.open} />
            </Col>
            <Col span={8}>
              <Statistic
                title={t("cockpit.hd.overdue")}
                value={figures.overdue}
                styles={dangerStyle(figures.overdue)}
              />
            </Col>
            <Col span={8}>
              <Statistic
                title={t("cockpit.hd.majorOpen")}
                value={figures.majorOpen}
                styles={dangerStyle(figures.majorOpen)}
              />
            </Col>
          </Row>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        {t("cockpit.hd.rateHint")}
      </Typography.Paragraph>
    </Card>
  );
}

const dangerStyle = (value: number) => (value > 0 ? { content: { color: "#d9001b" } } : undefined);

/** Active alarms and those of the last 30 days, one row per colour. */
export function AlarmPanel({ cockpit }: { cockpit: Cockpit }) {
  const t = useT();
  const rows = COLOURS.map((colour) => ({
    colour,
    level: COLOUR_LEVEL[colour],
    active: cockpit.alarms.active[colour],
    recent: cockpit.alarms.last30Days[colour],
  }));
  return (
    <Card size="small" title={t("cockpit.alarms")} data-testid="cockpit-alarms" style={{ height: "100%" }}>
      <Table
        size="small"
        pagination={false}
        rowKey="colour"
        dataSource={rows}
        columns={[
          {
            key: "level",
            render: (_: unknown, row) => <RiskLevelTag level={row.level} />,
          },
          {
            title: t("cockpit.alarms.active"),
            dataIndex: "active",
            align: "right",
            render: (value: number, row) => (row.level <= 2 ? <Danger value={value} /> : value),
          },
          { title: t("cockpit.alarms.last30"), dataIndex: "recent", align: "right" },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t("cockpit.alarms.total")}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <Typography.Text strong>{sumColours(cockpit.alarms.active)}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <Typography.Text strong>{sumColours(cockpit.alarms.last30Days)}</Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </Card>
  );
}

/** Completion of the year's enforcement plans and the inspections done in the period. */
export function PlanPanel({ cockpit }: { cockpit: Cockpit }) {
  const t = useT();
  const plans = cockpit.inspectionPlans;
  const line = (label: string, completion: PlanCompletion) => (
    <div>
      <Typography.Text>{label}</Typography.Text>
      <Progress percent={Math.round((completion.ratio ?? 0) * 1000) / 10} format={() => percent(completion.ratio)} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("cockpit.plans.progress", {
          inspected: completion.inspected,
          planned: completion.planned,
          plans: completion.plans,
        })}
      </Typography.Text>
    </div>
  );
  const none = plans.annual.plans === 0 && plans.monthly.plans === 0;
  return (
    <Card size="small" title={t("cockpit.plans")} data-testid="cockpit-plans" style={{ height: "100%" }}>
      <Space orientation="vertical" style={{ width: "100%" }}>
        {none ? (
          <Typography.Text type="secondary">{t("cockpit.plans.none", { year: plans.year })}</Typography.Text>
        ) : (
          <>
            {plans.annual.plans > 0 && line(t("cockpit.plans.annual", { year: plans.year }), plans.annual)}
            {plans.monthly.plans > 0 && line(t("cockpit.plans.monthly", { year: plans.year }), plans.monthly)}
          </>
        )}
        <Row gutter={8}>
          <Col span={8}>
            <Statistic title={t("cockpit.plans.inspections")} value={plans.inspections.done} />
          </Col>
          <Col span={8}>
            <Statistic title={t("cockpit.plans.violations")} value={plans.inspections.violations} />
          </Col>
          <Col span={8}>
            <Statistic title={t("cockpit.plans.penalty")} value={plans.inspections.penaltyYuan} />
          </Col>
        </Row>
      </Space>
    </Card>
  );
}

/** Special actions running in or reaching this node, with their reports. */
export function CampaignPanel({ cockpit }: { cockpit: Cockpit }) {
  const t = useT();
  const campaigns = cockpit.campaigns;
  return (
    <Card size="small" title={t("cockpit.campaigns")} data-testid="cockpit-campaigns" style={{ height: "100%" }}>
      <Row gutter={8}>
        <Col span={8}>
          <Statistic title={t("cockpit.campaigns.active")} value={campaigns.active} />
        </Col>
        <Col span={8}>
          <Statistic
            title={t("cockpit.campaigns.reports")}
            value={`${campaigns.reportsDue} / ${campaigns.reportsSubmitted}`}
          />
        </Col>
        <Col span={8}>
          <Statistic
            title={t("cockpit.campaigns.overdue")}
            value={campaigns.reportsOverdue}
            styles={dangerStyle(campaigns.reportsOverdue)}
          />
        </Col>
      </Row>
      {campaigns.byCampaign.length === 0 ? (
        <Typography.Text type="secondary">{t("cockpit.campaigns.none")}</Typography.Text>
      ) : (
        <ul style={{ paddingLeft: 18, margin: "8px 0 0" }}>
          {campaigns.byCampaign.slice(0, 5).map((campaign) => (
            <li key={campaign.id}>
              <Link to={`/campaigns/${campaign.id}`}>{campaign.title}</Link>{" "}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("cockpit.campaigns.period", { start: campaign.startDate, end: campaign.endDate })}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** The ten highest scores; a name opens the enterprise's rating tab. */
export function TopEnterprisesPanel({ cockpit }: { cockpit: Cockpit }) {
  const t = useT();
  return (
    <Card size="small" title={t("cockpit.top")}>
      <Table
        data-testid="cockpit-top-enterprises"
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={cockpit.topEnterprises}
        columns={[
          { title: t("cockpit.top.rank"), width: 60, render: (_: unknown, __: unknown, index: number) => index + 1 },
          {
            title: t("cockpit.top.name"),
            dataIndex: "name",
            render: (name: string, row: Cockpit["topEnterprises"][number]) => (
              <Link to={`/enterprises/${row.id}?tab=rating`}>{name}</Link>
            ),
          },
          { title: t("cockpit.top.territory"), dataIndex: "territoryName", width: 140 },
          { title: t("cockpit.top.score"), dataIndex: "score", width: 70, align: "right" },
          {
            title: t("cockpit.top.level"),
            dataIndex: "level",
            width: 110,
            render: (level: RiskLevel) => <RiskLevelTag level={level} />,
          },
          { title: t("cockpit.top.explanation"), dataIndex: "summary" },
        ]}
      />
    </Card>
  );
}
