import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SqlBool,
  sql,
  type Transaction,
} from "kysely";
import type { DB, EnterpriseTable } from "../db/schema";
import { forbidden, type LocalisedText, notFound } from "../errors";
import type { Principal, Scope } from "./principal";

/** A compile-time guard: the query being filtered must have joined `table`, or the call does not type-check. */
export type Joins<TB, table extends string> = table extends TB ? [] : [`the query must join the ${table} table`];

/**
 * The one place that turns a scope into SQL. Every query that reads or writes
 * enterprise-owned or territory-owned rows goes through these filters. They
 * take the query's own expression builder, whatever else it joins (aliases and
 * subqueries too), and the compiler refuses a query that has not joined
 * `enterprise` (or `territory`).
 */
export function enterpriseInScope<D extends DB, TB extends keyof D>(
  builder: ExpressionBuilder<D, TB>,
  scope: Scope,
  ..._joined: Joins<TB, "enterprise">
): Expression<SqlBool> {
  // Safe: the rest parameter above proves "enterprise" is one of the query's tables.
  const eb = builder as unknown as ExpressionBuilder<DB, "enterprise">;
  if (scope.kind === "enterprises") {
    if (scope.enterpriseIds.length === 0) return sql<SqlBool>`false`;
    return eb("enterprise.id", "in", scope.enterpriseIds);
  }
  // The whole installation needs no path test; it would only cost a scan.
  const inTerritory =
    scope.path === "/" ? sql<SqlBool>`true` : eb("enterprise.territory_path", "like", `${scope.path}%`);
  if (scope.industries.length === 0) return inTerritory;
  return eb.and([
    inTerritory,
    eb.or([
      eb("enterprise.industry_code", "in", scope.industries),
      eb("enterprise.industry_section", "in", scope.industries),
    ]),
  ]);
}

/** Territory nodes a principal may see: its own subtree (enterprise roles see none through this). */
export function territoryInScope<D extends DB, TB extends keyof D>(
  builder: ExpressionBuilder<D, TB>,
  scope: Scope,
  ..._joined: Joins<TB, "territory">
): Expression<SqlBool> {
  const eb = builder as unknown as ExpressionBuilder<DB, "territory">;
  if (scope.kind === "enterprises") return sql<SqlBool>`false`;
  return eb("territory.path", "like", `${scope.path}%`);
}

export function pathInScope(scope: Scope, path: string): boolean {
  return scope.kind === "territory" && path.startsWith(scope.path);
}

/** True when an enterprise with these attributes lies in the scope (for writes that move or create one). */
export function enterpriseFitsScope(
  scope: Scope,
  enterprise: { id?: string; territoryPath: string; industryCode: string; industrySection: string },
): boolean {
  if (scope.kind === "enterprises") return enterprise.id !== undefined && scope.enterpriseIds.includes(enterprise.id);
  if (!enterprise.territoryPath.startsWith(scope.path)) return false;
  return (
    scope.industries.length === 0 ||
    scope.industries.includes(enterprise.industryCode) ||
    scope.industries.includes(enterprise.industrySection)
  );
}

/** True when a stored enterprise row lies in the scope, by the same rule as the SQL filter above. */
export function storedEnterpriseInScope(
  scope: Scope,
  row: Pick<Selectable<EnterpriseTable>, "id" | "territory_path" | "industry_code" | "industry_section">,
): boolean {
  return enterpriseFitsScope(scope, {
    id: row.id,
    territoryPath: row.territory_path,
    industryCode: row.industry_code,
    industrySection: row.industry_section,
  });
}

const THE_ENTERPRISE: LocalisedText = { "zh-CN": "该企业", en: "The enterprise" };

/**
 * The stored enterprise a write is aimed at, loaded only if it lies in the
 * caller's scope: one outside answers 404 exactly like one that does not
 * exist, so a write never reveals another jurisdiction's records. Inside a
 * transaction, pass `lock` to hold the row until commit. The write's new
 * values are checked separately with enterpriseFitsScope.
 */
export async function enterpriseForWrite(
  db: Kysely<DB> | Transaction<DB>,
  scope: Scope,
  id: string,
  options: { lock?: boolean } = {},
): Promise<Selectable<EnterpriseTable>> {
  let query = db
    .selectFrom("enterprise")
    .selectAll()
    .where("id", "=", id)
    .where((eb) => enterpriseInScope(eb, scope));
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound(THE_ENTERPRISE);
  return row;
}

export function requireTerritoryScope(principal: Principal): Extract<Scope, { kind: "territory" }> {
  if (principal.scope.kind !== "territory") throw forbidden();
  return principal.scope;
}
