import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Space, Table, Typography } from "antd";
import { useEffect, useState } from "react";
import { Navigate, useLocation, useNavigate } from "react-router-dom";
import { ApiError, api } from "../../api/client";
import { useSession } from "../../app/session";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { useT } from "../../i18n";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts";

type Credentials = { username: string; password: string };

export function LoginPage() {
  const t = useT();
  const { state, login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<Credentials>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? "/";
  // The demo accounts and their password exist only in the embedded demo; a real installation does not list them.
  const [demoAccounts, setDemoAccounts] = useState(false);
  useEffect(() => {
    api
      .get<{ demoAccounts: boolean }>("/auth/sign-in-options")
      .then((options) => setDemoAccounts(options.demoAccounts))
      .catch(() => setDemoAccounts(false));
  }, []);

  if (state.status === "signed-in") return <Navigate to={from === "/login" ? "/" : from} replace />;

  const submit = async ({ username, password }: Credentials) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(username.trim(), password);
      navigate(from === "/login" ? "/" : from, { replace: true });
    } catch (caught) {
      // The server words the reason (wrong password, throttled) in the chosen language.
      setError(caught instanceof ApiError ? caught.message : String(caught));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div
      style={{
        minHeight: "100vh",
        background: "linear-gradient(160deg, #001529 0%, #0b3a6e 55%, #1677ff 100%)",
        display: "flex",
        flexDirection: "column",
        alignItems: "center",
        padding: "48px 16px",
        gap: 16,
      }}
    >
      <div style={{ alignSelf: "flex-end" }}>
        <LanguageSwitch />
      </div>
      <Space orientation="vertical" align="center" size={4} style={{ color: "#fff", textAlign: "center" }}>
        <SafetyCertificateOutlined style={{ fontSize: 44 }} />
        <Typography.Title level={2} style={{ color: "#fff", margin: 0 }}>
          DualGuard
        </Typography.Title>
        <span style={{ opacity: 0.85 }}>{t("login.tagline")}</span>
      </Space>
      <Card style={{ width: 400, maxWidth: "100%" }} title={t("login.title")}>
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="login-form">
          <Form.Item
            name="username"
            label={t("login.username")}
            rules={[{ required: true, message: t("login.usernameRequired") }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" data-testid="login-username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("login.password")}
            rules={[{ required: true, message: t("login.passwordRequired") }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          {error && (
            <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
          )}
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            {t("login.submit")}
          </Button>
        </Form>
      </Card>
      {demoAccounts && (
        <Card
          size="small"
          style={{ width: 560, maxWidth: "100%" }}
          title={t("login.demoTitle")}
          extra={
            <Typography.Text type="secondary">{t("login.demoPassword", { password: DEMO_PASSWORD })}</Typography.Text>
          }
          data-testid="demo-accounts"
        >
          <Table
            size="small"
            pagination={false}
            rowKey="username"
            dataSource={DEMO_ACCOUNTS.map((a) => ({ username: a.username, description: t(a.description) }))}
            onRow={(account) => ({
              onClick: () => form.setFieldsValue({ username: account.username, password: DEMO_PASSWORD }),
              style: { cursor: "pointer" },
            })}
            columns={[
              {
                title: t("login.username"),
                dataIndex: "username",
                width: 190,
                render: (username: string) => <Typography.Text code>{username}</Typography.Text>,
              },
              { title: t("login.demoRole"), dataIndex: "description" },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }}>
            {t("login.demoHint")}
          </Typography.Paragraph>
        </Card>
      )}
    </div>
  );
}
