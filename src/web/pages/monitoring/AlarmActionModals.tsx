import { App, Form, Input, Modal } from "antd";
import { useState } from "react";
import { api, errorMessage } from "../../api/client";
import { useT } from "../../i18n";
import type { Alarm } from "./monitoring-data";

/** Acknowledges an alarm with an optional note (who and when are recorded by the server). */
export function AcknowledgeModal({
  alarm,
  onClose,
  onDone,
}: {
  alarm: Alarm | null;
  onClose: () => void;
  onDone: (alarm: Alarm) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    if (!alarm) return;
    const values = await form.validateFields();
    setSaving(true);
    try {
      const updated = await api.post<Alarm>(`/alarms/${alarm.id}/acknowledge`, {
        note: values.note?.trim() || undefined,
      });
      message.success(t("alarm.acknowledged"));
      form.resetFields();
      onDone(updated);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={!!alarm}
      title={t("alarm.acknowledgeTitle", { device: alarm?.deviceName ?? alarm?.enterpriseName ?? "" })}
      okText={t("alarm.acknowledge")}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ "data-testid": "acknowledge-submit" } as never}
      destroyOnHidden
    >
      <p style={{ marginTop: 0 }}>{alarm?.message}</p>
      <Form form={form} layout="vertical">
        <Form.Item name="note" label={t("alarm.note")}>
          <Input.TextArea
            data-testid="acknowledge-note"
            rows={3}
            maxLength={1000}
            placeholder={t("alarm.notePlaceholder")}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Records the disposal of an acknowledged alarm: what caused it and what was done. */
export function DisposeModal({
  alarm,
  onClose,
  onDone,
}: {
  alarm: Alarm | null;
  onClose: () => void;
  onDone: (alarm: Alarm) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ cause: string; actionTaken: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    if (!alarm) return;
    const values = await form.validateFields();
    setSaving(true);
    try {
      const updated = await api.post<Alarm>(`/alarms/${alarm.id}/dispose`, {
        cause: values.cause.trim(),
        actionTaken: values.actionTaken.trim(),
      });
      message.success(t("alarm.disposed"));
      form.resetFields();
      onDone(updated);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };
  const rule = { required: true, min: 2, whitespace: true, message: t("alarm.fieldRequired") };
  return (
    <Modal
      open={!!alarm}
      title={t("alarm.disposeTitle", { device: alarm?.deviceName ?? alarm?.enterpriseName ?? "" })}
      okText={t("alarm.dispose")}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      <p style={{ marginTop: 0 }}>{alarm?.message}</p>
      <Form form={form} layout="vertical">
        <Form.Item name="cause" label={t("alarm.cause")} rules={[rule]}>
          <Input.TextArea
            data-testid="dispose-cause"
            rows={2}
            maxLength={1000}
            placeholder={t("alarm.causePlaceholder")}
          />
        </Form.Item>
        <Form.Item name="actionTaken" label={t("alarm.actionTaken")} rules={[rule]}>
          <Input.TextArea
            data-testid="dispose-action"
            rows={3}
            maxLength={1000}
            placeholder={t("alarm.actionPlaceholder")}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
