import { Alert, App, Form, Input, Modal, Typography } from "antd";
import { useState } from "react";
import { api } from "../api/client";
import { useT } from "../i18n";
import { showFieldProblems } from "./form-errors";

type Values = { currentPassword: string; newPassword: string; confirmPassword: string };

/** The signed-in user changes its own password; the server ends its other sign-ins and revokes its tokens. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const close = () => {
    form.resetFields();
    setProblem(null);
    onClose();
  };

  const submit = async (values: Values) => {
    setSaving(true);
    setProblem(null);
    try {
      const result = await api.post<{ sessionsEnded: number; tokensRevoked: number }>("/auth/password", {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      message.success(t("auth.passwordChanged", { sessions: result.sessionsEnded, tokens: result.tokensRevoked }));
      close();
    } catch (error) {
      setProblem(showFieldProblems(form, error, ["currentPassword", "newPassword"]));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("auth.changePassword")}
      onCancel={close}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okText={t("auth.changePassword")}
      okButtonProps={{ "data-testid": "change-password-submit" } as never}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="change-password-form">
        <Typography.Paragraph type="secondary">{t("auth.changePasswordHelp")}</Typography.Paragraph>
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
        <Form.Item
          name="currentPassword"
          label={t("auth.currentPassword")}
          rules={[{ required: true, message: t("auth.passwordRequired") }]}
        >
          <Input.Password autoComplete="current-password" data-testid="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t("auth.newPassword")}
          extra={t("auth.newPasswordHelp")}
          rules={[{ required: true, message: t("auth.passwordRequired") }]}
        >
          <Input.Password autoComplete="new-password" data-testid="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t("auth.confirmPassword")}
          dependencies={["newPassword"]}
          rules={[
            { required: true, message: t("auth.passwordRequired") },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                !value || value === getFieldValue("newPassword")
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("auth.passwordsDiffer"))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="confirm-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
