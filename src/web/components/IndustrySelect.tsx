import { Select } from "antd";
import { useMemo } from "react";
import { localName, useLocale, useT } from "../i18n";
import { useIndustries } from "./shared-data";

type Props = {
  value?: string | string[] | null;
  onChange?: (value: string | string[] | undefined) => void;
  /** `filter`: a section (letter) or a division may be chosen; `division`: only a two-digit division, as an enterprise has. */
  choose?: "filter" | "division";
  multiple?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  "data-testid"?: string;
};

/** GB/T 4754-2017 industries, grouped by section, searchable by code or name. */
export function IndustrySelect({ value, onChange, choose = "division", multiple, placeholder, style, ...rest }: Props) {
  const t = useT();
  const [locale] = useLocale();
  const { sections, loading } = useIndustries();
  const options = useMemo(
    () =>
      sections.map((section) => {
        const sectionName = localName(locale, section.nameZh, section.nameEn);
        const divisions = section.divisions.map((d) => ({
          value: d.code,
          label: `${d.code} ${localName(locale, d.nameZh, d.nameEn)}`,
        }));
        return {
          label: `${section.code} ${sectionName}`,
          title: sectionName,
          options:
            choose === "filter"
              ? [
                  { value: section.code, label: t("industry.wholeSection", { code: section.code, name: sectionName }) },
                  ...divisions,
                ]
              : divisions,
        };
      }),
    [sections, locale, choose, t],
  );
  return (
    <Select
      data-testid={rest["data-testid"]}
      mode={multiple ? "multiple" : undefined}
      value={value ?? undefined}
      onChange={(next: string | string[] | undefined) => onChange?.(next ?? undefined)}
      options={options}
      loading={loading}
      allowClear
      showSearch={{ optionFilterProp: "label" }}
      placeholder={placeholder ?? t("industry.pick")}
      style={style}
      popupMatchSelectWidth={false}
      maxTagCount="responsive"
    />
  );
}
