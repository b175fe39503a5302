import { Card, Col, Row, Table, Typography } from "antd";
import type { ColumnType } from "antd/es/table";
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

/** A right-aligned count column; with `danger`, a count above zero is red. */
function countColumn<T>(
  title: string,
  count: (row: T) => number,
  { width, danger = false }: { width?: number; danger?: boolean } = {},
): ColumnType<T> {
  return {
    title,
    width,
    align: "right",
    render: (_: unknown, row: T) => (danger ? <Danger value={count(row)} /> : count(row)),
  };
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
              countColumn(t("cockpit.child.enterprises"), (child) => child.enterprises.total),
              {
                title: t("cockpit.child.byLevel"),
                key: "byLevel",
                render: (_: unknown, child) => <LevelCountsInline counts={child.enterprises.byLevel} />,
              },
              countColumn(t("cockpit.child.openHiddenDangers"), (child) => child.hiddenDangers.open),
              countColumn(t("cockpit.child.overdue"), (child) => child.hiddenDangers.overdue, { danger: true }),
              countColumn(t("cockpit.child.majorOpen"), (child) => child.hiddenDangers.majorOpen, { danger: true }),
              countColumn(t("cockpit.child.activeAlarms"), (child) => sumColours(child.activeAlarms), { danger: true }),
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
          countColumn(t("cockpit.child.openHiddenDangers"), (e) => e.hiddenDangers.open, { width: 100 }),
          countColumn(t("cockpit.child.overdue"), (e) => e.hiddenDangers.overdue, { width: 70, danger: true }),
          countColumn(t("cockpit.child.activeAlarms"), (e) => e.activeAlarms, { width: 100, danger: true }),
        ]}
      />
    </Card>
  );
}
