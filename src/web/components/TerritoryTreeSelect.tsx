import { TreeSelect } from "antd";
import { useMemo } from "react";
import { localName, useLocale, useT } from "../i18n";
import { useTerritoryList } from "./shared-data";
import { buildTerritoryTree, type TerritoryTreeNode } from "./territory-tree";

type Props = {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  "data-testid"?: string;
};

type Option = { value: string; title: string; children: Option[] };

/** The user's territory subtree as a tree select's options, named in the user's language. */
export function useTerritoryOptions() {
  const [locale] = useLocale();
  const { nodes, loading } = useTerritoryList();
  const treeData = useMemo(() => {
    const toOption = (node: TerritoryTreeNode): Option => ({
      value: node.id,
      title: localName(locale, node.name, node.nameEn),
      children: node.children.map(toOption),
    });
    return buildTerritoryTree(nodes).map(toOption);
  }, [nodes, locale]);
  return { nodes, loading, treeData };
}

/** Picks one node of the user's territory subtree (city → district → town → grid). */
export function TerritoryTreeSelect({ value, onChange, placeholder, allowClear = true, style, ...rest }: Props) {
  const t = useT();
  const { nodes, loading, treeData } = useTerritoryOptions();
  // Open the first two levels (city and districts) so the usual choice is one click away.
  const expanded = useMemo(() => nodes.filter((n) => n.level === "city").map((n) => n.id), [nodes]);
  return (
    <TreeSelect
      data-testid={rest["data-testid"]}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? undefined)}
      treeData={treeData}
      loading={loading}
      allowClear={allowClear}
      placeholder={placeholder ?? t("territory.pick")}
      showSearch={{ treeNodeFilterProp: "title" }}
      treeDefaultExpandedKeys={expanded}
      style={style}
      popupMatchSelectWidth={false}
    />
  );
}
