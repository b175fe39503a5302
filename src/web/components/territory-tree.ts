import type { TerritoryNode } from "../api/types";

export type TerritoryTreeNode = TerritoryNode & { children: TerritoryTreeNode[] };

/**
 * Builds the territory tree from the flat list the API returns. The user's own node has a parent outside the list
 * (or none), so it becomes a root; siblings are ordered by division code.
 */
export function buildTerritoryTree(nodes: readonly TerritoryNode[]): TerritoryTreeNode[] {
  const byId = new Map<string, TerritoryTreeNode>(nodes.map((node) => [node.id, { ...node, children: [] }]));
  const roots: TerritoryTreeNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: TerritoryTreeNode[]) => {
    list.sort((a, b) => a.code.localeCompare(b.code));
    for (const item of list) sort(item.children);
  };
  sort(roots);
  return roots;
}

/** The ids from a root down to (not including) the node, so a tree can open to show it. */
export function ancestorIds(nodes: readonly TerritoryNode[], id: string): string[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const out: string[] = [];
  let current = byId.get(id);
  while (current?.parentId && byId.has(current.parentId)) {
    out.unshift(current.parentId);
    current = byId.get(current.parentId);
  }
  return out;
}

/**
 * The names from below the user's own top node down to the node, e.g. 江北区 / 沿江街道 / 第一网格 for a city
 * supervisor: a grid's own name ("第一网格") says little without its town.
 */
export function territoryTrail(
  nodes: readonly TerritoryNode[],
  id: string,
  name: (node: TerritoryNode) => string,
): string[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const trail: string[] = [];
  let current = byId.get(id);
  while (current) {
    const parent = current.parentId ? byId.get(current.parentId) : undefined;
    // The root of the user's subtree is implied by the user's scope, unless it is the node itself.
    if (parent || trail.length === 0) trail.unshift(name(current));
    current = parent;
  }
  return trail;
}
