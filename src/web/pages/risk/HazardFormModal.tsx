import { App, Form, Input, Select, TreeSelect } from "antd";
import { useMemo } from "react";
import { api } from "../../api/client";
import type { Hazard, HazardInput, ReferenceItem, RiskPoint } from "../../api/types";
import { FormModal } from "../../components/FormModal";
import { referenceTree } from "../../components/reference-tree";
import { localName, useLocale, useT } from "../../i18n";
import { useAccidentTypes, useHazardFactors } from "./risk-data";

type FormValues = { description: string; factorCode: string; accidentTypes: string[]; consequences?: string };

type TreeOption = { value: string; title: string; children?: TreeOption[] };

function factorOptions(items: readonly ReferenceItem[], locale: "zh-CN" | "en"): TreeOption[] {
  type Row = ReferenceItem & { children?: Row[] };
  const toOption = (row: Row): TreeOption => ({
    value: row.code,
    title: `${row.code} ${localName(locale, row.nameZh, row.nameEn)}`,
    children: row.children?.map(toOption),
  });
  return referenceTree(items).map(toOption);
}

/** Identifies (or corrects) a hazard at a risk point: what could go wrong, its GB/T 13861 factor and GB 6441 types. */
export function HazardFormModal({
  open,
  riskPointId,
  hazard,
  onClose,
  onSaved,
}: {
  open: boolean;
  riskPointId: string;
  hazard?: Hazard;
  onClose: () => void;
  onSaved: (riskPoint: RiskPoint) => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const factors = useHazardFactors();
  const accidentTypes = useAccidentTypes();
  const factorTree = useMemo(() => factorOptions(factors.items, locale), [factors.items, locale]);

  const save = async (values: FormValues) => {
    const body: HazardInput = {
      description: values.description.trim(),
      factorCode: values.factorCode,
      accidentTypes: values.accidentTypes,
      consequences: values.consequences?.trim() ?? "",
    };
    const saved = hazard
      ? await api.patch<RiskPoint>(`/hazards/${hazard.id}`, body)
      : await api.post<RiskPoint>(`/risk-points/${riskPointId}/hazards`, body);
    message.success(hazard ? t("hazard.saved") : t("hazard.created"));
    onSaved(saved);
  };

  return (
    <FormModal<FormValues>
      open={open}
      form={form}
      record={hazard}
      initialValues={
        hazard && {
          description: hazard.description,
          factorCode: hazard.factorCode,
          accidentTypes: hazard.accidentTypes,
          consequences: hazard.consequences,
        }
      }
      onSubmit={save}
      onClose={onClose}
      title={hazard ? t("hazard.editTitle") : t("hazard.createTitle")}
      width={720}
      okButtonProps={{ id: "hazard-form-save" }}
      forceRender
      formProps={{ "data-testid": "hazard-form" }}
    >
      <Form.Item
        name="description"
        label={t("hazard.description")}
        tooltip={t("hazard.descriptionHelp")}
        rules={[{ required: true, min: 2, whitespace: true, message: t("hazard.descriptionRequired") }]}
      >
        <Input.TextArea
          rows={2}
          maxLength={500}
          showCount
          data-testid="hazard-form-description"
          placeholder={t("hazard.descriptionPlaceholder")}
        />
      </Form.Item>
      <Form.Item
        name="factorCode"
        label={t("hazard.factor", { version: factors.version || "GB/T 13861" })}
        rules={[{ required: true, message: t("hazard.factorRequired") }]}
      >
        <TreeSelect
          data-testid="hazard-form-factor"
          treeData={factorTree}
          showSearch={{ treeNodeFilterProp: "title" }}
          treeDefaultExpandAll
          placeholder={t("hazard.factorPlaceholder")}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
      <Form.Item
        name="accidentTypes"
        label={t("hazard.accidentTypes", { version: accidentTypes.version || "GB 6441" })}
        rules={[{ required: true, type: "array", min: 1, message: t("hazard.accidentTypesRequired") }]}
      >
        <Select
          data-testid="hazard-form-accident-types"
          mode="multiple"
          showSearch={{ optionFilterProp: "label" }}
          placeholder={t("hazard.accidentTypesPlaceholder")}
          options={accidentTypes.items.map((item) => ({
            value: item.code,
            label: `${item.code} ${localName(locale, item.nameZh, item.nameEn)}`,
          }))}
        />
      </Form.Item>
      <Form.Item name="consequences" label={t("hazard.consequences")}>
        <Input.TextArea rows={2} maxLength={500} placeholder={t("hazard.consequencesPlaceholder")} />
      </Form.Item>
    </FormModal>
  );
}
