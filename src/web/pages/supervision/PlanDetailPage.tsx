import { DownloadOutlined, FormOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Progress, Space, Statistic, Table, Tag, Typography } from "antd";
import { Link, useParams } from "react-router-dom";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import { api } from "../../api/client";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { DownloadButton } from "../../components/DownloadButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { usePageCrumb } from "../../components/page-crumb";
import { RISK_LEVELS, RiskLevelTag, RiskSwatch } from "../../components/RiskLevel";
import { useT } from "../../i18n";
import { SupervisionTabs } from "./SupervisionTabs";
import { completionPercent, type PlanDetail, type PlanItem } from "./supervision-data";

/** One plan: its published seed, completion, and per enterprise the level, months, selection and key check contents. */
export function PlanDetailPage() {
  const t = useT();
  const me = useMe();
  const { id = "" } = useParams();
  const plan = useRequest(() => api.get<PlanDetail>(`/supervision/plans/${id}`), [id]);
  const data = plan.data;
  usePageCrumb(data ? `${data.organisation.name} ${data.period}` : null);
  const canManage = hasPermission(me, "supervision:manage");

  return (
    <div data-testid="plan-detail">
      <SupervisionTabs />
      <ErrorAlert error={plan.error} onRetry={plan.reload} />
      {data && (
        <>
          <Card
            title={t("sup.planTitle", { department: data.organisation.name, period: data.period })}
            extra={
              <DownloadButton
                icon={<DownloadOutlined />}
                path={`/supervision/plans/${id}/export`}
                fileName={`plan-${data.period}.xlsx`}
                data-testid="plan-export"
              >
                {t("sup.export")}
              </DownloadButton>
            }
            style={{ marginBottom: 16 }}
          >
            <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
              <Descriptions.Item label={t("sup.department")}>{data.organisation.name}</Descriptions.Item>
              <Descriptions.Item label={t("sup.territory")}>{data.territory.name}</Descriptions.Item>
              <Descriptions.Item label={t("sup.period")}>
                {data.month ? data.period : `${data.period} ${t("sup.annual")}`}
              </Descriptions.Item>
              <Descriptions.Item label={t("sup.seed")}>
                <Typography.Text code copyable data-testid="plan-seed">
                  {data.seed}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t("sup.seedNumber")}>{data.seedNumber}</Descriptions.Item>
              <Descriptions.Item label={t("sup.generatedAt")}>
                {new Date(data.generatedAt).toLocaleString()} · {data.generatedByName}
              </Descriptions.Item>
              <Descriptions.Item label={t("sup.frequencyInForce")} span={3}>
                <Space wrap>
                  {RISK_LEVELS.map((level) => (
                    <span key={level}>
                      <RiskSwatch level={level} />{" "}
                      {t("sup.timesPerYear", { count: data.frequency[level].timesPerYear })}
                    </span>
                  ))}
                </Space>
              </Descriptions.Item>
            </Descriptions>
            <Space size={48} wrap style={{ marginTop: 16 }} align="start">
              <div data-testid="plan-completion" data-inspected={data.completion.inspected} style={{ minWidth: 260 }}>
                <Typography.Text type="secondary">{t("sup.completion")}</Typography.Text>
                <Progress percent={completionPercent(data.completion)} status="active" />
                <Typography.Text>
                  {t("sup.completionText", { inspected: data.completion.inspected, planned: data.completion.planned })}
                </Typography.Text>
              </div>
              <Statistic title={t("sup.mandatory")} value={data.summary.mandatoryPlanned} />
              <Statistic title={t("sup.random")} value={data.summary.random} />
              {RISK_LEVELS.map((level) => (
                <Statistic
                  key={level}
                  title={<RiskLevelTag level={level} />}
                  value={data.summary.byLevel[level].mandatory + data.summary.byLevel[level].random}
                  suffix={`/ ${data.summary.byLevel[level].enterprises}`}
                />
              ))}
            </Space>
            {data.summary.shortfall > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 16 }}
                title={t("sup.shortfall", { count: data.summary.shortfall })}
              />
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t("sup.regenerateNote")}
            </Typography.Paragraph>
          </Card>
          <Card title={t("sup.items")}>
            <Table<PlanItem>
              data-testid="plan-items"
              rowKey="id"
              size="middle"
              dataSource={data.items}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              scroll={{ x: 1150 }}
              columns={[
                {
                  title: t("sup.enterprise"),
                  dataIndex: "enterpriseName",
                  width: 200,
                  render: (name: string, item) => <Link to={`/enterprises/${item.enterpriseId}`}>{name}</Link>,
                },
                {
                  title: t("sup.level"),
                  dataIndex: "level",
                  width: 150,
                  render: (level: RiskLevel, item) => (
                    <RiskLevelTag level={level} suffix={` ${item.score}`} testId="plan-item-level" />
                  ),
                },
                {
                  title: t("sup.selection"),
                  dataIndex: "reason",
                  width: 110,
                  render: (reason: PlanItem["reason"]) =>
                    reason === "mandatory" ? (
                      <Tag color="blue">{t("sup.mandatory")}</Tag>
                    ) : (
                      <Tag color="purple">{t("sup.random")}</Tag>
                    ),
                },
                {
                  title: t("sup.months"),
                  dataIndex: "months",
                  width: 90,
                  render: (months: number[]) => (months.length > 0 ? months.join("、") : t("sup.anyTime")),
                },
                {
                  title: t("sup.keyChecks"),
                  dataIndex: "checkContents",
                  render: (contents: string[]) =>
                    contents.length === 0 ? (
                      <Typography.Text type="secondary">{t("sup.noKeyChecks")}</Typography.Text>
                    ) : (
                      <ol style={{ margin: 0, paddingInlineStart: 18 }}>
                        {contents.map((content) => (
                          <li key={content}>{content}</li>
                        ))}
                      </ol>
                    ),
                },
                {
                  title: t("sup.inspected"),
                  width: 100,
                  render: (_, item) => (
                    <Tag color={item.inspected >= item.inspections ? "green" : undefined}>
                      {Math.min(item.inspected, item.inspections)} / {item.inspections}
                    </Tag>
                  ),
                },
                ...(canManage
                  ? [
                      {
                        title: t("common.actions"),
                        width: 170,
                        render: (_: unknown, item: PlanItem) => (
                          <Link
                            to={`/supervision/inspections/new?enterpriseId=${item.enterpriseId}&planId=${data.id}&planItemId=${item.id}`}
                          >
                            <Button size="small" icon={<FormOutlined />} data-testid="plan-item-record">
                              {t("sup.recordInspection")}
                            </Button>
                          </Link>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}
