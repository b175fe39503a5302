import { Select, Spin } from "antd";
import { type CSSProperties, useRef, useState } from "react";
import { api } from "../../api/client";
import type { EnterpriseSummary, Page } from "../../api/types";
import { useT } from "../../i18n";

/** One enterprise of the caller's scope, searched by name on the server. */
export function EnterpriseChoice({
  value,
  onChange,
  placeholder,
  style,
  testId = "hd-enterprise",
  allowClear = true,
}: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
  testId?: string;
  allowClear?: boolean;
}) {
  const t = useT();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [searching, setSearching] = useState(false);
  const ticket = useRef(0);
  const search = (text: string) => {
    const mine = ++ticket.current;
    setSearching(true);
    api
      .get<Page<EnterpriseSummary>>("/enterprises", { q: text.trim(), pageSize: 20 })
      .then((page) => mine === ticket.current && setOptions(page.items.map((e) => ({ value: e.id, label: e.name }))))
      .catch(() => undefined)
      .finally(() => mine === ticket.current && setSearching(false));
  };
  return (
    <Select
      data-testid={testId}
      allowClear={allowClear}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      options={options}
      showSearch={{ filterOption: false, onSearch: search }}
      onOpenChange={(open) => open && options.length === 0 && search("")}
      notFoundContent={searching ? <Spin size="small" /> : t("common.noMatch")}
      placeholder={placeholder}
      style={style}
      popupMatchSelectWidth={false}
    />
  );
}
