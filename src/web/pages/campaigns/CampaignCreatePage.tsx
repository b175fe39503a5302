import { Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, TreeSelect } from "antd";
import dayjs from "dayjs";
import { useNavigate } from "react-router-dom";
import { api } from "../../api/client";
import type { Organisation } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { useMe } from "../../app/session";
import { FormProblem, useFormSubmit } from "../../components/FormModal";
import { IndustrySelect } from "../../components/IndustrySelect";
import { useTerritoryOptions } from "../../components/TerritoryTreeSelect";
import { useT } from "../../i18n";
import { CampaignTaskRows, ReportScheduleFields } from "./CampaignFormParts";
import type { CampaignDetail } from "./campaign-data";
import { CAMPAIGN_FIELDS, type CampaignFormValues, planOf } from "./campaign-plan";

/** Drafts a special action: scope, industries, departments, period, report schedule and tasks. */
export function CampaignCreatePage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<CampaignFormValues>();
  const { treeData } = useTerritoryOptions();
  const organisations = useRequest(() => api.get<{ items: Organisation[] }>("/organisations"), []);

  const submit = useFormSubmit(
    form,
    async (values: CampaignFormValues) => {
      const created = await api.post<CampaignDetail>("/campaigns", planOf(values));
      navigate(`/campaigns/${created.id}`, { state: { created: true } });
    },
    { fields: CAMPAIGN_FIELDS },
  );

  return (
    <Card title={t("campaign.create")} data-testid="campaign-create">
      <FormProblem problem={submit.problem} testId="campaign-form-error" />
      <Form<CampaignFormValues>
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
        <ReportScheduleFields />
        <CampaignTaskRows />
        <Button type="primary" htmlType="submit" loading={submit.saving} data-testid="campaign-form-submit">
          {t("campaign.saveDraft")}
        </Button>
      </Form>
    </Card>
  );
}
