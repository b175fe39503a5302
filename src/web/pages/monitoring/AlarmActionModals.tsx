import { App, Form, Input } from "antd";
import { api } from "../../api/client";
import { FormModal } from "../../components/FormModal";
import { useT } from "../../i18n";
import type { Alarm } from "./monitoring-data";

type StepValues = { note?: string; cause?: string; actionTaken?: string };

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
  const rule = { required: true, min: 2, whitespace: true, message: t("alarm.fieldRequired") };

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
      {acknowledging ? (
        <Form.Item name="note" label={t("alarm.note")}>
          <Input.TextArea
            data-testid="acknowledge-note"
            rows={3}
            maxLength={1000}
            placeholder={t("alarm.notePlaceholder")}
          />
        </Form.Item>
      ) : (
        <>
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
        </>
      )}
    </FormModal>
  );
}
