import { useMemo } from "react";
import { api } from "../api/client";
import type { Answer } from "../api/contract";
import type { ReferenceItem, ReferenceKind, ReferenceSet, TerritoryNode } from "../api/types";
import { useRequest } from "../api/use-request";
import { hasPermission } from "../app/navigation";
import { useMe } from "../app/session";
import { localName, useLocale } from "../i18n";
import { territoryTrail } from "./territory-tree";

type EnterpriseAnswer = Answer<"/api/v1/enterprises/{id}">;

// Lists many pages need (industry codes, the territory tree) are fetched once per user and shared.

const referenceCache = new Map<ReferenceKind, Promise<ReferenceSet>>();
const territoryCache = new Map<string, Promise<TerritoryNode[]>>();

function cached<K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  let promise = cache.get(key);
  if (!promise) {
    promise = load();
    // A failed load is not remembered, so the next page tries again.
    promise.catch(() => cache.delete(key));
    cache.set(key, promise);
  }
  return promise;
}

export function loadReferenceSet(kind: ReferenceKind): Promise<ReferenceSet> {
  return cached(referenceCache, kind, () => api.get<ReferenceSet>(`/reference/${kind}`));
}

/** Forgets the territory tree, e.g. after an import changed the enterprise counts. */
export function forgetTerritories(): void {
  territoryCache.clear();
}

export type IndustrySection = ReferenceItem & { divisions: ReferenceItem[] };

/** GB/T 4754-2017: sections (letters, no parent) with their two-digit divisions. */
export function groupIndustries(items: readonly ReferenceItem[]): IndustrySection[] {
  const sections = items
    .filter((item) => item.parentCode === null)
    .map((s) => ({ ...s, divisions: [] as ReferenceItem[] }));
  const bySection = new Map(sections.map((s) => [s.code, s]));
  for (const item of items) {
    if (item.parentCode) bySection.get(item.parentCode)?.divisions.push(item);
  }
  return sections;
}

export function useIndustries() {
  const me = useMe();
  const allowed = hasPermission(me, "reference:read");
  const request = useRequest(() => (allowed ? loadReferenceSet("industry") : Promise.resolve(null)), [allowed]);
  return useMemo(() => {
    const items = request.data?.items ?? [];
    return {
      sections: groupIndustries(items),
      byCode: new Map(items.map((item) => [item.code, item])),
      loading: request.loading,
    };
  }, [request.data, request.loading]);
}

/** The user's territory subtree, flat, or nothing for roles without territory:read. */
export function useTerritoryList() {
  const me = useMe();
  const allowed = hasPermission(me, "territory:read");
  const request = useRequest(
    () =>
      allowed
        ? cached(territoryCache, me.id, () => api.get<{ items: TerritoryNode[] }>("/territories").then((r) => r.items))
        : Promise.resolve([] as TerritoryNode[]),
    [allowed, me.id],
  );
  return { nodes: request.data ?? [], loading: request.loading, allowed, error: request.error };
}

/**
 * Full territory names for display ("江北区 / 沿江街道 / 第一网格"), from the cached territory list. Roles without the
 * territory tree get the API's own name.
 */
export function useTerritoryNames() {
  const [locale] = useLocale();
  const { nodes } = useTerritoryList();
  return useMemo(() => {
    const name = (node: TerritoryNode) => localName(locale, node.name, node.nameEn);
    return (id: string, fallback: string): { full: string; short: string } => {
      const trail = territoryTrail(nodes, id, name);
      if (trail.length === 0) return { full: fallback, short: fallback };
      return { full: trail.join(" / "), short: trail.slice(-2).join(" / ") };
    };
  }, [nodes, locale]);
}

/** Names of enterprises known by id only (a record's links, the user's own enterprises); an unreadable one keeps its id. */
export function loadEnterpriseNames(ids: readonly string[]): Promise<Map<string, string>> {
  return Promise.all(
    ids.map((id) =>
      api
        .get<EnterpriseAnswer>(`/enterprises/${id}`)
        .then((enterprise) => [id, enterprise.name] as const)
        .catch(() => [id, id] as const),
    ),
  ).then((pairs) => new Map(pairs));
}
