import type { ReferenceItem } from "../api/types";

export type ReferenceRow = ReferenceItem & { children?: ReferenceRow[] };

/** Nests reference items by parentCode for a tree table; leaves get no `children`, so no expand icon. */
export function referenceTree(items: readonly ReferenceItem[]): ReferenceRow[] {
  const rows = new Map<string, ReferenceRow>(items.map((item) => [item.code, { ...item }]));
  const roots: ReferenceRow[] = [];
  for (const item of items) {
    const row = rows.get(item.code)!;
    const parent = item.parentCode ? rows.get(item.parentCode) : undefined;
    if (!parent) roots.push(row);
    else if (parent.children) parent.children.push(row);
    else parent.children = [row];
  }
  return roots;
}
