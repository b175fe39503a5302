import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { api } from "../../api/client";
import { useRequest } from "../../api/use-request";
import { useMe } from "../../app/session";
import { EnterprisePicker } from "../../components/EnterprisePicker";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FormProblem, useFormSubmit } from "../../components/FormModal";
import { RiskLevelTag } from "../../components/RiskLevel";
import { useT } from "../../i18n";
import { CheckedItems, HiddenDangerRows, PenaltyRows } from "./InspectionRows";
import { SupervisionTabs } from "./SupervisionTabs";
import type {
  CheckResult,
  Inspection,
  InspectionDetail,
  Inspectors,
  PenaltyKind,
  PlanDetail,
} from "./supervision-data";

type FormValues = {
  enterpriseId: string;
  inspectedOn: Dayjs;
  inspectorIds: string[];
  itemsChecked: { content: string; result: CheckResult; note?: string }[];
  findings?: string;
  hiddenDangers?: { description: string; level?: "general" | "major"; place?: string }[];
  rectificationDeadline?: Dayjs;
  penalties?: { kind: PenaltyKind; amountYuan: number; legalBasis: string }[];
  violations?: number;
  recheckDue?: Dayjs;
};

const FIELDS = [
  "enterpriseId",
  "inspectedOn",
  "inspectorIds",
  "itemsChecked",
  "findings",
  "hiddenDangers",
  "rectificationDeadline",
  "penalties",
  "violations",
  "recheckDue",
];

const day = (value: Dayjs | undefined) => (value ? value.format("YYYY-MM-DD") : undefined);

/** The record of one enforcement inspection (or a re-check), pre-filled with the plan's key check contents. */
export function InspectionFormPage() {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const planId = params.get("planId") ?? undefined;
  const planItemId = params.get("planItemId") ?? undefined;
  const recheckOfId = params.get("recheckOf") ?? undefined;
  const [form] = Form.useForm<FormValues>();

  const inspectors = useRequest(() => api.get<Inspectors>("/supervision/inspectors"), []);
  const plan = useRequest(
    () => (planId ? api.get<PlanDetail>(`/supervision/plans/${planId}`) : Promise.resolve(undefined)),
    [planId],
  );
  const first = useRequest(
    () =>
      recheckOfId ? api.get<InspectionDetail>(`/supervision/inspections/${recheckOfId}`) : Promise.resolve(undefined),
    [recheckOfId],
  );
  const item = plan.data?.items.find((found) => found.id === planItemId);
  const enterpriseId = params.get("enterpriseId") ?? item?.enterpriseId ?? first.data?.enterpriseId;
  const enterpriseName = item?.enterpriseName ?? first.data?.enterpriseName;

  // The items to check come from the plan's key check contents, or from what the first inspection found.
  useEffect(() => {
    const contents = item?.checkContents ?? first.data?.itemsChecked.map((checked) => checked.content) ?? [];
    if (contents.length > 0 && !form.isFieldsTouched(["itemsChecked"])) {
      form.setFieldValue(
        "itemsChecked",
        contents.map((content) => ({ content, result: "ok" as const })),
      );
    }
  }, [item, first.data, form]);
  useEffect(() => {
    if (enterpriseId) form.setFieldValue("enterpriseId", enterpriseId);
  }, [enterpriseId, form]);

  const save = useFormSubmit(
    form,
    async (values: FormValues) => {
      const saved = await api.post<Inspection>("/supervision/inspections", {
        enterpriseId: values.enterpriseId,
        ...(planItemId ? { planItemId } : {}),
        ...(recheckOfId ? { recheckOfId } : {}),
        inspectedOn: day(values.inspectedOn),
        inspectorIds: values.inspectorIds ?? [],
        itemsChecked: (values.itemsChecked ?? []).map((checked) => ({
          content: checked.content,
          result: checked.result,
          ...(checked.note ? { note: checked.note } : {}),
        })),
        ...(values.findings ? { findings: values.findings } : {}),
        hiddenDangers: (values.hiddenDangers ?? []).map((danger) => ({
          description: danger.description,
          level: danger.level ?? "general",
          ...(danger.place ? { place: danger.place } : {}),
        })),
        ...(values.rectificationDeadline ? { rectificationDeadline: day(values.rectificationDeadline) } : {}),
        penalties: values.penalties ?? [],
        violations: values.violations ?? 0,
        ...(values.recheckDue ? { recheckDue: day(values.recheckDue) } : {}),
      });
      message.success(t("sup.saved", { code: saved.code }));
      navigate(planId ? `/supervision/plans/${planId}` : "/supervision/inspections");
    },
    { fields: FIELDS },
  );

  return (
    <div>
      <SupervisionTabs />
      <Card
        title={
          <Space>
            {recheckOfId ? t("sup.recheckTitle") : t("sup.inspectionTitle")}
            {enterpriseName && <Typography.Text strong>{enterpriseName}</Typography.Text>}
            {item && <RiskLevelTag level={item.level} suffix={` ${item.score}`} />}
          </Space>
        }
      >
        <ErrorAlert error={plan.error ?? first.error ?? inspectors.error} />
        <FormProblem problem={save.problem} />
        <div data-testid="inspection-form">
          <Form<FormValues>
            form={form}
            layout="vertical"
            onFinish={save.finish}
            initialValues={{
              inspectedOn: dayjs(),
              inspectorIds: [me.id],
              itemsChecked: [{ content: "", result: "ok" }],
              violations: 0,
            }}
          >
            <Row gutter={16}>
              <Col xs={24} md={8}>
                {enterpriseId ? (
                  <>
                    <Form.Item name="enterpriseId" hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item label={t("sup.enterprise")} required>
                      <Input disabled value={enterpriseName ?? ""} data-testid="inspection-enterprise-name" />
                    </Form.Item>
                  </>
                ) : (
                  <Form.Item name="enterpriseId" label={t("sup.enterprise")} rules={[{ required: true }]}>
                    <EnterprisePicker data-testid="inspection-enterprise" allowClear={false} />
                  </Form.Item>
                )}
              </Col>
              <Col xs={24} md={6}>
                <Form.Item name="inspectedOn" label={t("sup.inspectedOn")} rules={[{ required: true }]}>
                  <DatePicker style={{ width: "100%" }} data-testid="inspection-date" />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item
                  name="inspectorIds"
                  label={t("sup.inspectors")}
                  tooltip={t("sup.inspectorsHelp")}
                  rules={[{ required: true, type: "array", min: 1 }]}
                >
                  <Select
                    mode="multiple"
                    data-testid="inspection-inspectors"
                    loading={inspectors.loading}
                    optionFilterProp="label"
                    options={inspectors.data?.items.map((inspector) => ({
                      value: inspector.id,
                      label: inspector.organisationName
                        ? `${inspector.displayName}（${inspector.organisationName}）`
                        : inspector.displayName,
                    }))}
                  />
                </Form.Item>
              </Col>
            </Row>

            <Divider titlePlacement="start">{t("sup.itemsChecked")}</Divider>
            <CheckedItems />

            <Form.Item name="findings" label={t("sup.findings")} style={{ marginTop: 16 }}>
              <Input.TextArea rows={3} maxLength={4000} data-testid="inspection-findings" />
            </Form.Item>

            <Divider titlePlacement="start">{t("sup.hiddenDangers")}</Divider>
            <Typography.Paragraph type="secondary">{t("sup.hiddenDangersHelp")}</Typography.Paragraph>
            <HiddenDangerRows />
            <Row gutter={16} style={{ marginTop: 16 }}>
              <Col xs={24} md={8}>
                <Form.Item name="rectificationDeadline" label={t("sup.rectificationDeadline")}>
                  <DatePicker style={{ width: "100%" }} data-testid="inspection-deadline" />
                </Form.Item>
              </Col>
            </Row>

            <Divider titlePlacement="start">{t("sup.penalties")}</Divider>
            <PenaltyRows />
            <Row gutter={16} style={{ marginTop: 16 }}>
              <Col xs={12} md={8}>
                <Form.Item name="violations" label={t("sup.violations")} tooltip={t("sup.violationsHelp")}>
                  <InputNumber min={0} max={1000} style={{ width: "100%" }} data-testid="inspection-violations" />
                </Form.Item>
              </Col>
              <Col xs={12} md={8}>
                <Form.Item name="recheckDue" label={t("sup.recheckDue")}>
                  <DatePicker style={{ width: "100%" }} data-testid="inspection-recheck" />
                </Form.Item>
              </Col>
            </Row>
            <Button type="primary" htmlType="submit" loading={save.saving} size="large" data-testid="inspection-save">
              {t("sup.save")}
            </Button>
          </Form>
        </div>
      </Card>
    </div>
  );
}
