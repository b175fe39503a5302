import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Divider,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { api, errorMessage } from "../../api/client";
import type {
  Gb18218Table,
  MajorHazardResult,
  MajorHazardUnit,
  MajorHazardUnitInput,
  MajorHazardUnitKind,
} from "../../api/types";
import { useRequest } from "../../api/use-request";
import { FormModal } from "../../components/FormModal";
import { unitKindLabel } from "../../components/labels";
import { localName, useLocale, useT } from "../../i18n";
import { rowsFromUnit, type SubstanceRow, substanceKey, substancesForApi, withFormFieldNames } from "./substance-rows";
import { MajorHazardLevelTag } from "./UnitResult";

type FormValues = {
  name: string;
  unitKind: MajorHazardUnitKind;
  exposedPopulation: number;
  lng?: number | null;
  lat?: number | null;
  substances: SubstanceRow[];
};
const FIELDS = ["name", "unitKind", "exposedPopulation", "lng", "lat", "substances"];

let tablePromise: Promise<Gb18218Table> | null = null;
function loadTable(): Promise<Gb18218Table> {
  if (!tablePromise) {
    tablePromise = api.get<Gb18218Table>("/reference/gb18218");
    tablePromise.catch(() => {
      tablePromise = null;
    });
  }
  return tablePromise;
}

export function useGb18218() {
  return useRequest(loadTable, []);
}

/** S, R and level as the user types, from the server's calculator (nothing is saved). */
function LivePreview({ values }: { values: FormValues | null }) {
  const t = useT();
  const [result, setResult] = useState<MajorHazardResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    clearTimeout(timer.current);
    const rows = values?.substances ?? [];
    const ready =
      rows.length > 0 &&
      rows.every((r) => r && r.quantityTonnes != null && (r.mode === "class" ? r.hazardClass : r.pick)) &&
      values?.exposedPopulation != null;
    if (!values || !ready) {
      setResult(null);
      setProblem(null);
      return;
    }
    let stale = false;
    timer.current = setTimeout(() => {
      api
        .post<MajorHazardResult>("/calculators/major-hazard", {
          substances: substancesForApi(rows),
          exposedPopulation: values.exposedPopulation,
        })
        .then((answer) => {
          if (stale) return;
          setResult(answer);
          setProblem(null);
        })
        .catch((error: unknown) => {
          if (stale) return;
          setResult(null);
          setProblem(errorMessage(error));
        });
    }, 350);
    return () => {
      stale = true;
      clearTimeout(timer.current);
    };
  }, [values]);

  return (
    <Card size="small" title={t("majorHazard.preview")} data-testid="unit-preview" style={{ marginTop: 8 }}>
      {result ? (
        <Space size="large" wrap>
          <span>
            S = <strong>{result.s}</strong>
          </span>
          <span>
            α = <strong>{result.alpha}</strong>
          </span>
          <span>
            R = <strong>{Number(result.r.toFixed(2))}</strong>
          </span>
          <MajorHazardLevelTag result={result} />
        </Space>
      ) : (
        <Typography.Text type="secondary">{problem ?? t("majorHazard.previewPending")}</Typography.Text>
      )}
    </Card>
  );
}

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
  const [locale] = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  // What the form holds as the user types, for the live preview.
  const values = Form.useWatch((all: FormValues) => all, form);
  const table = useGb18218();

  const substanceOptions = useMemo(
    () =>
      (table.data?.substances ?? []).map((s) => ({
        value: substanceKey(s),
        label: `${localName(locale, s.nameZh, s.nameEn)}${s.cas ? ` · CAS ${s.cas}` : ""} · Q ${s.thresholdTonnes} t`,
        search: [s.nameZh, s.nameEn, s.cas ?? "", ...s.aliases].join(" ").toLowerCase(),
      })),
    [table.data, locale],
  );
  const classOptions = useMemo(
    () =>
      (table.data?.classes ?? []).map((c) => ({
        value: c.code,
        label: `${c.code} ${localName(locale, c.nameZh, c.nameEn)} · Q ${c.thresholdTonnes} t · β ${c.beta}`,
      })),
    [table.data, locale],
  );

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
              unitKind: unit.unitKind,
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
      <Form.List name="substances">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space
                key={field.key}
                align="start"
                style={{ display: "flex", marginBottom: 4 }}
                data-testid="unit-substance-row"
              >
                <Form.Item name={[field.name, "mode"]} style={{ marginBottom: 8 }}>
                  <Radio.Group
                    optionType="button"
                    size="small"
                    options={[
                      { value: "named", label: t("majorHazard.modeNamed") },
                      { value: "class", label: t("majorHazard.modeClass") },
                    ]}
                  />
                </Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {() =>
                    form.getFieldValue(["substances", field.name, "mode"]) === "class" ? (
                      <Space align="start">
                        <Form.Item
                          name={[field.name, "hazardClass"]}
                          rules={[{ required: true, message: t("majorHazard.classRequired") }]}
                          style={{ marginBottom: 8 }}
                        >
                          <Select
                            showSearch={{ optionFilterProp: "label" }}
                            placeholder={t("majorHazard.classPlaceholder")}
                            options={classOptions}
                            style={{ width: 300 }}
                            popupMatchSelectWidth={false}
                          />
                        </Form.Item>
                        <Form.Item name={[field.name, "name"]} style={{ marginBottom: 8 }}>
                          <Input placeholder={t("majorHazard.unnamedName")} style={{ width: 130 }} maxLength={100} />
                        </Form.Item>
                      </Space>
                    ) : (
                      <Form.Item
                        name={[field.name, "pick"]}
                        rules={[{ required: true, message: t("majorHazard.substanceRequired") }]}
                        style={{ marginBottom: 8 }}
                      >
                        <Select
                          data-testid="unit-substance-pick"
                          showSearch={{
                            filterOption: (input, option) =>
                              !!option && (option as { search: string }).search.includes(input.trim().toLowerCase()),
                          }}
                          placeholder={t("majorHazard.substancePlaceholder")}
                          options={substanceOptions}
                          style={{ width: 438 }}
                          popupMatchSelectWidth={false}
                        />
                      </Form.Item>
                    )
                  }
                </Form.Item>
                <Form.Item
                  name={[field.name, "quantityTonnes"]}
                  rules={[{ required: true, message: t("majorHazard.quantityRequired") }]}
                  style={{ marginBottom: 8 }}
                >
                  <InputNumber
                    min={0}
                    placeholder={t("majorHazard.quantity")}
                    suffix="t"
                    style={{ width: 130 }}
                    data-testid="unit-substance-quantity"
                  />
                </Form.Item>
                <MinusCircleOutlined
                  style={{ marginTop: 8 }}
                  onClick={() => remove(field.name)}
                  aria-label={t("common.remove")}
                />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ mode: "named" })}>
              {t("majorHazard.addSubstance")}
            </Button>
          </>
        )}
      </Form.List>
      <LivePreview values={open ? values : null} />
    </FormModal>
  );
}
