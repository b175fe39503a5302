import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Typography } from "antd";
import { useMemo } from "react";
import { api } from "../../api/client";
import { FormProblem, useFormSubmit } from "../../components/FormModal";
import { useT } from "../../i18n";
import { PhotoCapture } from "../hidden-dangers/PhotoCapture";
import {
  CAMPAIGN_FIGURES,
  type CampaignDetail,
  type CampaignFigure,
  figureLabel,
  type ParticipantReport,
  type ReportReceipt,
  timingLabel,
} from "./campaign-data";

type Values = {
  participantId: string;
  dueDate: string;
  text: string;
  figures: Record<string, Partial<Record<CampaignFigure, number | null>>>;
  attachmentIds?: string[];
};

/** The report a participant most likely means: the earliest one still owed, else the next one to come. */
function suggestedDueDate(reports: readonly ParticipantReport[]): string | undefined {
  return (
    reports.find((r) => r.timing === "missing")?.dueDate ??
    reports.find((r) => r.timing === "upcoming")?.dueDate ??
    reports.at(-1)?.dueDate
  );
}

/** A participant's progress report for one due date: text and this period's figures per task. */
export function CampaignReportForm({ campaign, onSubmitted }: { campaign: CampaignDetail; onSubmitted: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const mine = campaign.participants.filter((p) => campaign.myParticipantIds.includes(p.id));
  const participantId = Form.useWatch("participantId", form) ?? mine[0]?.id;
  const dueDate = Form.useWatch("dueDate", form);
  const participant = mine.find((p) => p.id === participantId) ?? mine[0];
  const initialDue = useMemo(() => suggestedDueDate(participant?.reports ?? []), [participant]);
  const chosen = participant?.reports.find((r) => r.dueDate === (dueDate ?? initialDue));
  const submit = useFormSubmit(
    form,
    async (values: Values) => {
      if (!participant) return;
      const figures = campaign.tasks
        .map((task) => ({
          taskId: task.id,
          values: Object.fromEntries(
            Object.entries(values.figures?.[task.id] ?? {}).filter(([, v]) => v !== null && v !== undefined),
          ),
        }))
        .filter((entry) => Object.keys(entry.values).length > 0);
      const sent = await api.post<ReportReceipt>(`/campaigns/${campaign.id}/reports`, {
        participantId: participant.id,
        dueDate: values.dueDate,
        text: values.text,
        figures,
        attachmentIds: values.attachmentIds?.length ? values.attachmentIds : undefined,
      });
      message.success(
        sent.replacesVersion
          ? t("campaign.reportReplaces", { version: sent.version, previous: sent.replacesVersion })
          : t("campaign.reportSent", { version: sent.version }),
      );
      form.resetFields(["text", "figures", "attachmentIds"]);
      // Move on to the next report still owed or to come, so the form does not invite a resubmission by accident.
      const next = suggestedDueDate(participant.reports.filter((r) => r.dueDate !== values.dueDate && !r.version));
      if (next) form.setFieldValue("dueDate", next);
      onSubmitted();
    },
    { fields: ["participantId", "dueDate", "text", "attachmentIds"] },
  );
  if (!participant) return null;

  return (
    <Card title={t("campaign.report")} data-testid="campaign-report-form" style={{ marginTop: 16 }}>
      <FormProblem problem={submit.problem} testId="campaign-report-error" />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit.finish}
        initialValues={{ participantId: participant.id, dueDate: initialDue }}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="participantId" label={t("campaign.reportFor")}>
              <Select
                disabled={mine.length === 1}
                options={mine.map((p) => ({ value: p.id, label: p.name }))}
                data-testid="campaign-report-participant"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="dueDate"
              label={t("campaign.reportDueDate")}
              rules={[{ required: true, message: t("campaign.required") }]}
            >
              <Select
                data-testid="campaign-report-due"
                options={participant.reports.map((r) => ({
                  value: r.dueDate,
                  label: `${r.dueDate}${r.final ? ` (${t("campaign.final")})` : ""} · ${timingLabel(t, r.timing)}`,
                }))}
              />
            </Form.Item>
          </Col>
        </Row>
        {chosen?.version && (
          <Alert type="info" showIcon title={t("campaign.resubmitHint")} style={{ marginBottom: 16 }} />
        )}
        <Form.Item
          name="text"
          label={t("campaign.reportText")}
          rules={[{ required: true, min: 2, message: t("campaign.required") }]}
        >
          <Input.TextArea
            rows={4}
            maxLength={8000}
            placeholder={t("campaign.reportTextPlaceholder")}
            data-testid="campaign-report-text"
          />
        </Form.Item>
        {participant.territoryId && (
          // Photos go to the participant's own territory node through the attachments module.
          <Form.Item name="attachmentIds" label={t("campaign.photos")}>
            <PhotoCapture ownerId={participant.territoryId} size="middle" testId="campaign-report-photos" />
          </Form.Item>
        )}
        <Typography.Text strong>{t("campaign.reportFigures")}</Typography.Text>
        {campaign.tasks.map((task, taskIndex) => (
          <div key={task.id} style={{ marginTop: 12 }}>
            <Typography.Text>{task.title}</Typography.Text>
            <Row gutter={8} style={{ marginTop: 4 }}>
              {CAMPAIGN_FIGURES.map((figure) => (
                <Col key={figure} xs={12} md={4}>
                  <Form.Item
                    name={["figures", task.id, figure]}
                    label={figureLabel(t, figure)}
                    style={{ marginBottom: 4 }}
                  >
                    <InputNumber
                      min={0}
                      precision={figure === "fineYuan" ? 2 : 0}
                      style={{ width: "100%" }}
                      data-testid={`campaign-report-figure-${taskIndex}-${figure}`}
                    />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </div>
        ))}
        <Button
          type="primary"
          htmlType="submit"
          loading={submit.saving}
          style={{ marginTop: 16 }}
          data-testid="campaign-report-submit"
        >
          {t("campaign.reportSubmit")}
        </Button>
      </Form>
    </Card>
  );
}
