import { Card, Col, Empty, Row } from "antd";
import { useMemo } from "react";
import { type RiskLevel, riskLevelOf } from "../../../domain/reference/risk-levels";
import type { RiskStats } from "../../api/types";
import { EChart, type EChartOption } from "../../components/EChart";
import { NOT_ASSESSED_HEX, RISK_LEVELS, riskLevelName } from "../../components/RiskLevel";
import { localName, useLocale, useT } from "../../i18n";

/** Counts by colour as a donut in the four colours; a click on a slice filters the register by that level. */
export function ColourDonut({ stats, onPick }: { stats: RiskStats; onPick?: (level: RiskLevel | null) => void }) {
  const t = useT();
  const [locale] = useLocale();
  const total = stats.byColour.reduce((sum, c) => sum + c.count, 0);
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
      legend: { bottom: 0, icon: "roundRect" },
      // The total in the hole of the donut (the pie's centre is at 50% / 44%).
      graphic: [
        {
          type: "text",
          left: "center",
          top: "36%",
          style: { text: String(total), fontSize: 28, fontWeight: 600, fill: "#262626", textAlign: "center" },
        },
        {
          type: "text",
          left: "center",
          top: "47%",
          style: { text: t("risk.chartPoints"), fontSize: 13, fill: "#8c8c8c", textAlign: "center" },
        },
      ],
      series: [
        {
          type: "pie",
          radius: ["45%", "70%"],
          center: ["50%", "44%"],
          avoidLabelOverlap: true,
          label: { formatter: "{c}", fontSize: 13 },
          itemStyle: { borderColor: "#fff", borderWidth: 2 },
          data: stats.byColour
            .filter((c) => c.count > 0)
            .map((c) => ({
              name: c.level ? riskLevelName(locale, c.level) : t("risk.notAssessed"),
              value: c.count,
              level: c.level,
              itemStyle: { color: c.level ? riskLevelOf(c.level).hex : NOT_ASSESSED_HEX },
            })),
        },
      ],
    }),
    [stats, locale, t, total],
  );
  if (total === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("risk.empty")} />;
  return (
    <EChart
      option={option}
      height={300}
      testId="risk-colour-chart"
      onClick={(params) => onPick?.((params.data as { level: RiskLevel | null }).level)}
    />
  );
}

/** Stacked bars per unit (workshop, area) by level, and bars per GB 6441 accident type. */
export function RiskBreakdownCharts({ stats }: { stats: RiskStats }) {
  const t = useT();
  const [locale] = useLocale();

  const byUnit = useMemo<EChartOption>(() => {
    const units = stats.byUnit.map((u) => u.unit || t("risk.noUnit"));
    const series = [
      ...RISK_LEVELS.map((level) => ({
        type: "bar" as const,
        name: riskLevelName(locale, level),
        stack: "level",
        barMaxWidth: 36,
        itemStyle: { color: riskLevelOf(level).hex },
        data: stats.byUnit.map((u) => u.counts[String(level) as "1" | "2" | "3" | "4"] ?? 0),
      })),
      {
        type: "bar" as const,
        name: t("risk.notAssessed"),
        stack: "level",
        barMaxWidth: 36,
        itemStyle: { color: NOT_ASSESSED_HEX },
        data: stats.byUnit.map((u) => u.notAssessed),
      },
    ];
    return {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { bottom: 0, icon: "roundRect" },
      grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: "category", data: units, axisLabel: { interval: 0, width: 90, overflow: "truncate" } },
      yAxis: { type: "value", minInterval: 1 },
      series,
    };
  }, [stats, locale, t]);

  const byAccident = useMemo<EChartOption>(() => {
    const rows = [...stats.byAccidentType].sort((a, b) => a.riskPoints - b.riskPoints);
    return {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: {
        type: "category",
        data: rows.map((r) => `${r.code} ${localName(locale, r.nameZh, r.nameEn)}`),
        axisLabel: { width: 160, overflow: "truncate" },
      },
      series: [
        {
          type: "bar",
          name: t("risk.chartPoints"),
          data: rows.map((r) => r.riskPoints),
          itemStyle: { color: "#1677ff" },
          label: { show: true, position: "right" },
          barMaxWidth: 20,
        },
      ],
    };
  }, [stats, locale, t]);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card size="small" title={t("risk.chartByUnit")} data-testid="risk-unit-chart-card">
          {stats.byUnit.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("risk.empty")} />
          ) : (
            <EChart option={byUnit} height={300} testId="risk-unit-chart" />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t("risk.chartByAccident")} data-testid="risk-accident-chart-card">
          {stats.byAccidentType.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("risk.chartNoHazards")} />
          ) : (
            <EChart
              option={byAccident}
              height={Math.max(200, stats.byAccidentType.length * 30 + 24)}
              testId="risk-accident-chart"
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
