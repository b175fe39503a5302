import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  TreeSelect,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo } from "react";
import { useNavigate } from "react-router-dom";
import { api } from "../../api/client";
import type { Organisation } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { useMe } from "../../app/session";
import { FormProblem, useFormSubmit } from "../../components/FormModal";
import { IndustrySelect } from "../../components/IndustrySelect";
import { useTerritoryList } from "../../components/shared-data";
import { buildTerritoryTree, type TerritoryTreeNode } from "../../components/territory-tree";
import { localName, useLocale, useT } from "../../i18n";
import {
  CAMPAIGN_FIGURES,
  CAMPAIGN_TASK_KINDS,
  type CampaignDetail,
  type CampaignFigure,
  figureLabel,
  taskKindLabel,
} from "./campaign-data";

type TaskValues = { title: string; kind: string; targetFigure?: CampaignFigure; target?: number };
type Values = {
  title: string;
  basis?: string;
  description?: string;
  scopeTerritoryIds: string[];
  industries?: string[];
  organisationIds?: string[];
  startDate: Dayjs;
  endDate: Dayjs;
  scheduleKind: "weekly" | "monthly" | "dates";
  weekday?: number;
  day?: number;
  dates?: Dayjs[];
  finalReport: boolean;
  reminderDays?: number;
  tasks: TaskValues[];
};

const FIELDS = [
  "title",
  "basis",
  "description",
  "scopeTerritoryIds",
  "industries",
  "organisationIds",
  "startDate",
  "endDate",
  "schedule",
  "reminderDays",
  "tasks",
];
type ScopeOption = { value: string; title: string; children: ScopeOption[] };
const day = (value: Dayjs) => value.format("YYYY-MM-DD");

/** Turns the form into the API's plan: dates as calendar days, the schedule as one object. */
function planOf(values: Values) {
  const schedule =
    values.scheduleKind === "weekly"
      ? { kind: "weekly", weekday: values.weekday ?? 5 }
      : values.scheduleKind === "monthly"
        ? { kind: "monthly", day: values.day ?? 25 }
        : { kind: "dates", dates: (values.dates ?? []).map(day) };
  return {
    title: values.title,
    basis: values.basis || undefined,
    description: values.description || undefined,
    scopeTerritoryIds: values.scopeTerritoryIds,
    industries: values.industries ?? [],
    organisationIds: values.organisationIds ?? [],
    startDate: values.startDate ? day(values.startDate) : "",
    endDate: values.endDate ? day(values.endDate) : "",
    schedule,
    finalReport: values.finalReport,
    reminderDays: values.reminderDays,
    tasks: values.tasks.map((task) => ({
      title: task.title,
      kind: task.kind,
      targetFigure: task.target ? task.targetFigure : undefined,
      target: task.targetFigure ? (task.target ?? undefined) : undefined,
    })),
  };
}

/** Drafts a special action: scope, industries, departments, period, report schedule and tasks. */
export function CampaignCreatePage() {
  const t = useT();
  const [locale] = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const { nodes } = useTerritoryList();
  const organisations = useRequest(() => api.get<{ items: Organisation[] }>("/organisations"), []);
  const scheduleKind = Form.useWatch("scheduleKind", form);

  const treeData = useMemo(() => {
    const toOption = (node: TerritoryTreeNode): ScopeOption => ({
      value: node.id,
      title: localName(locale, node.name, node.nameEn),
      children: node.children.map(toOption),
    });
    return buildTerritoryTree(nodes).map(toOption);
  }, [nodes, locale]);

  const submit = useFormSubmit(
    form,
    async (values: Values) => {
      const created = await api.post<CampaignDetail>("/campaigns", planOf(values));
      navigate(`/campaigns/${created.id}`, { state: { created: true } });
    },
    { fields: FIELDS },
  );

  return (
    <Card title={t("campaign.create")} data-testid="campaign-create">
      <FormProblem problem={submit.problem} testId="campaign-form-error" />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit.finish}
        initialValues={{
          scopeTerritoryIds: me.territory ? [me.territory.id] : [],
          scheduleKind: "weekly",
          weekday: 5,
          day: 25,
          finalReport: true,
          reminderDays: 2,
          startDate: dayjs(),
          tasks: [{ title: "", kind: "inspection", targetFigure: "enterprisesInspected" }],
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="title"
              label={t("campaign.title")}
              rules={[{ required: true, message: t("campaign.required") }]}
            >
              <Input data-testid="campaign-form-title" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="basis" label={t("campaign.basis")}>
              <Input placeholder={t("campaign.basisPlaceholder")} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t("campaign.description")}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="scopeTerritoryIds"
              label={t("campaign.scope")}
              extra={t("campaign.scopeHint")}
              rules={[{ required: true, message: t("campaign.required") }]}
            >
              <TreeSelect
                data-testid="campaign-form-scope"
                multiple
                treeData={treeData}
                showSearch={{ treeNodeFilterProp: "title" }}
                treeDefaultExpandAll={false}
                popupMatchSelectWidth={false}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="industries" label={t("campaign.industries")}>
              <IndustrySelect multiple choose="filter" data-testid="campaign-form-industries" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="organisationIds" label={t("campaign.organisations")}>
              <Select
                data-testid="campaign-form-organisations"
                mode="multiple"
                allowClear
                loading={organisations.loading}
                options={(organisations.data?.items ?? [])
                  .filter((o) => o.kind === "industry_department" || o.kind === "emergency_management")
                  .map((o) => ({ value: o.id, label: o.name }))}
                showSearch={{ optionFilterProp: "label" }}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item
              name="startDate"
              label={t("campaign.startDate")}
              rules={[{ required: true, message: t("campaign.required") }]}
            >
              <DatePicker style={{ width: "100%" }} format="YYYY-MM-DD" data-testid="campaign-form-start" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="endDate"
              label={t("campaign.endDate")}
              rules={[{ required: true, message: t("campaign.required") }]}
            >
              <DatePicker style={{ width: "100%" }} format="YYYY-MM-DD" data-testid="campaign-form-end" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="reminderDays" label={t("campaign.reminderDays")}>
              <InputNumber min={0} max={30} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="finalReport" label=" " valuePropName="checked">
              <Checkbox>{t("campaign.finalReport")}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="scheduleKind" label={t("campaign.schedule")}>
              <Radio.Group
                data-testid="campaign-form-schedule"
                optionType="button"
                options={(["weekly", "monthly", "dates"] as const).map((kind) => ({
                  value: kind,
                  label: t(`campaign.schedule.${kind}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            {scheduleKind === "weekly" && (
              <Form.Item name="weekday" label={t("campaign.weekday")}>
                <Select
                  style={{ width: 160 }}
                  options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`campaign.weekday.${d}` as never) }))}
                />
              </Form.Item>
            )}
            {scheduleKind === "monthly" && (
              <Form.Item name="day" label={t("campaign.monthDay")}>
                <InputNumber min={1} max={28} />
              </Form.Item>
            )}
            {scheduleKind === "dates" && (
              <Form.Item
                name="dates"
                label={t("campaign.dates")}
                rules={[{ required: true, message: t("campaign.required") }]}
              >
                <DatePicker multiple format="YYYY-MM-DD" style={{ width: "100%" }} />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Form.Item label={t("campaign.tasks")} required>
          <Form.List name="tasks">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: "100%" }}>
                {fields.map((field, index) => (
                  <Row key={field.key} gutter={8} align="top" data-testid={`campaign-form-task-${index}`}>
                    <Col xs={24} md={9}>
                      <Form.Item
                        name={[field.name, "title"]}
                        rules={[{ required: true, message: t("campaign.required") }]}
                        style={{ marginBottom: 8 }}
                      >
                        <Input
                          placeholder={t("campaign.taskTitle")}
                          data-testid={`campaign-form-task-title-${index}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item name={[field.name, "kind"]} style={{ marginBottom: 8 }}>
                        <Select options={CAMPAIGN_TASK_KINDS.map((k) => ({ value: k, label: taskKindLabel(t, k) }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={5}>
                      <Form.Item name={[field.name, "targetFigure"]} style={{ marginBottom: 8 }}>
                        <Select
                          allowClear
                          placeholder={t("campaign.targetFigure")}
                          options={CAMPAIGN_FIGURES.map((f) => ({ value: f, label: figureLabel(t, f) }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={20} md={4}>
                      <Form.Item name={[field.name, "target"]} style={{ marginBottom: 8 }}>
                        <InputNumber
                          min={1}
                          placeholder={t("campaign.target")}
                          style={{ width: "100%" }}
                          data-testid={`campaign-form-task-target-${index}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={4} md={2}>
                      {fields.length > 1 && (
                        <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="remove" />
                      )}
                    </Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ title: "", kind: "inspection" })}>
                  {t("campaign.addTask")}
                </Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submit.saving} data-testid="campaign-form-submit">
          {t("campaign.saveDraft")}
        </Button>
      </Form>
    </Card>
  );
}
