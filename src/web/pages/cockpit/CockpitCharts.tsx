import { Card, Empty, Typography } from "antd";
import type { ReactNode } from "react";
import { useMemo } from "react";
import { EChart, type EChartOption } from "../../components/EChart";
import { riskLevelName } from "../../components/RiskLevel";
import { useLocale, useT } from "../../i18n";
import type { Cockpit } from "./cockpit-data";
import { levelHex, RISK_LEVEL_LIST } from "./rating-charts";

/** Points the server sends when the history covers the whole window (cockpit-figures.ts TREND_BUCKETS). */
const TREND_BUCKETS = 12;

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
export function TrendChart({ cockpit, extra }: { cockpit: Cockpit; extra: ReactNode }) {
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
