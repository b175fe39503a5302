import { KeyOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { api, errorMessage } from "../../api/client";
import type { ApiToken, CreatedApiToken } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { FormModal } from "../../components/FormModal";
import { formatDateTime } from "../../components/labels";
import { useLocale, useT } from "../../i18n";

type FormValues = { name: string; days: number };

function tokenState(token: ApiToken): "revoked" | "expired" | "active" {
  if (token.revokedAt) return "revoked";
  return new Date(token.expiresAt).getTime() <= Date.now() ? "expired" : "active";
}

/** The user's own API tokens for system integration: create (shown once), see use, revoke. */
export function TokensPage() {
  const t = useT();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const list = useRequest(() => api.get<{ items: ApiToken[] }>("/tokens").then((r) => r.items), []);

  const create = async (values: FormValues) => {
    const token = await api.post<CreatedApiToken>("/tokens", { name: values.name.trim(), days: values.days });
    setCreating(false);
    setCreated(token);
    list.reload();
  };

  const revoke = async (token: ApiToken) => {
    try {
      await api.delete(`/tokens/${token.id}`);
      message.success(t("token.revoked", { name: token.name }));
      list.reload();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const stateTag = {
    active: <Tag color="green">{t("token.active")}</Tag>,
    expired: <Tag>{t("token.expired")}</Tag>,
    revoked: <Tag color="red">{t("token.revokedState")}</Tag>,
  };

  return (
    <Card
      title={t("token.title")}
      data-testid="tokens-page"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="token-create">
          {t("token.create")}
        </Button>
      }
    >
      <Alert type="info" showIcon title={t("token.explain")} style={{ marginBottom: 16 }} />
      <Table<ApiToken>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t("token.name"),
            dataIndex: "name",
            render: (name: string) => (
              <span>
                <KeyOutlined /> {name}
              </span>
            ),
          },
          {
            title: t("token.state"),
            key: "state",
            width: 100,
            render: (_: unknown, token) => stateTag[tokenState(token)],
          },
          { title: t("token.createdAt"), dataIndex: "createdAt", render: (at: string) => formatDateTime(at, locale) },
          { title: t("token.expiresAt"), dataIndex: "expiresAt", render: (at: string) => formatDateTime(at, locale) },
          {
            title: t("token.lastUsedAt"),
            dataIndex: "lastUsedAt",
            render: (at: string | null) => (at ? formatDateTime(at, locale) : t("token.neverUsed")),
          },
          {
            title: t("common.actions"),
            key: "actions",
            width: 100,
            render: (_: unknown, token) =>
              tokenState(token) === "active" && (
                <Popconfirm title={t("token.revokeConfirm")} onConfirm={() => revoke(token)}>
                  <Button type="link" danger size="small">
                    {t("token.revoke")}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <FormModal<FormValues>
        open={creating}
        form={form}
        initialValues={{ days: 90 }}
        onSubmit={create}
        onClose={() => setCreating(false)}
        title={t("token.createTitle")}
        okText={t("token.create")}
        forceRender
      >
        <Form.Item
          name="name"
          label={t("token.name")}
          extra={t("token.nameHelp")}
          rules={[{ required: true, message: t("token.nameRequired") }]}
        >
          <Input maxLength={100} data-testid="token-name" />
        </Form.Item>
        <Form.Item name="days" label={t("token.days")} rules={[{ required: true }]}>
          <InputNumber min={1} max={366} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </FormModal>
      <Modal
        open={created !== null}
        title={t("token.createdTitle")}
        onCancel={() => setCreated(null)}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            {t("token.copiedClose")}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t("token.showOnce")} style={{ marginBottom: 16 }} />
        <Typography.Paragraph
          copyable={{ text: created?.token ?? "" }}
          data-testid="token-secret"
          style={{
            fontFamily: "monospace",
            wordBreak: "break-all",
            background: "rgba(0,0,0,0.04)",
            padding: 12,
            borderRadius: 6,
          }}
        >
          {created?.token}
        </Typography.Paragraph>
        <Typography.Text type="secondary">
          {t("token.expiresOn", { date: formatDateTime(created?.expiresAt, locale) })} · {t("token.usage")}
        </Typography.Text>
      </Modal>
    </Card>
  );
}
