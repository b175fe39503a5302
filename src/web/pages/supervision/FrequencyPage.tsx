import { App, Button, Card, Col, Form, InputNumber, Popconfirm, Row, Select, Typography } from "antd";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import { api } from "../../api/client";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { FormProblem, useFormSubmit } from "../../components/FormModal";
import { RequestTable } from "../../components/RequestTable";
import { RISK_LEVELS, RiskLevelTag } from "../../components/RiskLevel";
import { TerritoryTreeSelect } from "../../components/TerritoryTreeSelect";
import { useT } from "../../i18n";
import { SupervisionTabs } from "./SupervisionTabs";
import type { Departments, FrequencyConfig, FrequencySettings, StoredFrequency } from "./supervision-data";

type FrequencyRow = {
  key: string;
  scope: string;
  frequency: Partial<FrequencyConfig>;
  stored?: StoredFrequency;
};

type FormValues = {
  organisationId?: string;
  territoryId?: string;
  frequency: Partial<Record<RiskLevel, { timesPerYear?: number | null }>>;
};

/** Inspection frequencies by rating level: the defaults, the departments' and territories' own, and a form to set them. */
export function FrequencyPage() {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const canManage = hasPermission(me, "supervision:manage");
  const settings = useRequest(() => api.get<FrequencySettings>("/supervision/frequency"), []);
  const departments = useRequest(() => api.get<Departments>("/supervision/departments"), []);

  const put = async (body: { organisationId: string | null; territoryId: string | null; frequency: object }) => {
    await api.put("/supervision/frequency", body);
    message.success(t("sup.frequencySaved"));
    settings.reload();
  };

  const save = useFormSubmit(
    form,
    async (values: FormValues) => {
      const frequency = Object.fromEntries(
        Object.entries(values.frequency ?? {})
          .filter(([, value]) => value?.timesPerYear != null)
          .map(([level, value]) => [level, { timesPerYear: value?.timesPerYear }]),
      );
      await put({
        organisationId: values.organisationId ?? null,
        territoryId: values.territoryId ?? null,
        frequency,
      });
      form.resetFields();
    },
    { fields: ["organisationId", "territoryId", "frequency"] },
  );

  const data = settings.data;
  const scopeName = (stored: StoredFrequency) =>
    [stored.organisationName ?? t("sup.allDepartments"), stored.territoryName ?? t("sup.allTerritories")].join(" · ");
  const rows: FrequencyRow[] = data
    ? [
        { key: "shipped", scope: t("sup.shipped"), frequency: data.shipped },
        ...(data.installationDefault
          ? [
              {
                key: "installation",
                scope: t("sup.defaults"),
                frequency: data.installationDefault.frequency,
                stored: data.installationDefault,
              },
            ]
          : []),
        ...data.overrides.map((stored) => ({
          key: stored.id,
          scope: scopeName(stored),
          frequency: stored.frequency,
          stored,
        })),
      ]
    : [];

  return (
    <div data-testid="supervision-frequency">
      <SupervisionTabs />
      <Card title={t("sup.frequencyTitle")} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t("sup.frequencyHelp")}</Typography.Paragraph>
        <RequestTable<FrequencyRow>
          request={settings}
          rows={rows}
          data-testid="frequency-table"
          rowKey="key"
          pagination={false}
          columns={[
            { title: t("sup.scope"), dataIndex: "scope" },
            ...RISK_LEVELS.map((level) => ({
              title: <RiskLevelTag level={level} />,
              width: 130,
              render: (_: unknown, row: FrequencyRow) => {
                const times = row.frequency[level]?.timesPerYear;
                return times === undefined ? (
                  <Typography.Text type="secondary">{t("sup.inherit")}</Typography.Text>
                ) : (
                  t("sup.timesPerYear", { count: times })
                );
              },
            })),
            {
              title: t("sup.updatedAt"),
              width: 180,
              render: (_: unknown, row: FrequencyRow) =>
                row.stored ? new Date(row.stored.updatedAt).toLocaleString() : "—",
            },
            ...(canManage
              ? [
                  {
                    title: t("common.actions"),
                    width: 100,
                    render: (_: unknown, row: FrequencyRow) =>
                      row.stored && (row.key !== "installation" || me.role === "admin") ? (
                        <Popconfirm
                          title={t("sup.removeSetting")}
                          onConfirm={() =>
                            put({
                              organisationId: row.stored?.organisationId ?? null,
                              territoryId: row.stored?.territoryId ?? null,
                              frequency: {},
                            }).catch((error: Error) => message.error(error.message))
                          }
                        >
                          <Button size="small" danger>
                            {t("sup.removeSetting")}
                          </Button>
                        </Popconfirm>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {canManage && (
        <Card title={t("sup.editFrequency")}>
          <FormProblem problem={save.problem} />
          <div data-testid="frequency-form">
            <Form<FormValues> form={form} layout="vertical" onFinish={save.finish}>
              <Row gutter={16}>
                <Col xs={24} md={8}>
                  <Form.Item name="organisationId" label={t("sup.department")}>
                    <Select
                      allowClear
                      placeholder={t("sup.allDepartments")}
                      data-testid="frequency-department"
                      options={departments.data?.items.map((d) => ({
                        value: d.id,
                        label: `${d.name}（${d.territory.name}）`,
                      }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="territoryId" label={t("sup.territory")}>
                    <TerritoryTreeSelect placeholder={t("sup.allTerritories")} data-testid="frequency-territory" />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={16}>
                {RISK_LEVELS.map((level) => (
                  <Col key={level} xs={12} md={4}>
                    <Form.Item
                      name={["frequency", String(level), "timesPerYear"]}
                      label={<RiskLevelTag level={level} />}
                    >
                      <InputNumber
                        style={{ width: "100%" }}
                        placeholder={t("sup.inherit")}
                        data-testid={`frequency-level-${level}`}
                      />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
              <Button type="primary" htmlType="submit" loading={save.saving} data-testid="frequency-save">
                {t("sup.saveFrequency")}
              </Button>
            </Form>
          </div>
        </Card>
      )}
    </div>
  );
}
