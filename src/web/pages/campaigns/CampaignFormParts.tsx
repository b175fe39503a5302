import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space } from "antd";
import { useT } from "../../i18n";
import { CAMPAIGN_FIGURES, CAMPAIGN_TASK_KINDS, figureLabel, taskKindLabel } from "./campaign-data";

/** When participants report: weekly on a weekday, monthly on a day, or on chosen dates. */
export function ReportScheduleFields() {
  const t = useT();
  const scheduleKind = Form.useWatch("scheduleKind");
  return (
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
  );
}

/** The action's tasks, each with a figure to count and a target (at least one task). */
export function CampaignTaskRows() {
  const t = useT();
  return (
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
                    <Input placeholder={t("campaign.taskTitle")} data-testid={`campaign-form-task-title-${index}`} />
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
  );
}
