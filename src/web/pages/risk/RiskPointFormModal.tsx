import { App, Col, Divider, Form, Input, InputNumber, Row, Select, Typography } from "antd";
import type { ControlLevel } from "../../../domain/reference/risk-levels";
import {
  PUBLIC_CATEGORIES,
  type PublicCategory,
  RISK_POINT_KINDS,
  type RiskPointKind,
} from "../../../domain/risk/vocabulary";
import { api } from "../../api/client";
import type { RiskOwnerKind, RiskPoint, RiskPointInput } from "../../api/types";
import { FormModal } from "../../components/FormModal";
import { publicCategoryLabel, riskPointKindLabel } from "../../components/labels";
import { controlLevelName } from "../../components/RiskLevel";
import { useLocale, useT } from "../../i18n";
import { PhotoUpload } from "./PhotoUpload";
import { defaultControlLevelFor, useControlLevelMapping } from "./risk-data";

/** The select's value for "follow the level → control level mapping" (sent as null). */
const DEFAULT_CONTROL = "default";

type FormValues = {
  kind: RiskPointKind;
  name: string;
  unit?: string;
  publicCategory?: PublicCategory;
  lng?: number | null;
  lat?: number | null;
  photoIds?: string[];
  controlLevel: ControlLevel | typeof DEFAULT_CONTROL;
  controllingUnit?: string;
  responsiblePerson?: string;
  responsiblePhone?: string;
  emergencyPhone?: string;
};

/**
 * The form's values for a point being edited; "follow the mapping" unless a level was set by hand. The answer declares
 * the kind, category and control level as text; they are the codes the form offers.
 */
function valuesOf(riskPoint: RiskPoint): FormValues {
  return {
    kind: riskPoint.kind as RiskPointKind,
    name: riskPoint.name,
    unit: riskPoint.unit,
    publicCategory: (riskPoint.publicCategory ?? undefined) as PublicCategory | undefined,
    lng: riskPoint.lng,
    lat: riskPoint.lat,
    photoIds: riskPoint.photoIds,
    controlLevel:
      riskPoint.controlLevelSetByUser && riskPoint.controlLevel
        ? (riskPoint.controlLevel as ControlLevel)
        : DEFAULT_CONTROL,
    controllingUnit: riskPoint.controllingUnit,
    responsiblePerson: riskPoint.responsiblePerson,
    responsiblePhone: riskPoint.responsiblePhone,
    emergencyPhone: riskPoint.emergencyPhone,
  };
}

type Props = {
  open: boolean;
  ownerId: string;
  ownerKind: RiskOwnerKind | string;
  /** The point to edit; absent when adding one. */
  riskPoint?: RiskPoint;
  onClose: () => void;
  onSaved: (riskPoint: RiskPoint) => void;
};

/** Adds or edits a risk point: what and where it is, its photos, who controls it and whom to call. */
export function RiskPointFormModal({ open, ownerId, ownerKind, riskPoint, onClose, onSaved }: Props) {
  const t = useT();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const mapping = useControlLevelMapping();

  const fromMapping = defaultControlLevelFor(mapping.data, riskPoint?.level ?? null);
  const defaultLabel = fromMapping
    ? t("risk.controlDefaultIs", { level: controlLevelName(locale, fromMapping) })
    : t("risk.controlDefaultLater");

  const save = async (values: FormValues) => {
    if ((values.lng == null) !== (values.lat == null)) {
      form.setFields([{ name: values.lng == null ? "lng" : "lat", errors: [t("enterprise.coordinatesBoth")] }]);
      return;
    }
    const body: RiskPointInput = {
      kind: values.kind,
      name: values.name.trim(),
      unit: values.unit?.trim() ?? "",
      photoIds: values.photoIds ?? [],
      controllingUnit: values.controllingUnit?.trim() ?? "",
      responsiblePerson: values.responsiblePerson?.trim() ?? "",
      responsiblePhone: values.responsiblePhone?.trim() ?? "",
      emergencyPhone: values.emergencyPhone?.trim() ?? "",
      lng: values.lng ?? null,
      lat: values.lat ?? null,
    };
    if (ownerKind === "territory") body.publicCategory = values.publicCategory ?? null;
    const control = values.controlLevel === DEFAULT_CONTROL ? null : values.controlLevel;
    // A new point without a chosen level leaves it out; an edited one sends null to return to the mapping's default.
    if (riskPoint || control) body.controlLevel = control;
    const saved = riskPoint
      ? await api.patch<RiskPoint>(`/risk-points/${riskPoint.id}`, body)
      : await api.post<RiskPoint>("/risk-points", { ...body, ownerId });
    message.success(riskPoint ? t("risk.saved") : t("risk.created", { name: saved.name }));
    onSaved(saved);
  };

  return (
    <FormModal<FormValues>
      open={open}
      form={form}
      record={riskPoint}
      initialValues={
        riskPoint
          ? valuesOf(riskPoint)
          : { kind: ownerKind === "territory" ? "place" : "facility", controlLevel: DEFAULT_CONTROL }
      }
      onSubmit={save}
      onClose={onClose}
      title={riskPoint ? t("risk.editTitle", { name: riskPoint.name }) : t("risk.createTitle")}
      width={860}
      okButtonProps={{ id: "risk-point-form-save" }}
      forceRender
      formProps={{ "data-testid": "risk-point-form" }}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="name"
            label={t("risk.name")}
            tooltip={t("risk.nameHelp")}
            rules={[{ required: true, whitespace: true, message: t("risk.nameRequired") }]}
          >
            <Input maxLength={200} data-testid="risk-form-name" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="kind" label={t("risk.kind")} rules={[{ required: true }]}>
            <Select
              data-testid="risk-form-kind"
              options={RISK_POINT_KINDS.map((kind) => ({ value: kind, label: riskPointKindLabel(t, kind) }))}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="unit" label={t("risk.unit")} tooltip={t("risk.unitHelp")}>
            <Input maxLength={100} data-testid="risk-form-unit" />
          </Form.Item>
        </Col>
        {ownerKind === "territory" && (
          <Col span={12}>
            <Form.Item
              name="publicCategory"
              label={t("risk.publicCategory")}
              rules={[{ required: true, message: t("risk.publicCategoryRequired") }]}
            >
              <Select
                data-testid="risk-form-public-category"
                options={PUBLIC_CATEGORIES.map((c) => ({ value: c, label: publicCategoryLabel(t, c) }))}
              />
            </Form.Item>
          </Col>
        )}
        <Col span={6}>
          <Form.Item name="lng" label={t("enterprise.lng")}>
            <InputNumber
              min={-180}
              max={180}
              precision={6}
              step={0.0001}
              style={{ width: "100%" }}
              data-testid="risk-form-lng"
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="lat" label={t("enterprise.lat")}>
            <InputNumber
              min={-90}
              max={90}
              precision={6}
              step={0.0001}
              style={{ width: "100%" }}
              data-testid="risk-form-lat"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="photoIds" label={t("risk.photos")} extra={t("risk.photosHelp")}>
        <PhotoUpload ownerId={ownerId} />
      </Form.Item>
      <Divider titlePlacement="start">{t("risk.control")}</Divider>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="controlLevel" label={t("risk.controlLevel")} tooltip={t("risk.controlLevelHelp")}>
            <Select
              data-testid="risk-form-control-level"
              options={[
                { value: DEFAULT_CONTROL, label: defaultLabel },
                ...(mapping.data?.controlLevels ?? []).map((c) => ({
                  value: c.code,
                  label: controlLevelName(locale, c.code),
                })),
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="controllingUnit" label={t("risk.controllingUnit")} tooltip={t("risk.controllingUnitHelp")}>
            <Input maxLength={100} data-testid="risk-form-controlling-unit" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="responsiblePerson" label={t("risk.responsiblePerson")}>
            <Input maxLength={50} data-testid="risk-form-responsible" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="responsiblePhone" label={t("risk.responsiblePhone")}>
            <Input maxLength={30} data-testid="risk-form-responsible-phone" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="emergencyPhone" label={t("risk.emergencyPhone")} tooltip={t("risk.emergencyPhoneHelp")}>
            <Input maxLength={30} data-testid="risk-form-emergency-phone" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text type="secondary">{t("risk.formNextSteps")}</Typography.Text>
    </FormModal>
  );
}
