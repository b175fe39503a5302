import { App, Form, Input } from "antd";
import { api } from "../../api/client";
import { FormModal } from "../../components/FormModal";
import { useT } from "../../i18n";
import type { Alarm } from "./monitoring-data";

type StepValues = { note?: string; cause?: string; actionTaken?: string };

/** What each step asks: an optional note to acknowledge; the cause and the action taken to dispose. */
const STEP_FIELDS = {
  acknowledge: [
    {
      name: "note",
      label: "alarm.note",
      placeholder: "alarm.notePlaceholder",
      rows: 3,
      required: false,
      testId: "acknowledge-note",
    },
  ],
  dispose: [
    {
      name: "cause",
      label: "alarm.cause",
      placeholder: "alarm.causePlaceholder",
      rows: 2,
      required: true,
      testId: "dispose-cause",
    },
    {
      name: "actionTaken",
      label: "alarm.actionTaken",
      placeholder: "alarm.actionPlaceholder",
      rows: 3,
      required: true,
      testId: "dispose-action",
    },
  ],
} as const;

/**
 * One step on an alarm, over the alarm's message: acknowledging it with an optional note (who and when are recorded
 * by the server), or recording its disposal once acknowledged (what caused it and what was done).
 */
export function AlarmStepModal({
  step,
  alarm,
  onClose,
  onDone,
}: {
  step: "acknowledge" | "dispose";
  alarm: Alarm | null;
  onClose: () => void;
  onDone: (alarm: Alarm) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<StepValues>();
  const acknowledging = step === "acknowledge";
  const subject = { device: alarm?.deviceName ?? alarm?.enterpriseName ?? "" };

  const submit = async (values: StepValues) => {
    if (!alarm) return;
    const body = acknowledging
      ? { note: values.note?.trim() || undefined }
      : { cause: values.cause?.trim(), actionTaken: values.actionTaken?.trim() };
    const updated = await api.post<Alarm>(`/alarms/${alarm.id}/${step}`, body);
    message.success(acknowledging ? t("alarm.acknowledged") : t("alarm.disposed"));
    onDone(updated);
  };

  return (
    <FormModal<StepValues>
      open={!!alarm}
      form={form}
      onSubmit={submit}
      onClose={onClose}
      title={acknowledging ? t("alarm.acknowledgeTitle", subject) : t("alarm.disposeTitle", subject)}
      okText={acknowledging ? t("alarm.acknowledge") : t("alarm.dispose")}
      okButtonProps={acknowledging ? ({ "data-testid": "acknowledge-submit" } as never) : undefined}
      destroyOnHidden
      failures="toast"
      intro={<p style={{ marginTop: 0 }}>{alarm?.message}</p>}
    >
      {STEP_FIELDS[step].map((field) => (
        <Form.Item
          key={field.name}
          name={field.name}
          label={t(field.label)}
          rules={
            field.required ? [{ required: true, min: 2, whitespace: true, message: t("alarm.fieldRequired") }] : []
          }
        >
          <Input.TextArea
            data-testid={field.testId}
            rows={field.rows}
            maxLength={1000}
            placeholder={t(field.placeholder)}
          />
        </Form.Item>
      ))}
    </FormModal>
  );
}
