import { type Kysely, sql } from "kysely";
import type { Principal } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { planInScope } from "../supervision/supervision-access";
import { cstDate } from "./cockpit-calendar";
import type { InspectionPlanFigures, PlanCompletion } from "./schema";

/**
 * Plan completion as supervision/plan-queries.ts counts it (planned = inspections the items call for; inspected = first
 * inspections recorded against an item, at most as many as it calls for), over the items of the node's enterprises
 * in the plans of the period's year the caller may see; annual and monthly plans apart, as they overlap.
 */
export async function planCompletion(
  db: Kysely<DB>,
  principal: Principal,
  path: string,
  period: { label: string; from: Date; to: Date },
): Promise<InspectionPlanFigures> {
  const year = Number(period.label.slice(0, 4));
  const done = db
    .selectFrom("enforcement_inspection")
    .select(["enterprise_id", "plan_item_id", sql<number>`count(*)`.as("n")])
    .where("plan_item_id", "is not", null)
    .where("recheck_of_id", "is", null)
    .groupBy(["enterprise_id", "plan_item_id"]);
  const [plans, inspections] = await Promise.all([
    db
      .selectFrom("supervision_plan_item as item")
      .innerJoin("supervision_plan", "supervision_plan.id", "item.plan_id")
      .innerJoin("enterprise", "enterprise.id", "item.enterprise_id")
      .leftJoin(done.as("done"), (join) =>
        join.onRef("done.enterprise_id", "=", "item.enterprise_id").onRef("done.plan_item_id", "=", "item.id"),
      )
      .select([
        sql<boolean>`supervision_plan.month = 0`.as("annual"),
        sql<number>`count(DISTINCT supervision_plan.id)`.as("plans"),
        sql<number>`coalesce(sum(item.inspections), 0)`.as("planned"),
        sql<number>`coalesce(sum(least(item.inspections, coalesce(done.n, 0))), 0)`.as("inspected"),
      ])
      .where("supervision_plan.year", "=", year)
      .where("enterprise.territory_path", "like", `${path}%`)
      .where((eb) => planInScope(eb, principal))
      .where((eb) => enterpriseInScope(eb, principal.scope))
      .groupBy(sql`1`)
      .execute(),
    db
      .selectFrom("enforcement_inspection")
      .innerJoin("enterprise", "enterprise.id", "enforcement_inspection.enterprise_id")
      .select([
        sql<number>`count(*)`.as("done"),
        sql<number>`coalesce(sum(enforcement_inspection.violations), 0)`.as("violations"),
        sql<number>`coalesce(sum(enforcement_inspection.penalty_total_yuan), 0)`.as("penalty"),
      ])
      .where("enforcement_inspection.territory_path", "like", `${path}%`)
      // inspected_on is a calendar date; the period's bounds are CST midnights.
      .where("enforcement_inspection.inspected_on", ">=", cstDate(period.from))
      .where("enforcement_inspection.inspected_on", "<", cstDate(period.to))
      .where((eb) => enterpriseInScope(eb, principal.scope))
      .executeTakeFirstOrThrow(),
  ]);
  const completion = (annual: boolean): PlanCompletion => {
    const row = plans.find((p) => p.annual === annual);
    const planned = Number(row?.planned ?? 0);
    const inspected = Number(row?.inspected ?? 0);
    return { plans: Number(row?.plans ?? 0), planned, inspected, ratio: planned === 0 ? null : inspected / planned };
  };
  return {
    year,
    annual: completion(true),
    monthly: completion(false),
    inspections: {
      done: Number(inspections.done),
      violations: Number(inspections.violations),
      penaltyYuan: Number(inspections.penalty),
    },
  };
}
