import { Card, Col, Progress, Row, Space, Statistic, Table, Typography } from "antd";
import { Link } from "react-router-dom";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import { percent } from "../../components/labels";
import { RiskLevelTag } from "../../components/RiskLevel";
import { useT } from "../../i18n";
import { COLOURS, type Cockpit, type ColourCounts, type PlanCompletion, sumColours } from "./cockpit-data";
import { Danger, dangerStyle } from "./cockpit-ui";

const COLOUR_LEVEL: Record<keyof ColourCounts, RiskLevel> = { red: 1, orange: 2, yellow: 3, blue: 4 };

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
