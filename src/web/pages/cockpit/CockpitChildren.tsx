import { Card, Col, Row, Table, Typography } from "antd";
import type { HTMLAttributes } from "react";
import { useMemo } from "react";
import { Link, useNavigate } from "react-router-dom";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import { EChart, type EChartOption } from "../../components/EChart";
import { RiskLevelTag, riskLevelName } from "../../components/RiskLevel";
import { useLocale, useT } from "../../i18n";
import { type Cockpit, type CockpitChildEnterprise, type CockpitChildTerritory, sumColours } from "./cockpit-data";
import { Danger, LevelCountsInline } from "./cockpit-ui";
import { levelHex, RISK_LEVEL_LIST } from "./rating-charts";

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
              }) as HTMLAttributes<HTMLElement>
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
          }) as HTMLAttributes<HTMLElement>
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
