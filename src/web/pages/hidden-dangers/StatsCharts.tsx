import { Card, Col, Row } from "antd";
import { useMemo } from "react";
import { EChart, type EChartOption } from "../../components/EChart";
import { useT } from "../../i18n";
import { categoryLabel, type HdStats, sourceLabel } from "./hidden-danger-data";

/** A bar per row: the chart grows with its rows instead of stretching one bar over a tall canvas. */
const chartHeight = (rows: number) => Math.max(140, rows * 44 + 60);

function barOption(rows: { name: string; value: number }[], colour: string): EChartOption {
  return {
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis" },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: rows.map((r) => r.name), inverse: true },
    series: [
      {
        type: "bar",
        data: rows.map((r) => r.value),
        itemStyle: { color: colour },
        barMaxWidth: 28,
        label: { show: true, position: "right" },
      },
    ],
  };
}

/** The period's hidden dangers by GB/T 13861 category and by where they were found, as bars. */
export function StatsCharts({ figures }: { figures: HdStats | undefined }) {
  const t = useT();
  const charts = useMemo(() => {
    const bars = [
      {
        key: "category",
        title: t("stats.byCategory"),
        rows: (figures?.byCategory ?? []).map((c) => ({
          name: categoryLabel(t, c.category === "?" ? "" : c.category),
          value: c.count,
        })),
        colour: "#1677ff",
      },
      {
        key: "source",
        title: t("stats.bySource"),
        rows: (figures?.bySource ?? []).map((s) => ({ name: sourceLabel(t, s.source), value: s.count })),
        colour: "#fa8c16",
      },
    ];
    return bars.map((chart) => ({ ...chart, option: barOption(chart.rows, chart.colour) }));
  }, [figures, t]);
  return (
    <Row gutter={[16, 16]}>
      {charts.map((chart) => (
        <Col key={chart.key} xs={24} lg={12}>
          <Card title={chart.title} size="small">
            <EChart option={chart.option} height={chartHeight(chart.rows.length)} testId={`stats-${chart.key}-chart`} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
