import { Alert, App, Col, Divider, Form, Input, InputNumber, Row, Select, Typography } from "antd";
import type { MajorHazardUnitKind } from "../../../domain/major-hazard/vocabulary";
import { api } from "../../api/client";
import type { MajorHazardUnit, MajorHazardUnitInput } from "../../api/types";
import { FormModal } from "../../components/FormModal";
import { unitKindLabel } from "../../components/labels";
import { useT } from "../../i18n";
import { useGb18218 } from "./gb18218";
import { SubstanceFields } from "./SubstanceFields";
import { rowsFromUnit, type SubstanceRow, substancesForApi, withFormFieldNames } from "./substance-rows";
import { UnitPreview } from "./UnitPreview";

type FormValues = {
  name: string;
  unitKind: MajorHazardUnitKind;
  exposedPopulation: number;
  lng?: number | null;
  lat?: number | null;
  substances: SubstanceRow[];
};
const FIELDS = ["name", "unitKind", "exposedPopulation", "lng", "lat", "substances"];

/** Declares or changes a unit (plant or storage area) with its hazardous chemicals; it is identified on saving. */
export function UnitFormModal({
  open,
  enterpriseId,
  unit,
  onClose,
  onSaved,
}: {
  open: boolean;
  enterpriseId: string;
  unit?: MajorHazardUnit;
  onClose: () => void;
  onSaved: (unit: MajorHazardUnit) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  // What the form holds as the user types, for the live preview.
  const values = Form.useWatch((all: FormValues) => all, form);
  const table = useGb18218();

  const save = async (formValues: FormValues) => {
    const body: MajorHazardUnitInput = {
      name: formValues.name.trim(),
      unitKind: formValues.unitKind,
      exposedPopulation: formValues.exposedPopulation,
      lng: formValues.lng ?? null,
      lat: formValues.lat ?? null,
      substances: substancesForApi(formValues.substances ?? []),
    };
    try {
      const saved = unit
        ? await api.put<MajorHazardUnit>(`/major-hazard-units/${unit.id}`, body)
        : await api.post<MajorHazardUnit>("/major-hazard-units", { ...body, enterpriseId });
      message.success(t("majorHazard.saved", { name: saved.name }));
      onSaved(saved);
    } catch (error) {
      // The server names a substance by its place in what was sent; the form by its row.
      throw withFormFieldNames(error, formValues.substances ?? []);
    }
  };

  return (
    <FormModal<FormValues>
      open={open}
      form={form}
      ready={table.data !== undefined}
      record={unit}
      initialValues={
        table.data &&
        (unit
          ? {
              name: unit.name,
              unitKind: unit.unitKind as MajorHazardUnitKind,
              exposedPopulation: unit.exposedPopulation,
              lng: unit.lng,
              lat: unit.lat,
              substances: rowsFromUnit(unit.substances, table.data.substances),
            }
          : { name: "", unitKind: "storage", exposedPopulation: 0, substances: [{ mode: "named" }] })
      }
      fields={FIELDS}
      onSubmit={save}
      onClose={onClose}
      title={unit ? t("majorHazard.editTitle", { name: unit.name }) : t("majorHazard.createTitle")}
      width={900}
      okText={t("majorHazard.saveAndIdentify")}
      okButtonProps={{ id: "unit-form-save" }}
      forceRender
      formProps={{ "data-testid": "unit-form" }}
    >
      {table.error && <Alert type="error" showIcon title={table.error.message} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item
            name="name"
            label={t("majorHazard.unitName")}
            rules={[{ required: true, whitespace: true, message: t("majorHazard.unitNameRequired") }]}
          >
            <Input maxLength={100} data-testid="unit-form-name" placeholder={t("majorHazard.unitNamePlaceholder")} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="unitKind" label={t("majorHazard.unitKind")} rules={[{ required: true }]}>
            <Select options={(["plant", "storage"] as const).map((k) => ({ value: k, label: unitKindLabel(t, k) }))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="exposedPopulation"
            label={t("majorHazard.exposedPopulation")}
            tooltip={t("majorHazard.alphaHelp")}
            rules={[{ required: true, message: t("majorHazard.exposedPopulationRequired") }]}
          >
            <InputNumber min={0} precision={0} style={{ width: "100%" }} data-testid="unit-form-population" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="lng" label={t("enterprise.lng")}>
            <InputNumber min={-180} max={180} precision={6} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="lat" label={t("enterprise.lat")}>
            <InputNumber min={-90} max={90} precision={6} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start">{t("majorHazard.substances")}</Divider>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t("majorHazard.substancesHelp")}
      </Typography.Paragraph>
      <SubstanceFields form={form} table={table.data} />
      <UnitPreview values={open ? values : null} />
    </FormModal>
  );
}
