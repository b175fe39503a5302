import { PlusOutlined, SyncOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Tag } from "antd";
import { useState } from "react";
import { TEMPLATE_KINDS } from "../../../domain/inspection/templates";
import { CHECK_FREQUENCIES } from "../../../domain/risk/vocabulary";
import { api, errorMessage } from "../../api/client";
import type { Answer } from "../../api/contract";
import { useRequest } from "../../api/use-request";
import { useMe } from "../../app/session";
import { checkFrequencyLabel } from "../../components/labels";
import { RequestTable } from "../../components/RequestTable";
import { controlLevelName } from "../../components/RiskLevel";
import { type MessageKey, useLocale, useT } from "../../i18n";
import type { ChecklistItem } from "../hidden-dangers/hidden-danger-data";

const SOURCE_COLOURS = { measure: "blue", template: "purple", custom: "default" } as const;

/** The enterprise's checklist: generated from the control measures, plus template and custom items. */
export function ChecklistPage() {
  const t = useT();
  const [locale] = useLocale();
  const me = useMe();
  const { message } = App.useApp();
  const enterpriseId = me.enterpriseIds[0] ?? "";
  const items = useRequest(
    () => api.get<Answer<"/api/v1/checklist-items">>("/checklist-items", { enterpriseId }).then((r) => r.items),
    [enterpriseId],
  );
  const [generating, setGenerating] = useState(false);
  const [adding, setAdding] = useState<"template" | "custom" | null>(null);
  const [form] = Form.useForm<{ templateKind?: string; content?: string; checkFrequency?: string }>();
  const [problem, setProblem] = useState<string | null>(null);

  const generate = async () => {
    setGenerating(true);
    try {
      const result = await api.post<{ measures: number; created: number; updated: number }>("/checklists/generate", {
        enterpriseId,
      });
      message.success(t("checklist.generated", result));
      items.reload();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setGenerating(false);
    }
  };

  const add = async () => {
    const values = await form.validateFields();
    setProblem(null);
    try {
      const result = await api.post<{ created: number }>("/checklist-items", { enterpriseId, ...values });
      message.success(t("checklist.added", result));
      setAdding(null);
      items.reload();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };

  const required = [{ required: true, message: t("hd.required") }];
  return (
    <Card
      title={t("checklist.title")}
      data-testid="checklist-page"
      extra={
        <Space wrap>
          <Button
            type="primary"
            icon={<SyncOutlined />}
            loading={generating}
            onClick={generate}
            data-testid="checklist-generate"
          >
            {t("checklist.generate")}
          </Button>
          <Button
            icon={<PlusOutlined />}
            data-testid="checklist-add-template"
            onClick={() => {
              form.resetFields();
              setProblem(null);
              setAdding("template");
            }}
          >
            {t("checklist.addTemplate")}
          </Button>
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              setProblem(null);
              setAdding("custom");
            }}
          >
            {t("checklist.addCustom")}
          </Button>
        </Space>
      }
    >
      <Alert type="info" showIcon title={t("checklist.tasksHint")} style={{ marginBottom: 16 }} />
      <RequestTable<ChecklistItem>
        request={items}
        rows={items.data}
        data-testid="checklist-table"
        scroll={{ x: 800 }}
        pagination={{ pageSize: 50, showTotal: (total) => t("common.total", { total }) }}
        columns={[
          { title: t("checklist.content"), dataIndex: "content" },
          {
            title: t("checklist.frequency"),
            dataIndex: "checkFrequency",
            width: 110,
            render: (f: string) => checkFrequencyLabel(t, f),
          },
          {
            title: t("checklist.source"),
            dataIndex: "source",
            width: 150,
            render: (source: ChecklistItem["source"], record) => (
              <Tag color={SOURCE_COLOURS[source]}>
                {t(`checklist.source.${source}` as MessageKey)}
                {record.templateKind && (TEMPLATE_KINDS as readonly string[]).includes(record.templateKind)
                  ? ` · ${t(`checklist.template.${record.templateKind}` as MessageKey)}`
                  : ""}
              </Tag>
            ),
          },
          {
            title: t("checklist.controlLevel"),
            dataIndex: "controlLevel",
            width: 110,
            render: (level: string | null) => (level ? controlLevelName(locale, level) : "—"),
          },
          {
            title: t("checklist.responsible"),
            dataIndex: "responsiblePerson",
            width: 120,
            render: (p: string) => p || "—",
          },
        ]}
      />
      <Modal
        open={adding !== null}
        title={adding === "template" ? t("checklist.addTemplate") : t("checklist.addCustom")}
        onCancel={() => setAdding(null)}
        onOk={add}
        okButtonProps={{ id: "checklist-add-save" }}
        destroyOnHidden
      >
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" preserve={false}>
          {adding === "template" ? (
            <Form.Item name="templateKind" label={t("checklist.source.template")} rules={required}>
              <Select
                data-testid="checklist-template-kind"
                options={TEMPLATE_KINDS.map((k) => ({ value: k, label: t(`checklist.template.${k}` as MessageKey) }))}
              />
            </Form.Item>
          ) : (
            <Form.Item name="content" label={t("checklist.content")} rules={[...required, { min: 2 }]}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
            </Form.Item>
          )}
          <Form.Item
            name="checkFrequency"
            label={t("checklist.frequency")}
            rules={adding === "custom" ? required : undefined}
          >
            <Select
              allowClear
              options={CHECK_FREQUENCIES.map((f) => ({ value: f, label: checkFrequencyLabel(t, f) }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
