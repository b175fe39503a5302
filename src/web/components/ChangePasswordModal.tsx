import { App, Form, Input, Typography } from "antd";
import { api } from "../api/client";
import { useT } from "../i18n";
import { FormModal } from "./FormModal";

type Values = { currentPassword: string; newPassword: string; confirmPassword: string };

/** The signed-in user changes its own password; the server ends its other sign-ins and revokes its tokens. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();

  const submit = async (values: Values) => {
    const result = await api.post<{ sessionsEnded: number; tokensRevoked: number }>("/auth/password", {
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
    });
    message.success(t("auth.passwordChanged", { sessions: result.sessionsEnded, tokens: result.tokensRevoked }));
    onClose();
  };

  return (
    <FormModal<Values>
      open={open}
      form={form}
      fields={["currentPassword", "newPassword"]}
      onSubmit={submit}
      onClose={onClose}
      title={t("auth.changePassword")}
      okText={t("auth.changePassword")}
      okButtonProps={{ "data-testid": "change-password-submit" } as never}
      forceRender
      formProps={{ "data-testid": "change-password-form" }}
      intro={<Typography.Paragraph type="secondary">{t("auth.changePasswordHelp")}</Typography.Paragraph>}
    >
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
    </FormModal>
  );
}
