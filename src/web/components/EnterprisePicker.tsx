import { Select, type SelectProps, Spin } from "antd";
import { useEffect, useRef, useState } from "react";
import { api } from "../api/client";
import type { ItemOf } from "../api/contract";
import { useT } from "../i18n";
import { loadEnterpriseNames } from "./shared-data";

type Option = { value: string; label: string };
type EnterpriseSummary = ItemOf<"/api/v1/enterprises">;

type Shared = Omit<SelectProps, "mode" | "value" | "onChange" | "options" | "showSearch"> & { "data-testid"?: string };
type Props = Shared &
  (
    | { multiple: true; value?: string[]; onChange?: (value: string[]) => void }
    | { multiple?: false; value?: string | null; onChange?: (value: string | undefined) => void }
  );

/**
 * Chooses one enterprise (or several, `multiple`) of the caller's scope by name or credit code, searched on the server
 * (never the whole list); ids chosen earlier are shown by name.
 */
export function EnterprisePicker({ multiple, value, onChange, ...selectProps }: Props) {
  const t = useT();
  const [options, setOptions] = useState<Option[]>([]);
  const [known, setKnown] = useState<Record<string, string>>({});
  const [searching, setSearching] = useState(false);
  const ticket = useRef(0);
  const chosen = (Array.isArray(value) ? value : value ? [value] : []) as string[];
  // Several at once show their credit codes, to tell namesakes apart.
  const labelOf = (e: EnterpriseSummary) => (multiple ? `${e.name} (${e.uscc})` : e.name);

  // Names for ids that came with the record being edited or the address.
  const chosenKey = chosen.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: the chosen ids matter by value, not by array identity.
  useEffect(() => {
    const missing = chosen.filter((id) => !(id in known)).slice(0, 20);
    if (missing.length === 0) return;
    loadEnterpriseNames(missing).then((names) => setKnown((current) => ({ ...current, ...Object.fromEntries(names) })));
  }, [chosenKey, known]);

  const search = (text: string) => {
    const mine = ++ticket.current;
    setSearching(true);
    api
      .get<{ items: EnterpriseSummary[] }>("/enterprises", { q: text.trim(), pageSize: 20 })
      .then((page) => {
        if (mine !== ticket.current) return;
        setOptions(page.items.map((e) => ({ value: e.id, label: labelOf(e) })));
        setKnown((current) => ({ ...current, ...Object.fromEntries(page.items.map((e) => [e.id, e.name])) }));
      })
      .catch(() => undefined)
      .finally(() => mine === ticket.current && setSearching(false));
  };

  const selected = chosen.map((id) => ({ value: id, label: known[id] ?? id }));
  const merged = [...selected.filter((s) => !options.some((o) => o.value === s.value)), ...options];

  return (
    <Select
      {...(multiple ? {} : { allowClear: true, popupMatchSelectWidth: false })}
      {...selectProps}
      mode={multiple ? "multiple" : undefined}
      value={value}
      onChange={(next: string | string[] | undefined) =>
        (onChange as ((value: string | string[] | undefined) => void) | undefined)?.(next ?? undefined)
      }
      options={merged}
      showSearch={{ filterOption: false, onSearch: search }}
      onOpenChange={(open) => open && options.length === 0 && search("")}
      notFoundContent={searching ? <Spin size="small" /> : t("common.noMatch")}
      placeholder={selectProps.placeholder ?? (multiple ? t("user.enterprisesPlaceholder") : undefined)}
    />
  );
}
