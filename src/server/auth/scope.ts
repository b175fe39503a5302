import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { DB } from "../db/schema";
import { forbidden } from "../errors";
import type { Principal, Scope } from "./principal";

/**
 * The one place that turns a scope into SQL. Every query that reads or writes
 * enterprise-owned or territory-owned rows goes through these filters.
 */
export function enterpriseInScope(eb: ExpressionBuilder<DB, "enterprise">, scope: Scope): Expression<SqlBool> {
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
export function territoryInScope(eb: ExpressionBuilder<DB, "territory">, scope: Scope): Expression<SqlBool> {
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

export function requireTerritoryScope(principal: Principal): Extract<Scope, { kind: "territory" }> {
  if (principal.scope.kind !== "territory") throw forbidden();
  return principal.scope;
}
