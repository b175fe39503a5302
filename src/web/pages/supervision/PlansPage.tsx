import { Button, Card, Form, Input, InputNumber, Progress, Select, Space, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { api } from "../../api/client";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FormProblem, useFormSubmit } from "../../components/FormModal";
import { RequestTable } from "../../components/RequestTable";
import { useT } from "../../i18n";
import { SupervisionTabs } from "./SupervisionTabs";
import { completionPercent, type Departments, type Plan, type PlanDetail, type PlanPage } from "./supervision-data";

type GenerateValues = {
  department: string;
  year: number;
  month: number | 0;
  capacity?: number;
  seed?: string;
};

/** Enforcement plans in scope with their completion, and the form that generates one from the ratings. */
export function PlansPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<GenerateValues>();
  const [page, setPage] = useState(1);
  const canManage = hasPermission(me, "supervision:manage");
  const departments = useRequest(() => api.get<Departments>("/supervision/departments"), []);
  const plans = useRequest(() => api.get<PlanPage>("/supervision/plans", { page, pageSize: 20 }), [page]);
  const now = new Date();
  const ownFirst = departments.data?.items.find((d) => d.own) ?? departments.data?.items[0];

  const generate = useFormSubmit(
    form,
    async (values: GenerateValues) => {
      const plan = await api.post<PlanDetail>("/supervision/plans", {
        department: values.department,
        year: values.year,
        ...(values.month ? { month: values.month } : {}),
        ...(values.capacity != null ? { capacity: values.capacity } : {}),
        ...(values.seed?.trim() ? { seed: values.seed.trim() } : {}),
      });
      navigate(`/supervision/plans/${plan.id}`);
    },
    { fields: ["department", "year", "month", "capacity", "seed"] },
  );

  return (
    <div data-testid="supervision-plans">
      <SupervisionTabs />
      {canManage && (
        <Card title={t("sup.generateTitle")} style={{ marginBottom: 16 }} data-testid="plan-generate">
          <Typography.Paragraph type="secondary">{t("sup.generateHelp")}</Typography.Paragraph>
          <FormProblem problem={generate.problem} />
          {ownFirst && (
            <Form<GenerateValues>
              form={form}
              layout="inline"
              onFinish={generate.finish}
              initialValues={{
                department: ownFirst.id,
                year: now.getFullYear(),
                month: now.getMonth() + 1,
              }}
              style={{ rowGap: 12 }}
            >
              <Form.Item name="department" label={t("sup.department")} rules={[{ required: true }]}>
                <Select
                  data-testid="plan-department"
                  style={{ width: 260 }}
                  options={departments.data?.items.map((d) => ({
                    value: d.id,
                    label: `${d.name}（${d.territory.name}）`,
                  }))}
                />
              </Form.Item>
              <Form.Item name="year" label={t("sup.year")} rules={[{ required: true }]}>
                <InputNumber data-testid="plan-year" min={2000} max={2100} style={{ width: 100 }} />
              </Form.Item>
              <Form.Item name="month" label={t("sup.month")}>
                <Select
                  data-testid="plan-month"
                  style={{ width: 120 }}
                  options={[
                    { value: 0, label: t("sup.annual") },
                    ...Array.from({ length: 12 }, (_, index) => ({
                      value: index + 1,
                      label: t("sup.monthN", { month: index + 1 }),
                    })),
                  ]}
                />
              </Form.Item>
              <Form.Item name="capacity" label={t("sup.capacity")} tooltip={t("sup.capacityHelp")}>
                <InputNumber data-testid="plan-capacity" min={0} max={100000} style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name="seed" label={t("sup.seed")} tooltip={t("sup.seedHelp")}>
                <Input data-testid="plan-seed-input" maxLength={100} style={{ width: 200 }} allowClear />
              </Form.Item>
              <Form.Item>
                <Button type="primary" htmlType="submit" loading={generate.saving} data-testid="plan-generate-submit">
                  {t("sup.generate")}
                </Button>
              </Form.Item>
            </Form>
          )}
          <ErrorAlert error={departments.error} onRetry={departments.reload} />
        </Card>
      )}
      <Card title={t("sup.plansTitle")}>
        <RequestTable<Plan>
          request={plans}
          rows={plans.data?.items}
          data-testid="plan-list"
          locale={{ emptyText: t("sup.noPlans") }}
          onRow={(plan) => ({ onClick: () => navigate(`/supervision/plans/${plan.id}`), style: { cursor: "pointer" } })}
          pagination={{ current: page, pageSize: 20, total: plans.data?.total ?? 0, onChange: setPage }}
          columns={[
            { title: t("sup.period"), dataIndex: "period", width: 100 },
            {
              title: t("sup.department"),
              render: (_, plan) => (
                <Space direction="vertical" size={0}>
                  <span>{plan.organisation.name}</span>
                  <Typography.Text type="secondary">{plan.territory.name}</Typography.Text>
                </Space>
              ),
            },
            {
              title: t("sup.enterprises"),
              render: (_, plan) =>
                `${plan.summary.mandatoryPlanned} ${t("sup.mandatory")} · ${plan.summary.random} ${t("sup.random")}`,
            },
            {
              title: t("sup.seed"),
              dataIndex: "seed",
              render: (seed: string) => (
                <Typography.Text code copyable style={{ fontSize: 12 }}>
                  {seed}
                </Typography.Text>
              ),
            },
            {
              title: t("sup.completion"),
              width: 220,
              render: (_, plan) => (
                <Space direction="vertical" size={0} style={{ width: "100%" }}>
                  <Progress percent={completionPercent(plan.completion)} size="small" />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t("sup.completionText", {
                      inspected: plan.completion.inspected,
                      planned: plan.completion.planned,
                    })}
                  </Typography.Text>
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
