import { type Kysely, sql } from "kysely";
import type { Static } from "typebox";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import { type SelectionReason, SUPERVISING_ORGANISATION_KINDS } from "../../../domain/supervision";
import type { Principal } from "../../auth/principal";
import { territoryInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { type Locale, notFound } from "../../errors";
import { type CompletionCounts, type PlanRow, presentPlan } from "./present-plan";
import type { Department, PlanDetail, PlanItem, PlanPage } from "./schema";
import { planInScope, THE_PLAN } from "./supervision-access";

const planQuery = (db: Kysely<DB>) =>
  db
    .selectFrom("supervision_plan")
    .innerJoin("organisation", "organisation.id", "supervision_plan.organisation_id")
    .innerJoin("territory", "territory.id", "supervision_plan.territory_id")
    .selectAll("supervision_plan")
    .select(["organisation.name as organisation_name", "territory.name as territory_name"]);

/**
 * Planned inspections and how many of them have been done, per plan: planned = the inspections the items call for,
 * inspected = first inspections recorded against an item (re-checks do not count), at most as many as it calls for.
 */
async function completionOf(db: Kysely<DB>, planIds: string[]): Promise<Map<string, CompletionCounts>> {
  if (planIds.length === 0) return new Map();
  const { rows } = await sql<{ plan_id: string; planned: number; inspected: number }>`
    SELECT item.plan_id, sum(item.inspections) AS planned, sum(least(item.inspections, coalesce(done.n, 0))) AS inspected
    FROM supervision_plan_item item
    LEFT JOIN (
      SELECT enterprise_id, plan_item_id, count(*) AS n FROM enforcement_inspection
      WHERE plan_item_id IS NOT NULL AND recheck_of_id IS NULL GROUP BY 1, 2
    ) done ON done.enterprise_id = item.enterprise_id AND done.plan_item_id = item.id
    WHERE item.plan_id = ANY(${planIds}::uuid[])
    GROUP BY item.plan_id`.execute(db);
  return new Map(rows.map((row) => [row.plan_id, { planned: Number(row.planned), inspected: Number(row.inspected) }]));
}

/** A plan's items, highest level and score first, with the inspections done against each. */
async function planItems(db: Kysely<DB>, planId: string, locale: Locale): Promise<Static<typeof PlanItem>[]> {
  const { rows } = await sql<{
    id: string;
    enterprise_id: string;
    enterprise_name: string;
    territory_path: string;
    reason: SelectionReason;
    level: number;
    score: number;
    weight: number;
    inspections: number;
    months: number[];
    check_contents_zh: string[];
    check_contents_en: string[];
    inspected: number;
    last_inspected_on: string | null;
  }>`
    SELECT item.id, item.enterprise_id, enterprise.name AS enterprise_name, enterprise.territory_path, item.reason,
      item.level, item.score, item.weight, item.inspections, item.months, item.check_contents_zh,
      item.check_contents_en, coalesce(done.n, 0) AS inspected, done.last_on AS last_inspected_on
    FROM supervision_plan_item item
    JOIN enterprise ON enterprise.id = item.enterprise_id
    LEFT JOIN (
      SELECT enterprise_id, plan_item_id, count(*) AS n, max(inspected_on) AS last_on FROM enforcement_inspection
      WHERE plan_item_id IS NOT NULL AND recheck_of_id IS NULL GROUP BY 1, 2
    ) done ON done.enterprise_id = item.enterprise_id AND done.plan_item_id = item.id
    WHERE item.plan_id = ${planId}
    ORDER BY item.level, item.score DESC, enterprise.name`.execute(db);
  return rows.map((row) => ({
    id: row.id,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    reason: row.reason,
    level: row.level as RiskLevel,
    score: row.score,
    weight: row.weight,
    inspections: row.inspections,
    months: row.months,
    checkContents: locale === "en" ? row.check_contents_en : row.check_contents_zh,
    inspected: Number(row.inspected),
    lastInspectedOn: row.last_inspected_on,
  }));
}

/** A plan the caller may see, with its completion and items; 404 for one it may not. */
export async function findPlan(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
  locale: Locale,
): Promise<Static<typeof PlanDetail>> {
  const row: PlanRow | undefined = await planQuery(db)
    .where("supervision_plan.id", "=", id)
    .where((eb) => planInScope(eb, principal))
    .executeTakeFirst();
  if (!row) throw notFound(THE_PLAN);
  const [completion, items] = await Promise.all([completionOf(db, [row.id]), planItems(db, row.id, locale)]);
  return { ...presentPlan(row, completion.get(row.id)), items };
}

/** Plans in the caller's scope with their completion, newest period first. */
export async function findPlans(
  db: Kysely<DB>,
  principal: Principal,
  query: { year?: number; department?: string; page: number; pageSize: number },
): Promise<Static<typeof PlanPage>> {
  let plans = planQuery(db).where((eb) => planInScope(eb, principal));
  if (query.year) plans = plans.where("supervision_plan.year", "=", query.year);
  if (query.department) plans = plans.where("supervision_plan.organisation_id", "=", query.department);
  const [rows, count] = await Promise.all([
    plans
      .orderBy("supervision_plan.year", "desc")
      .orderBy("supervision_plan.month", "desc")
      .orderBy("organisation.name")
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    plans.clearSelect().select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  const completion = await completionOf(
    db,
    rows.map((row) => row.id),
  );
  return {
    items: rows.map((row) => presentPlan(row, completion.get(row.id))),
    total: Number(count.n),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Supervising departments the caller may plan for: its own, or those of its territory subtree. */
export async function findDepartments(db: Kysely<DB>, principal: Principal): Promise<Static<typeof Department>[]> {
  let query = db
    .selectFrom("organisation")
    .innerJoin("territory", "territory.id", "organisation.territory_id")
    .select([
      "organisation.id",
      "organisation.name",
      "organisation.kind",
      "organisation.industries",
      "territory.id as territory_id",
      "territory.name as territory_name",
    ])
    .where("organisation.kind", "in", SUPERVISING_ORGANISATION_KINDS)
    .where((eb) => territoryInScope(eb, principal.scope));
  if (principal.role === "department") query = query.where("organisation.id", "=", principal.organisationId ?? "");
  const rows = await query.orderBy("territory.path").orderBy("organisation.name").execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    industries: row.industries,
    territory: { id: row.territory_id, name: row.territory_name },
    own: row.id === principal.organisationId,
  }));
}
