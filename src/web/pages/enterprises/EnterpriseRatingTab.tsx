import { Alert, Card, Descriptions, Empty, Skeleton, Space, Table, Tag, Typography } from "antd";
import { useMemo } from "react";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import { api } from "../../api/client";
import type { Answer } from "../../api/contract";
import { useRequest } from "../../api/use-request";
import { EChart, type EChartOption } from "../../components/EChart";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDateTime } from "../../components/labels";
import { RiskLevelTag } from "../../components/RiskLevel";
import { type MessageKey, useLocale, useT } from "../../i18n";
import { levelHex, ratingLevelBands } from "../cockpit/rating-charts";

/** An enterprise's current rating (with how its score is made up) and its history, newest first. */
export type EnterpriseRatingView = Answer<"/api/v1/enterprises/{id}/rating">;
type Contribution = NonNullable<EnterpriseRatingView["rating"]>["contributions"][number];

const WEEK_MS = 7 * 86_400_000;

type LevelChange = { computedAt: string; from: RiskLevel | null; to: RiskLevel; score: number; explanation: string };

/** The moments the level moved (the first rating included), newest first. */
function levelChangesOf(history: EnterpriseRatingView["history"]): LevelChange[] {
  const ascending = [...history].reverse();
  const changes: LevelChange[] = [];
  let previous: RiskLevel | null = null;
  for (const entry of ascending) {
    if (entry.level !== previous) changes.push({ ...entry, from: previous, to: entry.level });
    previous = entry.level;
  }
  return changes.reverse();
}

/**
 * Score over time as a step line over the four level bands, each point in its level's colour; the line runs on to
 * now, since a rating holds until the next one.
 */
function historyOption(
  history: EnterpriseRatingView["history"],
  current: { score: number; level: RiskLevel } | null,
  locale: string,
  scoreName: string,
): EChartOption {
  const ascending = [...history].reverse();
  const points = ascending.map((entry) => ({
    value: [entry.computedAt, entry.score],
    itemStyle: { color: levelHex(entry.level) },
  }));
  if (current) {
    points.push({
      value: [new Date().toISOString(), current.score],
      itemStyle: { color: levelHex(current.level) },
    });
  }
  return {
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    tooltip: {
      trigger: "item",
      formatter: (item: unknown) => {
        const { dataIndex } = item as { dataIndex: number };
        const entry = ascending[dataIndex];
        if (!entry) return "";
        return `${formatDateTime(entry.computedAt, locale)}<br/>${scoreName} ${entry.score}<br/>${entry.explanation}`;
      },
      extraCssText: "max-width: 420px; white-space: normal;",
    },
    // At least a week wide, so a rating made minutes ago is not spread over an axis of seconds.
    xAxis: {
      type: "time",
      min: Math.min(Date.parse(ascending[0]?.computedAt ?? new Date().toISOString()), Date.now() - WEEK_MS),
      axisLabel: { formatter: "{MM}-{dd}", hideOverlap: true },
    },
    yAxis: { type: "value", min: 0, max: 100, name: scoreName },
    series: [
      {
        type: "line",
        step: "end",
        data: points.map(({ value, itemStyle }, index) => ({
          value,
          itemStyle,
          // The point that carries the line on to now is not a rating of its own.
          symbolSize: index < ascending.length ? 9 : 0,
        })),
        lineStyle: { color: "#434343", width: 2 },
        markArea: {
          silent: true,
          data: ratingLevelBands().map((band) => [
            { yAxis: band.from, itemStyle: { color: levelHex(band.level), opacity: 0.12 } },
            { yAxis: band.to },
          ]),
        },
      },
    ],
  };
}

/** An enterprise's overall risk rating: level, score, the reasons, what each factor adds, and how it moved. */
export function EnterpriseRatingTab({ enterpriseId }: { enterpriseId: string }) {
  const t = useT();
  const [locale] = useLocale();
  const request = useRequest(
    () => api.get<EnterpriseRatingView>(`/enterprises/${enterpriseId}/rating`),
    [enterpriseId],
  );
  const history = request.data?.history ?? [];
  const current = request.data?.rating ?? null;
  const chart = useMemo(
    () => historyOption(history, current, locale, t("rating.historyScore")),
    [history, current, locale, t],
  );
  const changes = useMemo(() => levelChangesOf(history), [history]);

  if (request.error) return <ErrorAlert error={request.error} onRetry={request.reload} />;
  if (!request.data) return <Skeleton active />;
  const { rating } = request.data;
  if (!rating) return <Alert data-testid="enterprise-rating" type="info" showIcon title={t("rating.none")} />;

  return (
    <Space data-testid="enterprise-rating" orientation="vertical" size="large" style={{ width: "100%" }}>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: "level",
            label: t("rating.level"),
            children: <RiskLevelTag level={rating.level} testId="rating-level" />,
          },
          {
            key: "score",
            label: t("rating.score"),
            children: (
              <Typography.Text strong data-testid="rating-score" style={{ fontSize: 18 }}>
                {rating.score}
              </Typography.Text>
            ),
          },
          {
            key: "explanation",
            label: t("rating.explanation"),
            span: 2,
            children: <span data-testid="rating-explanation">{rating.explanation}</span>,
          },
          { key: "computedAt", label: t("rating.computedAt"), children: formatDateTime(rating.computedAt, locale) },
          {
            key: "weights",
            label: t("rating.weightsVersion"),
            children: <Typography.Text code>{rating.weightsVersion}</Typography.Text>,
          },
        ]}
      />
      <Card size="small" title={t("rating.contributions")}>
        <Table<Contribution>
          data-testid="rating-contributions"
          size="small"
          pagination={false}
          rowKey="factor"
          dataSource={rating.contributions}
          columns={[
            {
              title: t("rating.factor"),
              dataIndex: "factor",
              render: (factor: string, row) => (
                <Space>
                  {t(`ratingFactor.${factor}` as MessageKey)}
                  <Tag>{t(`rating.kind.${row.kind}` as MessageKey)}</Tag>
                </Space>
              ),
            },
            { title: t("rating.count"), dataIndex: "count", align: "right", width: 90 },
            {
              title: t("rating.points"),
              dataIndex: "points",
              align: "right",
              width: 90,
              render: (points: number) => (points > 0 ? `+${points}` : String(points)),
            },
            {
              title: t("rating.detail"),
              key: "detail",
              render: (_: unknown, row) => (locale === "en" ? row.textEn : row.textZh),
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                <Typography.Text strong>{t("rating.score")}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <Typography.Text strong>{rating.score}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} />
            </Table.Summary.Row>
          )}
        />
      </Card>
      <Card size="small" title={t("rating.history")}>
        {history.length === 0 ? <Empty /> : <EChart option={chart} height={260} testId="rating-history-chart" />}
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t("rating.levelChanges")}
        </Typography.Title>
        <Table<LevelChange>
          data-testid="rating-level-changes"
          size="small"
          pagination={false}
          rowKey="computedAt"
          dataSource={changes}
          locale={{ emptyText: t("rating.noLevelChanges") }}
          columns={[
            {
              title: t("rating.changedAt"),
              dataIndex: "computedAt",
              width: 180,
              render: (at: string) => formatDateTime(at, locale),
            },
            {
              title: t("rating.fromLevel"),
              dataIndex: "from",
              width: 130,
              render: (from: RiskLevel | null) =>
                from === null ? t("rating.firstRating") : <RiskLevelTag level={from} />,
            },
            {
              title: t("rating.toLevel"),
              dataIndex: "to",
              width: 130,
              render: (to: RiskLevel) => <RiskLevelTag level={to} />,
            },
            { title: t("rating.score"), dataIndex: "score", width: 80, align: "right" },
            { title: t("rating.explanation"), dataIndex: "explanation" },
          ]}
        />
      </Card>
    </Space>
  );
}
