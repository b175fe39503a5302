import { App, Form, type FormInstance, Input } from "antd";
import type { ReactNode } from "react";
import { api } from "../../api/client";
import { FormModal } from "../../components/FormModal";
import { useT } from "../../i18n";
import type { Alarm } from "./monitoring-data";

/** One step on an alarm: the alarm's message, a small form, and a toast for the outcome. */
function AlarmStepModal<V extends object>({
  alarm,
  step,
  form,
  body,
  title,
  okText,
  done,
  submitTestId,
  onClose,
  onDone,
  children,
}: {
  alarm: Alarm | null;
  step: "acknowledge" | "dispose";
  form: FormInstance<V>;
  body: (values: V) => Record<string, string | undefined>;
  title: string;
  okText: string;
  done: string;
  submitTestId?: string;
  onClose: () => void;
  onDone: (alarm: Alarm) => void;
  children: ReactNode;
}) {
  const { message } = App.useApp();
  const submit = async (values: V) => {
    if (!alarm) return;
    const updated = await api.post<Alarm>(`/alarms/${alarm.id}/${step}`, body(values));
    message.success(done);
    onDone(updated);
  };
  return (
    <FormModal<V>
      open={!!alarm}
      form={form}
      onSubmit={submit}
      onClose={onClose}
      title={title}
      okText={okText}
      okButtonProps={submitTestId ? ({ "data-testid": submitTestId } as never) : undefined}
      destroyOnHidden
      failures="toast"
      intro={<p style={{ marginTop: 0 }}>{alarm?.message}</p>}
    >
      {children}
    </FormModal>
  );
}

const subject = (alarm: Alarm | null) => ({ device: alarm?.deviceName ?? alarm?.enterpriseName ?? "" });

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
  const [form] = Form.useForm<{ note?: string }>();
  return (
    <AlarmStepModal
      alarm={alarm}
      step="acknowledge"
      form={form}
      body={(values) => ({ note: values.note?.trim() || undefined })}
      title={t("alarm.acknowledgeTitle", subject(alarm))}
      okText={t("alarm.acknowledge")}
      done={t("alarm.acknowledged")}
      submitTestId="acknowledge-submit"
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item name="note" label={t("alarm.note")}>
        <Input.TextArea
          data-testid="acknowledge-note"
          rows={3}
          maxLength={1000}
          placeholder={t("alarm.notePlaceholder")}
        />
      </Form.Item>
    </AlarmStepModal>
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
  const [form] = Form.useForm<{ cause: string; actionTaken: string }>();
  const rule = { required: true, min: 2, whitespace: true, message: t("alarm.fieldRequired") };
  return (
    <AlarmStepModal
      alarm={alarm}
      step="dispose"
      form={form}
      body={(values) => ({ cause: values.cause.trim(), actionTaken: values.actionTaken.trim() })}
      title={t("alarm.disposeTitle", subject(alarm))}
      okText={t("alarm.dispose")}
      done={t("alarm.disposed")}
      onClose={onClose}
      onDone={onDone}
    >
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
    </AlarmStepModal>
  );
}
