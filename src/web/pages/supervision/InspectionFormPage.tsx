import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
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
import { SupervisionTabs } from "./SupervisionTabs";
import {
  CHECK_RESULTS,
  type CheckResult,
  type Inspection,
  type InspectionDetail,
  type Inspector,
  PENALTY_KINDS,
  type PenaltyKind,
  type PlanDetail,
  penaltyLabel,
  resultLabel,
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

  const inspectors = useRequest(() => api.get<{ items: Inspector[] }>("/supervision/inspectors"), []);
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
            <Form.List name="itemsChecked">
              {(fields, { add, remove }) => (
                <div data-testid="inspection-items">
                  {fields.map((field) => (
                    <Row key={field.key} gutter={8} align="top">
                      <Col xs={24} md={12}>
                        <Form.Item name={[field.name, "content"]} rules={[{ required: true, min: 2 }]}>
                          <Input.TextArea autoSize placeholder={t("sup.itemContent")} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item name={[field.name, "result"]} rules={[{ required: true }]}>
                          <Select
                            data-testid="inspection-item-result"
                            options={CHECK_RESULTS.map((result) => ({ value: result, label: resultLabel(t, result) }))}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={10} md={7}>
                        <Form.Item name={[field.name, "note"]}>
                          <Input placeholder={t("sup.note")} />
                        </Form.Item>
                      </Col>
                      <Col xs={2} md={1}>
                        <MinusCircleOutlined
                          aria-label={t("sup.remove")}
                          onClick={() => remove(field.name)}
                          style={{ marginTop: 8 }}
                        />
                      </Col>
                    </Row>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ content: "", result: "ok" })}>
                    {t("sup.addItem")}
                  </Button>
                </div>
              )}
            </Form.List>

            <Form.Item name="findings" label={t("sup.findings")} style={{ marginTop: 16 }}>
              <Input.TextArea rows={3} maxLength={4000} data-testid="inspection-findings" />
            </Form.Item>

            <Divider titlePlacement="start">{t("sup.hiddenDangers")}</Divider>
            <Typography.Paragraph type="secondary">{t("sup.hiddenDangersHelp")}</Typography.Paragraph>
            <Form.List name="hiddenDangers">
              {(fields, { add, remove }) => (
                <div data-testid="inspection-hidden-dangers">
                  {fields.map((field) => (
                    <Row key={field.key} gutter={8} align="top">
                      <Col xs={24} md={12}>
                        <Form.Item name={[field.name, "description"]} rules={[{ required: true, min: 2 }]}>
                          <Input placeholder={t("sup.hdDescription")} data-testid="inspection-hd-description" />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item name={[field.name, "level"]} initialValue="general">
                          <Select
                            options={[
                              { value: "general", label: t("hdLevel.general") },
                              { value: "major", label: t("hdLevel.major") },
                            ]}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={10} md={7}>
                        <Form.Item name={[field.name, "place"]}>
                          <Input placeholder={t("sup.hdPlace")} />
                        </Form.Item>
                      </Col>
                      <Col xs={2} md={1}>
                        <MinusCircleOutlined
                          aria-label={t("sup.remove")}
                          onClick={() => remove(field.name)}
                          style={{ marginTop: 8 }}
                        />
                      </Col>
                    </Row>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ description: "", level: "general" })}
                    data-testid="inspection-add-hd"
                  >
                    {t("sup.addHiddenDanger")}
                  </Button>
                </div>
              )}
            </Form.List>
            <Row gutter={16} style={{ marginTop: 16 }}>
              <Col xs={24} md={8}>
                <Form.Item name="rectificationDeadline" label={t("sup.rectificationDeadline")}>
                  <DatePicker style={{ width: "100%" }} data-testid="inspection-deadline" />
                </Form.Item>
              </Col>
            </Row>

            <Divider titlePlacement="start">{t("sup.penalties")}</Divider>
            <Form.List name="penalties">
              {(fields, { add, remove }) => (
                <div data-testid="inspection-penalties">
                  {fields.map((field) => (
                    <Row key={field.key} gutter={8} align="top">
                      <Col xs={12} md={5}>
                        <Form.Item name={[field.name, "kind"]} rules={[{ required: true }]}>
                          <Select
                            placeholder={t("sup.penaltyKind")}
                            data-testid="inspection-penalty-kind"
                            options={PENALTY_KINDS.map((kind) => ({ value: kind, label: penaltyLabel(t, kind) }))}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={5}>
                        <Form.Item name={[field.name, "amountYuan"]} rules={[{ required: true }]}>
                          <InputNumber
                            min={0}
                            style={{ width: "100%" }}
                            placeholder={t("sup.amountYuan")}
                            data-testid="inspection-penalty-amount"
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={22} md={13}>
                        <Form.Item name={[field.name, "legalBasis"]} rules={[{ required: true, min: 2 }]}>
                          <Input placeholder={t("sup.legalBasis")} data-testid="inspection-penalty-basis" />
                        </Form.Item>
                      </Col>
                      <Col xs={2} md={1}>
                        <MinusCircleOutlined
                          aria-label={t("sup.remove")}
                          onClick={() => remove(field.name)}
                          style={{ marginTop: 8 }}
                        />
                      </Col>
                    </Row>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ kind: "fine", amountYuan: 0, legalBasis: "" })}
                    data-testid="inspection-add-penalty"
                  >
                    {t("sup.addPenalty")}
                  </Button>
                </div>
              )}
            </Form.List>
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
