import { Card, Col, Row, Statistic, Typography } from "antd";
import type { ReactNode } from "react";
import { percent } from "../../components/labels";
import { RiskLevelTag } from "../../components/RiskLevel";
import { useT } from "../../i18n";
import { type Cockpit, sumColours } from "./cockpit-data";
import { dangerStyle } from "./cockpit-ui";

/** One figure at the top of the cockpit: its name, and its value with a line of context. */
function Kpi({ name, title, children }: { name: string; title: string; children: ReactNode }) {
  return (
    <Card size="small" data-testid={`cockpit-kpi-${name}`} style={{ height: "100%" }}>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <div style={{ marginTop: 4 }}>{children}</div>
    </Card>
  );
}

/** The secondary line under a figure, e.g. "12 / 15". */
const Context = ({ children }: { children: ReactNode }) => (
  <Typography.Text type="secondary">{children}</Typography.Text>
);

/** The node's figures at a glance: enterprises and the severe ones, the regional level, hidden dangers, alarms, plans. */
export function CockpitKpis({ cockpit }: { cockpit: Cockpit }) {
  const t = useT();
  const { enterprises, hiddenDangers, regional, period, alarms, inspectionPlans } = cockpit;
  const kpis: { name: string; title: string; value: ReactNode }[] = [
    {
      name: "enterprises",
      title: t("cockpit.kpi.enterprises"),
      value: (
        <>
          <Statistic value={enterprises.total} />
          {enterprises.unrated > 0 && <Context>{t("cockpit.unrated", { count: enterprises.unrated })}</Context>}
        </>
      ),
    },
    {
      name: "red",
      title: t("cockpit.kpi.red"),
      value: <Statistic value={enterprises.byLevel[1]} styles={{ content: { color: "#d9001b" } }} />,
    },
    {
      name: "orange",
      title: t("cockpit.kpi.orange"),
      value: <Statistic value={enterprises.byLevel[2]} styles={{ content: { color: "#d48806" } }} />,
    },
    {
      name: "regional",
      title: t("cockpit.kpi.regional"),
      value: regional ? (
        <>
          <RiskLevelTag
            level={regional.level}
            suffix={` ${regional.score}`}
            tooltip={regional.explanation}
            style={{ fontSize: 16, padding: "4px 10px", marginTop: 6 }}
          />
          <Typography.Paragraph
            type="secondary"
            style={{ fontSize: 12, margin: "6px 0 0" }}
            ellipsis={{ rows: 2, tooltip: regional.explanation }}
          >
            {regional.explanation}
          </Typography.Paragraph>
        </>
      ) : (
        "—"
      ),
    },
    {
      name: "rectificationRate",
      title: `${t("cockpit.kpi.rectificationRate")} · ${period.label}`,
      value: (
        <>
          <Statistic value={percent(hiddenDangers.rectificationRate)} />
          <Context>
            {hiddenDangers.rectified} / {hiddenDangers.found - hiddenDangers.dismissed}
          </Context>
        </>
      ),
    },
    {
      name: "overdue",
      title: t("cockpit.kpi.overdue"),
      value: <Statistic value={hiddenDangers.overdue} styles={dangerStyle(hiddenDangers.overdue)} />,
    },
    {
      name: "majorOpen",
      title: t("cockpit.kpi.majorOpen"),
      value: <Statistic value={hiddenDangers.majorOpen} styles={dangerStyle(hiddenDangers.majorOpen)} />,
    },
    {
      name: "hiddenDangers",
      title: `${t("cockpit.kpi.hiddenDangers")} · ${period.label}`,
      value: <Statistic value={hiddenDangers.found} />,
    },
    {
      name: "activeAlarms",
      title: t("cockpit.kpi.activeAlarms"),
      value: <Statistic value={sumColours(alarms.active)} styles={dangerStyle(alarms.active.red)} />,
    },
    {
      name: "planCompletion",
      title: `${t("cockpit.kpi.planCompletion")} · ${t("cockpit.plans.annual", { year: inspectionPlans.year })}`,
      value: (
        <>
          <Statistic value={percent(inspectionPlans.annual.ratio)} />
          <Context>
            {inspectionPlans.annual.inspected} / {inspectionPlans.annual.planned}
          </Context>
        </>
      ),
    },
  ];
  return (
    <Row gutter={[12, 12]}>
      {kpis.map((kpi) => (
        <Col key={kpi.name} xs={12} md={8} xl={4}>
          <Kpi name={kpi.name} title={kpi.title}>
            {kpi.value}
          </Kpi>
        </Col>
      ))}
    </Row>
  );
}
