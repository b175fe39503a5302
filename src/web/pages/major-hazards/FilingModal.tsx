import { Alert, App, Form, Input, Modal, Typography } from "antd";
import { useEffect, useState } from "react";
import { api } from "../../api/client";
import type { MajorHazardFiling, MajorHazardUnit } from "../../api/types";
import { showFieldProblems } from "../../components/form-errors";
import { useT } from "../../i18n";
import { MajorHazardLevelTag } from "./UnitResult";

type FormValues = { safetyMeasures: string; emergencyMeasures: string };

/** Files a major hazard source with the emergency management department (Work Safety Law art. 40). */
export function FilingModal({
  unit,
  onClose,
  onFiled,
}: {
  unit: MajorHazardUnit | null;
  onClose: () => void;
  onFiled: (filing: MajorHazardFiling) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!unit) return;
    setProblem(null);
    form.resetFields();
    // A new filing after a returned one starts from what was filed last.
    const last = unit.filings[0];
    if (last) form.setFieldsValue({ safetyMeasures: last.safetyMeasures, emergencyMeasures: last.emergencyMeasures });
  }, [unit, form]);

  const save = async (values: FormValues) => {
    if (!unit) return;
    setSaving(true);
    setProblem(null);
    try {
      const filing = await api.post<MajorHazardFiling>(`/major-hazard-units/${unit.id}/filings`, {
        safetyMeasures: values.safetyMeasures.trim(),
        emergencyMeasures: values.emergencyMeasures.trim(),
      });
      message.success(t("filing.submitted"));
      onFiled(filing);
    } catch (error) {
      setProblem(showFieldProblems(form, error, ["safetyMeasures", "emergencyMeasures"]));
    } finally {
      setSaving(false);
    }
  };

  const atLeastTen = { required: true, min: 10, whitespace: true, message: t("filing.measuresRule") };

  return (
    <Modal
      open={unit !== null}
      title={unit ? t("filing.title", { name: unit.name }) : ""}
      width={720}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("filing.submit")}
      okButtonProps={{ id: "filing-form-save" }}
      confirmLoading={saving}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={save} data-testid="filing-form">
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
        <Typography.Paragraph>
          {t("filing.explain")} <MajorHazardLevelTag result={unit?.result} />
        </Typography.Paragraph>
        <Form.Item name="safetyMeasures" label={t("filing.safetyMeasures")} rules={[atLeastTen]}>
          <Input.TextArea
            rows={4}
            maxLength={5000}
            showCount
            placeholder={t("filing.safetyPlaceholder")}
            data-testid="filing-safety"
          />
        </Form.Item>
        <Form.Item name="emergencyMeasures" label={t("filing.emergencyMeasures")} rules={[atLeastTen]}>
          <Input.TextArea
            rows={4}
            maxLength={5000}
            showCount
            placeholder={t("filing.emergencyPlaceholder")}
            data-testid="filing-emergency"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
