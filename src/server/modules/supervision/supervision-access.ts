import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from "kysely";
import { SUPERVISING_ORGANISATION_KINDS } from "../../../domain/supervision";
import type { Principal } from "../../auth/principal";
import { type Joins, pathInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { forbidden, notFound } from "../../errors";

export const THE_DEPARTMENT = { "zh-CN": "该监管部门", en: "The supervising department" };
export const THE_PLAN = { "zh-CN": "该执法检查计划", en: "The enforcement plan" };
export const THE_INSPECTION = { "zh-CN": "该执法检查记录", en: "The enforcement inspection" };
export const THE_ENTERPRISE = { "zh-CN": "该企业", en: "The enterprise" };
const THE_TERRITORY = { "zh-CN": "该区域", en: "The territory" };

export type SupervisingDepartment = {
  id: string;
  name: string;
  kind: string;
  industries: string[];
  territoryId: string;
  territoryPath: string;
};

/**
 * The supervising department a caller may plan and inspect for: a department user only its own organisation, a
 * supervisor any department of its territory subtree, an administrator any.
 */
export async function supervisingDepartment(
  db: Kysely<DB>,
  principal: Principal,
  organisationId: string,
): Promise<SupervisingDepartment> {
  const row = await db
    .selectFrom("organisation")
    .innerJoin("territory", "territory.id", "organisation.territory_id")
    .select([
      "organisation.id",
      "organisation.name",
      "organisation.kind",
      "organisation.industries",
      "territory.id as territory_id",
      "territory.path",
    ])
    .where("organisation.id", "=", organisationId)
    .where("organisation.kind", "in", SUPERVISING_ORGANISATION_KINDS)
    .executeTakeFirst();
  if (!row || !pathInScope(principal.scope, row.path)) throw notFound(THE_DEPARTMENT);
  if (principal.role === "department" && principal.organisationId !== row.id) {
    throw forbidden({
      "zh-CN": "行业部门用户只能为本部门制定计划、设置频次",
      en: "A department user plans and sets frequencies for its own department only",
    });
  }
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    industries: row.industries,
    territoryId: row.territory_id,
    territoryPath: row.path,
  };
}

/**
 * Plans a caller may see: in its territory subtree, and for a department user only its own department's. Like the
 * scope filters, it takes the query's own expression builder and refuses a query that has not joined supervision_plan.
 */
export function planInScope<D extends DB, TB extends keyof D>(
  builder: ExpressionBuilder<D, TB>,
  principal: Principal,
  ..._joined: Joins<TB, "supervision_plan">
): Expression<SqlBool> {
  // Safe: the rest parameter above proves "supervision_plan" is one of the query's tables.
  const eb = builder as unknown as ExpressionBuilder<DB, "supervision_plan">;
  const scope = principal.scope;
  if (scope.kind !== "territory") return sql<SqlBool>`false`;
  const inTerritory =
    scope.path === "/" ? sql<SqlBool>`true` : eb("supervision_plan.territory_path", "like", `${scope.path}%`);
  if (principal.role !== "department") return inTerritory;
  return eb.and([inTerritory, eb("supervision_plan.organisation_id", "=", principal.organisationId ?? "")]);
}

/** Resolves an optional territory node to plan for: inside the department's territory and the caller's scope. */
export async function planTerritory(
  db: Kysely<DB>,
  principal: Principal,
  department: SupervisingDepartment,
  territoryId: string | undefined,
): Promise<{ id: string; path: string }> {
  if (territoryId === undefined) return { id: department.territoryId, path: department.territoryPath };
  const row = await territoryInReach(db, principal, territoryId);
  if (!row.path.startsWith(department.territoryPath)) {
    throw forbidden({
      "zh-CN": "所选区域不在该监管部门的辖区内，请选择本部门辖区内的区域",
      en: "The territory lies outside the department's own territory; choose a node inside it",
    });
  }
  return row;
}

/** A territory node in the caller's scope, or 404 as if it did not exist. */
export async function territoryInReach(
  db: Kysely<DB>,
  principal: Principal,
  territoryId: string,
): Promise<{ id: string; path: string }> {
  const row = await db.selectFrom("territory").select(["id", "path"]).where("id", "=", territoryId).executeTakeFirst();
  if (!row || !pathInScope(principal.scope, row.path)) throw notFound(THE_TERRITORY);
  return row;
}
