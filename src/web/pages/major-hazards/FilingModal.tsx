import { App, Form, Input, Typography } from "antd";
import { api } from "../../api/client";
import type { MajorHazardFiling, MajorHazardUnit } from "../../api/types";
import { FormModal } from "../../components/FormModal";
import { useT } from "../../i18n";
import { MajorHazardLevelTag } from "./UnitResult";

type FormValues = { safetyMeasures: string; emergencyMeasures: string };

/** What a filing states: the safety measures in place and the emergency measures prepared. */
const MEASURE_FIELDS = [
  {
    name: "safetyMeasures",
    label: "filing.safetyMeasures",
    placeholder: "filing.safetyPlaceholder",
    testId: "filing-safety",
  },
  {
    name: "emergencyMeasures",
    label: "filing.emergencyMeasures",
    placeholder: "filing.emergencyPlaceholder",
    testId: "filing-emergency",
  },
] as const;

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
  // A new filing after a returned one starts from what was filed last.
  const last = unit?.filings[0];

  const save = async (values: FormValues) => {
    if (!unit) return;
    const filing = await api.post<MajorHazardFiling>(`/major-hazard-units/${unit.id}/filings`, {
      safetyMeasures: values.safetyMeasures.trim(),
      emergencyMeasures: values.emergencyMeasures.trim(),
    });
    message.success(t("filing.submitted"));
    onFiled(filing);
  };

  const atLeastTen = { required: true, min: 10, whitespace: true, message: t("filing.measuresRule") };

  return (
    <FormModal<FormValues>
      open={unit !== null}
      form={form}
      record={unit}
      initialValues={last && { safetyMeasures: last.safetyMeasures, emergencyMeasures: last.emergencyMeasures }}
      onSubmit={save}
      onClose={onClose}
      title={unit ? t("filing.title", { name: unit.name }) : ""}
      width={720}
      okText={t("filing.submit")}
      okButtonProps={{ id: "filing-form-save" }}
      forceRender
      formProps={{ "data-testid": "filing-form" }}
    >
      <Typography.Paragraph>
        {t("filing.explain")} <MajorHazardLevelTag result={unit?.result} />
      </Typography.Paragraph>
      {MEASURE_FIELDS.map((field) => (
        <Form.Item key={field.name} name={field.name} label={t(field.label)} rules={[atLeastTen]}>
          <Input.TextArea
            rows={4}
            maxLength={5000}
            showCount
            placeholder={t(field.placeholder)}
            data-testid={field.testId}
          />
        </Form.Item>
      ))}
    </FormModal>
  );
}
