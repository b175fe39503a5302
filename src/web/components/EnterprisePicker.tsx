import { Select, Spin } from "antd";
import { useEffect, useRef, useState } from "react";
import { api } from "../api/client";
import type { Enterprise, EnterpriseSummary, Page } from "../api/types";
import { useT } from "../i18n";

type Option = { value: string; label: string };

/**
 * Chooses enterprises by name or credit code, searched on the server (never the whole list); ids chosen earlier are
 * shown by name.
 */
export function EnterprisePicker({
  value,
  onChange,
  "data-testid": testId,
}: {
  value?: string[];
  onChange?: (value: string[]) => void;
  "data-testid"?: string;
}) {
  const t = useT();
  const [options, setOptions] = useState<Option[]>([]);
  const [known, setKnown] = useState<Record<string, string>>({});
  const [searching, setSearching] = useState(false);
  const ticket = useRef(0);

  // Names for ids that came with the record being edited.
  useEffect(() => {
    const missing = (value ?? []).filter((id) => !(id in known)).slice(0, 20);
    if (missing.length === 0) return;
    Promise.all(
      missing.map((id) =>
        api
          .get<Enterprise>(`/enterprises/${id}`)
          .then((e) => [id, e.name] as const)
          .catch(() => [id, id] as const),
      ),
    ).then((pairs) => setKnown((current) => ({ ...current, ...Object.fromEntries(pairs) })));
  }, [value, known]);

  const search = (text: string) => {
    const mine = ++ticket.current;
    setSearching(true);
    api
      .get<Page<EnterpriseSummary>>("/enterprises", { q: text.trim(), pageSize: 20 })
      .then((page) => {
        if (mine !== ticket.current) return;
        setOptions(page.items.map((e) => ({ value: e.id, label: `${e.name} (${e.uscc})` })));
        setKnown((current) => ({ ...current, ...Object.fromEntries(page.items.map((e) => [e.id, e.name])) }));
      })
      .catch(() => undefined)
      .finally(() => mine === ticket.current && setSearching(false));
  };

  const selected = (value ?? []).map((id) => ({ value: id, label: known[id] ?? id }));
  const merged = [...selected.filter((s) => !options.some((o) => o.value === s.value)), ...options];

  return (
    <Select
      data-testid={testId}
      mode="multiple"
      value={value}
      onChange={onChange}
      options={merged}
      showSearch={{ filterOption: false, onSearch: search }}
      onOpenChange={(open) => open && options.length === 0 && search("")}
      notFoundContent={searching ? <Spin size="small" /> : t("common.noMatch")}
      placeholder={t("user.enterprisesPlaceholder")}
    />
  );
}
