import { PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { ROLES, type Role } from "../../../domain/access/roles";
import { api, errorMessage } from "../../api/client";
import type { Page, User } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { useMe } from "../../app/session";
import { FormModal } from "../../components/FormModal";
import { formatDateTime, roleLabel } from "../../components/labels";
import { usePaging } from "../../components/paging";
import { RequestTable } from "../../components/RequestTable";
import { useLocale, useT } from "../../i18n";
import { UserFormModal } from "./UserFormModal";

function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const save = async ({ password }: { password: string }) => {
    if (!user) return;
    await api.patch(`/users/${user.id}`, { password });
    message.success(t("user.passwordReset", { username: user.username }));
    onClose();
  };
  return (
    <FormModal<{ password: string }>
      open={Boolean(user)}
      form={form}
      fields={[]}
      onSubmit={save}
      onClose={onClose}
      title={t("user.resetPasswordTitle", { username: user?.username ?? "" })}
      // The plain OK of the dialog, not "Save".
      okText={undefined}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t("user.resetPasswordHint")}</Typography.Paragraph>
      <Form.Item
        name="password"
        label={t("user.newPassword")}
        extra={t("user.passwordHelp")}
        rules={[{ required: true, min: 8, message: t("user.passwordRule") }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}

export function UsersPage() {
  const t = useT();
  const me = useMe();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const [q, setQ] = useState("");
  const [role, setRole] = useState<Role>();
  const { page, pageSize, setPage, pagination } = usePaging();
  const [editing, setEditing] = useState<User | "new" | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const list = useRequest(() => api.get<Page<User>>("/users", { q, role, page, pageSize }), [q, role, page, pageSize]);

  const setDisabled = async (user: User, disabled: boolean) => {
    try {
      await api.patch(`/users/${user.id}`, { disabled });
      message.success(
        disabled
          ? t("user.disabledDone", { username: user.username })
          : t("user.enabledDone", { username: user.username }),
      );
      list.reload();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  return (
    <Card
      title={t("user.listTitle")}
      data-testid="users-page"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="user-create">
          {t("user.create")}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          enterButton
          placeholder={t("user.searchPlaceholder")}
          onSearch={(value) => {
            setQ(value.trim());
            setPage(1);
          }}
          style={{ width: 280 }}
          data-testid="user-search"
        />
        <Select<Role>
          allowClear
          placeholder={t("user.filterRole")}
          value={role}
          onChange={(value) => {
            setRole(value);
            setPage(1);
          }}
          options={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))}
          style={{ width: 180 }}
        />
      </Space>
      <RequestTable<User>
        request={list}
        rows={list.data?.items}
        data-testid="user-table"
        scroll={{ x: 1200 }}
        pagination={pagination(list.data?.total)}
        columns={[
          {
            title: t("user.username"),
            dataIndex: "username",
            width: 190,
            render: (u: string) => (
              <Typography.Text code style={{ whiteSpace: "nowrap" }}>
                {u}
              </Typography.Text>
            ),
          },
          { title: t("user.displayName"), dataIndex: "displayName", width: 160 },
          { title: t("user.role"), dataIndex: "role", render: (r: Role) => <Tag color="blue">{roleLabel(t, r)}</Tag> },
          {
            title: t("user.scope"),
            key: "scope",
            render: (_: unknown, user) =>
              user.territory
                ? user.territory.name + (user.industries.length ? ` · ${user.industries.join(", ")}` : "")
                : user.enterpriseIds.length
                  ? t("user.enterpriseCount", { count: user.enterpriseIds.length })
                  : t("user.wholeInstallation"),
          },
          {
            title: t("user.organisation"),
            key: "organisation",
            render: (_: unknown, user) => user.organisation?.name ?? "—",
          },
          {
            title: t("user.state"),
            dataIndex: "disabled",
            width: 90,
            render: (disabled: boolean) =>
              disabled ? <Tag color="red">{t("user.disabled")}</Tag> : <Tag color="green">{t("user.active")}</Tag>,
          },
          {
            title: t("user.createdAt"),
            dataIndex: "createdAt",
            width: 160,
            render: (at: string) => formatDateTime(at, locale),
          },
          {
            title: t("common.actions"),
            key: "actions",
            fixed: "right",
            width: 220,
            render: (_: unknown, user) => (
              <Space size={4}>
                <Button type="link" size="small" onClick={() => setEditing(user)}>
                  {t("common.edit")}
                </Button>
                <Button type="link" size="small" onClick={() => setResetting(user)}>
                  {t("user.resetPassword")}
                </Button>
                {user.id !== me.id && (
                  <Popconfirm
                    title={user.disabled ? t("user.enableConfirm") : t("user.disableConfirm")}
                    onConfirm={() => setDisabled(user, !user.disabled)}
                  >
                    <Button type="link" size="small" danger={!user.disabled}>
                      {user.disabled ? t("user.enable") : t("user.disable")}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <UserFormModal
        open={editing !== null}
        user={editing === "new" || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Card>
  );
}
