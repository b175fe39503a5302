import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Form, type FormInstance, Input, InputNumber, Radio, Select, Space } from "antd";
import { useMemo } from "react";
import type { Gb18218Table } from "../../api/types";
import { localName, useLocale, useT } from "../../i18n";
import { substanceKey } from "./substance-rows";

/**
 * The unit's hazardous chemicals, one row each: a substance named in GB 18218-2018 table 1, or one only known by its
 * hazard class (table 2), with the quantity on site.
 */
export function SubstanceFields({ form, table }: { form: FormInstance; table: Gb18218Table | undefined }) {
  const t = useT();
  const [locale] = useLocale();
  const substanceOptions = useMemo(
    () =>
      (table?.substances ?? []).map((s) => ({
        value: substanceKey(s),
        label: `${localName(locale, s.nameZh, s.nameEn)}${s.cas ? ` · CAS ${s.cas}` : ""} · Q ${s.thresholdTonnes} t`,
        search: [s.nameZh, s.nameEn, s.cas ?? "", ...s.aliases].join(" ").toLowerCase(),
      })),
    [table, locale],
  );
  const classOptions = useMemo(
    () =>
      (table?.classes ?? []).map((c) => ({
        value: c.code,
        label: `${c.code} ${localName(locale, c.nameZh, c.nameEn)} · Q ${c.thresholdTonnes} t · β ${c.beta}`,
      })),
    [table, locale],
  );

  return (
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
  );
}
