import { DeleteOutlined, StopOutlined } from "@ant-design/icons";
import { App, Button, Form, Input, Popconfirm } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { api, errorMessage } from "../../api/client";
import type { Enterprise } from "../../api/types";
import { FormModal } from "../../components/FormModal";
import { useT } from "../../i18n";

/**
 * Ends an enterprise's record: one with history (registers, hidden dangers,
 * readings …) is closed with a reason and keeps everything; one registered by
 * mistake, with no history, may still be deleted.
 */
export function CloseEnterpriseAction({ enterprise, onClosed }: { enterprise: Enterprise; onClosed: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  if (enterprise.status === "closed") return null;

  const fail = (error: unknown) => message.error(errorMessage(error));

  if (!enterprise.hasHistory) {
    return (
      <Popconfirm
        title={t("enterprise.deleteConfirm")}
        onConfirm={async () => {
          try {
            await api.delete(`/enterprises/${enterprise.id}`);
            message.success(t("enterprise.deleted", { name: enterprise.name }));
            navigate("/enterprises");
          } catch (error) {
            fail(error);
          }
        }}
      >
        <Button danger icon={<DeleteOutlined />} data-testid="enterprise-delete">
          {t("enterprise.delete")}
        </Button>
      </Popconfirm>
    );
  }

  const close = async ({ reason }: { reason: string }) => {
    await api.post(`/enterprises/${enterprise.id}/close`, { reason });
    message.success(t("enterprise.closedDone", { name: enterprise.name }));
    setOpen(false);
    onClosed();
  };

  return (
    <>
      <Button danger icon={<StopOutlined />} onClick={() => setOpen(true)} data-testid="enterprise-close">
        {t("enterprise.close")}
      </Button>
      <FormModal<{ reason: string }>
        open={open}
        form={form}
        onSubmit={close}
        onClose={() => setOpen(false)}
        title={t("enterprise.closeTitle", { name: enterprise.name })}
        okText={t("enterprise.close")}
        okButtonProps={{ danger: true }}
        destroyOnHidden
        failures="toast"
        formProps={{ preserve: false }}
        intro={<p>{t("enterprise.closeExplain")}</p>}
      >
        <Form.Item
          name="reason"
          label={t("enterprise.closedReason")}
          rules={[{ required: true, min: 2, whitespace: true, message: t("enterprise.closeReasonRequired") }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="enterprise-close-reason" />
        </Form.Item>
      </FormModal>
    </>
  );
}
