import { Table, Tag, Typography } from "antd";
import { api } from "../../api/client";
import type { Assessment } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDateTime } from "../../components/labels";
import { RiskLevelTag } from "../../components/RiskLevel";
import { useLocale, useT } from "../../i18n";

/** "L=3 × E=6 × C=40", in the order the method's formula writes the factors. */
export function factorsText(assessment: Pick<Assessment, "method" | "factors">): string {
  const order: Record<string, string[]> = { LS: ["l", "s"], LEC: ["l", "e", "c"], MES: ["m", "e", "s"] };
  const keys = order[assessment.method] ?? Object.keys(assessment.factors);
  return keys
    .filter((key) => key in assessment.factors)
    .map((key) => `${key.toUpperCase()}=${assessment.factors[key]}`)
    .join(" × ");
}

/** Every assessment of a hazard, newest first: who assessed (and for which organisation), how, with which bands. */
export function AssessmentHistory({ hazardId }: { hazardId: string }) {
  const t = useT();
  const [locale] = useLocale();
  const history = useRequest(() => api.get<{ items: Assessment[] }>(`/hazards/${hazardId}/assessments`), [hazardId]);
  if (history.error) return <ErrorAlert error={history.error} onRetry={history.reload} />;
  return (
    <Table<Assessment>
      data-testid="assessment-history"
      size="small"
      rowKey="id"
      loading={history.loading}
      dataSource={history.data?.items ?? []}
      pagination={{ pageSize: 5, hideOnSinglePage: true }}
      locale={{ emptyText: t("assessment.noHistory") }}
      columns={[
        {
          title: t("assessment.assessedAt"),
          dataIndex: "assessedAt",
          width: 150,
          render: (at: string) => formatDateTime(at, locale),
        },
        { title: t("assessment.method"), dataIndex: "method", width: 70 },
        {
          title: t("assessment.factors"),
          key: "factors",
          render: (_: unknown, row) => <Typography.Text code>{factorsText(row)}</Typography.Text>,
        },
        { title: t("assessment.score"), dataIndex: "score", width: 70, align: "right" },
        {
          title: t("risk.level"),
          dataIndex: "level",
          width: 100,
          render: (level: Assessment["level"]) => <RiskLevelTag level={level} />,
        },
        {
          title: t("assessment.assessor"),
          key: "assessor",
          render: (_: unknown, row) => (
            <span>
              {row.assessorName}
              {row.assessorOrganisation && (
                <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
                  {row.assessorOrganisation}
                </Typography.Text>
              )}
            </span>
          ),
        },
        {
          title: t("assessment.bandsVersion"),
          key: "bands",
          width: 170,
          render: (_: unknown, row) => (
            <span>
              <Typography.Text code>{row.bandsVersion}</Typography.Text>
              {!row.bandsAreCurrent && (
                <Tag color="warning" style={{ marginTop: 2 }}>
                  {t("assessment.bandsOld")}
                </Tag>
              )}
            </span>
          ),
        },
        { title: t("assessment.note"), dataIndex: "note", render: (note: string) => note || "—" },
      ]}
    />
  );
}
