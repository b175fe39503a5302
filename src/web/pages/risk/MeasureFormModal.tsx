import { App, Col, Form, Input, Row, Select } from "antd";
import {
  CHECK_FREQUENCIES,
  type CheckFrequency,
  MEASURE_KINDS,
  type MeasureKind,
} from "../../../domain/risk/vocabulary";
import { api } from "../../api/client";
import type { ControlMeasure, Hazard, MeasureInput } from "../../api/types";
import { FormModal } from "../../components/FormModal";
import { checkFrequencyLabel, measureKindLabel } from "../../components/labels";
import { useT } from "../../i18n";

type FormValues = {
  kind: MeasureKind;
  hazardId?: string;
  content: string;
  checkContent?: string;
  checkFrequency: CheckFrequency;
  responsiblePerson?: string;
};

/** Adds a control measure of one of the five kinds, with what an inspection checks and how often. */
export function MeasureFormModal({
  open,
  riskPointId,
  hazards,
  kind,
  onClose,
  onSaved,
}: {
  open: boolean;
  riskPointId: string;
  hazards: Hazard[];
  /** The kind to start with (the group the user clicked in). */
  kind?: MeasureKind;
  onClose: () => void;
  onSaved: (measure: ControlMeasure) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();

  const save = async (values: FormValues) => {
    const body: MeasureInput = {
      kind: values.kind,
      content: values.content.trim(),
      checkContent: values.checkContent?.trim() ?? "",
      checkFrequency: values.checkFrequency,
      responsiblePerson: values.responsiblePerson?.trim() ?? "",
      hazardId: values.hazardId ?? null,
    };
    const saved = await api.post<ControlMeasure>(`/risk-points/${riskPointId}/measures`, body);
    message.success(t("measure.created"));
    onSaved(saved);
  };

  return (
    <FormModal<FormValues>
      open={open}
      form={form}
      record={kind}
      initialValues={{ kind: kind ?? "engineering", checkFrequency: "daily" }}
      onSubmit={save}
      onClose={onClose}
      title={t("measure.createTitle")}
      width={720}
      okButtonProps={{ id: "measure-form-save" }}
      forceRender
      formProps={{ "data-testid": "measure-form" }}
    >
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="kind" label={t("measure.kind")} rules={[{ required: true }]}>
            <Select
              data-testid="measure-form-kind"
              options={MEASURE_KINDS.map((k) => ({ value: k, label: measureKindLabel(t, k) }))}
            />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="hazardId" label={t("measure.hazard")} tooltip={t("measure.hazardHelp")}>
            <Select
              allowClear
              placeholder={t("measure.wholePoint")}
              options={hazards.map((h) => ({ value: h.id, label: h.description }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="content"
        label={t("measure.content")}
        rules={[{ required: true, min: 2, whitespace: true, message: t("measure.contentRequired") }]}
      >
        <Input.TextArea
          rows={3}
          maxLength={1000}
          showCount
          data-testid="measure-form-content"
          placeholder={t("measure.contentPlaceholder")}
        />
      </Form.Item>
      <Form.Item name="checkContent" label={t("measure.checkContent")} tooltip={t("measure.checkContentHelp")}>
        <Input.TextArea rows={2} maxLength={500} data-testid="measure-form-check" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="checkFrequency" label={t("measure.checkFrequency")} rules={[{ required: true }]}>
            <Select
              data-testid="measure-form-frequency"
              options={CHECK_FREQUENCIES.map((f) => ({ value: f, label: checkFrequencyLabel(t, f) }))}
            />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="responsiblePerson" label={t("measure.responsiblePerson")}>
            <Input maxLength={50} data-testid="measure-form-responsible" />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
