import { DownloadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Descriptions, Popconfirm, Progress, Space, Table, Tag, Tooltip } from "antd";
import { useLocation, useParams } from "react-router-dom";
import { api, errorMessage } from "../../api/client";
import { useRequest } from "../../api/use-request";
import { DownloadButton } from "../../components/DownloadButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { usePageCrumb } from "../../components/page-crumb";
import { localName, useLocale, useT } from "../../i18n";
import { CampaignReportForm } from "./CampaignReportForm";
import {
  CAMPAIGN_FIGURES,
  type CampaignDetail,
  figureLabel,
  STATUS_COLOURS,
  statusLabel,
  TIMING_COLOURS,
  taskKindLabel,
  timingLabel,
} from "./campaign-data";

type ParticipantRow = CampaignDetail["participants"][number];
type TaskTotalRow = CampaignDetail["taskTotals"][number];

/** One special action: its plan, completion per participant with overdue reports in red, task totals, export and report form. */
export function CampaignDetailPage() {
  const t = useT();
  const [locale] = useLocale();
  const { id } = useParams();
  const location = useLocation();
  const { message } = App.useApp();
  const detail = useRequest(() => api.get<CampaignDetail>(`/campaigns/${id}`), [id]);
  const campaign = detail.data;
  usePageCrumb(campaign?.title);

  const act = async (step: "activate" | "close") => {
    try {
      await api.post(`/campaigns/${id}/${step}`);
      message.success(t(step === "activate" ? "campaign.activated" : "campaign.closed"));
      detail.reload();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  if (!campaign)
    return <Card loading={detail.loading}>{<ErrorAlert error={detail.error} onRetry={detail.reload} />}</Card>;

  const schedule =
    campaign.schedule.kind === "weekly"
      ? `${t("campaign.schedule.weekly")} ${t(`campaign.weekday.${campaign.schedule.weekday}` as never)}`
      : campaign.schedule.kind === "monthly"
        ? `${t("campaign.schedule.monthly")} ${campaign.schedule.day}`
        : t("campaign.schedule.dates");

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="campaign-detail">
      {(location.state as { created?: boolean } | null)?.created && campaign.status === "draft" && (
        <Alert type="success" showIcon title={t("campaign.created")} />
      )}
      <Card
        title={
          <Space>
            <span data-testid="campaign-title">{campaign.title}</span>
            <Tag color={STATUS_COLOURS[campaign.status]} data-testid="campaign-status">
              {statusLabel(t, campaign.status)}
            </Tag>
          </Space>
        }
        extra={
          <Space>
            {campaign.canManage && campaign.status === "draft" && (
              <Popconfirm title={t("campaign.activateConfirm")} onConfirm={() => act("activate")}>
                <Button type="primary" data-testid="campaign-activate">
                  {t("campaign.activate")}
                </Button>
              </Popconfirm>
            )}
            {campaign.canManage && campaign.status === "active" && (
              <Popconfirm title={t("campaign.closeConfirm")} onConfirm={() => act("close")}>
                <Button data-testid="campaign-close">{t("campaign.close")}</Button>
              </Popconfirm>
            )}
            {campaign.status !== "draft" && (
              <DownloadButton
                icon={<DownloadOutlined />}
                path={`/campaigns/${id}/export`}
                fileName={`${campaign.title}.xlsx`}
                data-testid="campaign-export"
              >
                {t("campaign.export")}
              </DownloadButton>
            )}
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: "basis", label: t("campaign.basis"), children: campaign.basis || "—" },
            {
              key: "period",
              label: t("campaign.period"),
              children: `${campaign.startDate} — ${campaign.endDate}`,
            },
            {
              key: "schedule",
              label: t("campaign.schedule"),
              children: `${schedule}${campaign.finalReport ? ` · ${t("campaign.finalReport")}` : ""}`,
            },
            {
              key: "scope",
              label: t("campaign.scope"),
              children: campaign.scopeTerritories.map((s) => localName(locale, s.name, s.nameEn)).join("、"),
            },
            {
              key: "industries",
              label: t("campaign.industries"),
              children: campaign.industries.length > 0 ? campaign.industries.join("、") : "—",
            },
            { key: "createdBy", label: t("campaign.createdBy"), children: campaign.createdByName },
            {
              key: "description",
              label: t("campaign.description"),
              children: campaign.description || "—",
              span: "filled",
            },
          ]}
        />
      </Card>

      <Card title={t("campaign.completion")} data-testid="campaign-completion">
        <Table<ParticipantRow>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 700 }}
          dataSource={campaign.participants}
          onRow={(record) => ({ "data-testid": `campaign-participant-${record.id}` }) as never}
          columns={[
            {
              title: t("campaign.participant"),
              dataIndex: "name",
              fixed: "left",
              render: (_: string, record) => localName(locale, record.name, record.nameEn),
            },
            { title: t("campaign.due"), width: 70, render: (_: unknown, r) => r.completion.due },
            { title: t("campaign.submitted"), width: 100, render: (_: unknown, r) => r.completion.submitted },
            { title: t("campaign.late"), width: 70, render: (_: unknown, r) => r.completion.late },
            {
              title: t("campaign.missing"),
              width: 110,
              render: (_: unknown, r) =>
                r.completion.missing > 0 ? (
                  <Tag color="red" data-testid="campaign-overdue-tag">
                    {t("campaign.overdue")} {r.completion.missing}
                  </Tag>
                ) : (
                  0
                ),
            },
            ...campaign.dueDates.map((due, index) => ({
              title: `${due.dueDate.slice(5)}${due.final ? ` ${t("campaign.final")}` : ""}`,
              key: due.dueDate,
              width: 110,
              render: (_: unknown, r: ParticipantRow) => {
                const report = r.reports[index];
                if (!report) return null;
                const tag = (
                  <Tag color={TIMING_COLOURS[report.timing]}>
                    {timingLabel(t, report.timing)}
                    {report.version && report.version > 1 ? ` · v${report.version}` : ""}
                  </Tag>
                );
                if (!report.text) return tag;
                const photos = report.attachmentIds.length;
                const tip =
                  photos > 0 ? `${report.text}（${t("campaign.photoCount", { count: photos })}）` : report.text;
                return <Tooltip title={tip}>{tag}</Tooltip>;
              },
            })),
          ]}
        />
      </Card>

      <Card title={t("campaign.taskTotals")} data-testid="campaign-task-totals">
        <Table<TaskTotalRow>
          rowKey="taskId"
          size="small"
          pagination={false}
          scroll={{ x: 800 }}
          dataSource={campaign.taskTotals}
          columns={[
            {
              title: t("campaign.taskTitle"),
              render: (_: unknown, r) => {
                const task = campaign.tasks.find((x) => x.id === r.taskId);
                return (
                  <Space size={4}>
                    {task?.title}
                    {task && <Tag>{taskKindLabel(t, task.kind)}</Tag>}
                  </Space>
                );
              },
            },
            ...CAMPAIGN_FIGURES.map((figure) => ({
              title: figureLabel(t, figure),
              key: figure,
              width: 120,
              render: (_: unknown, r: TaskTotalRow) => r.totals[figure],
            })),
            {
              title: t("campaign.progress"),
              width: 200,
              render: (_: unknown, r) =>
                r.progress === null || !r.targetFigure ? (
                  "—"
                ) : (
                  <Tooltip title={`${figureLabel(t, r.targetFigure)} ${r.totals[r.targetFigure]} / ${r.target}`}>
                    <Progress size="small" percent={Math.round(r.progress * 100)} />
                  </Tooltip>
                ),
            },
          ]}
        />
      </Card>

      {campaign.myParticipantIds.length > 0 && <CampaignReportForm campaign={campaign} onSubmitted={detail.reload} />}
    </Space>
  );
}
