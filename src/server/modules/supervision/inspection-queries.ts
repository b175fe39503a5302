import { type Kysely, sql } from "kysely";
import type { Static } from "typebox";
import type { Principal } from "../../auth/principal";
import { enterpriseInScope, territoryInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { notFound } from "../../errors";
import { presentInspection } from "./present-inspection";
import type { Inspection, InspectionDetail, InspectionListQuery, InspectionPage, Inspector } from "./schema";
import { THE_INSPECTION } from "./supervision-access";

/** Today as the API writes dates (UTC), for what is overdue. */
export const today = () => new Date().toISOString().slice(0, 10);

const inspectionQuery = (db: Kysely<DB>, principal: Principal) =>
  db
    .selectFrom("enforcement_inspection")
    .innerJoin("enterprise", "enterprise.id", "enforcement_inspection.enterprise_id")
    .leftJoin("organisation", "organisation.id", "enforcement_inspection.organisation_id")
    .selectAll("enforcement_inspection")
    .select(["enterprise.name as enterprise_name", "organisation.name as organisation_name"])
    .where((eb) => enterpriseInScope(eb, principal.scope));

/** Enforcement inspections in the caller's scope, newest first; recheck=open|overdue lists re-check tasks. */
export async function findInspections(
  db: Kysely<DB>,
  principal: Principal,
  query: Static<typeof InspectionListQuery>,
): Promise<Static<typeof InspectionPage>> {
  let inspections = inspectionQuery(db, principal);
  if (query.enterpriseId) {
    inspections = inspections.where("enforcement_inspection.enterprise_id", "=", query.enterpriseId);
  }
  const planId = query.planId;
  if (planId) {
    inspections = inspections.where("enforcement_inspection.plan_item_id", "in", (eb) =>
      eb.selectFrom("supervision_plan_item").select("supervision_plan_item.id").where("plan_id", "=", planId),
    );
  }
  if (query.recheck) {
    inspections = inspections
      .where("enforcement_inspection.recheck_due", "is not", null)
      .where("enforcement_inspection.recheck_inspection_id", "is", null);
    if (query.recheck === "overdue")
      inspections = inspections.where("enforcement_inspection.recheck_due", "<", today());
  }
  const [rows, count] = await Promise.all([
    inspections
      .orderBy("enforcement_inspection.inspected_on", "desc")
      .orderBy("enforcement_inspection.created_at", "desc")
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    inspections.clearSelect().select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  const now = today();
  return {
    items: rows.map((row) => presentInspection(row, now)),
    total: Number(count.n),
    page: query.page,
    pageSize: query.pageSize,
  };
}

async function inspectionRow(db: Kysely<DB>, principal: Principal, id: string) {
  const row = await inspectionQuery(db, principal).where("enforcement_inspection.id", "=", id).executeTakeFirst();
  if (!row) throw notFound(THE_INSPECTION);
  return row;
}

/** An enforcement inspection the caller may see; 404 for one it may not. */
export async function findInspection(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
): Promise<Static<typeof Inspection>> {
  return presentInspection(await inspectionRow(db, principal, id), today());
}

/** An enforcement inspection the caller may see, with the hidden dangers it ordered and its re-checks. */
export async function findInspectionDetail(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
): Promise<Static<typeof InspectionDetail>> {
  const row = await inspectionRow(db, principal, id);
  const dangers =
    row.hidden_danger_ids.length === 0
      ? []
      : await db
          .selectFrom("hidden_danger")
          .select(["id", "code", "status", "level", "description", "source"])
          .where("enterprise_id", "=", row.enterprise_id)
          .where("id", "in", row.hidden_danger_ids)
          .execute();
  const rechecks = await db
    .selectFrom("enforcement_inspection")
    .select(["id", "code", "inspected_on", "violations"])
    .where("enterprise_id", "=", row.enterprise_id)
    .where("recheck_of_id", "=", row.id)
    .orderBy("inspected_on")
    .execute();
  return {
    ...presentInspection(row, today()),
    hiddenDangers: dangers.map((danger) => ({
      id: danger.id,
      code: danger.code,
      status: danger.status,
      level: danger.level,
      description: danger.description,
      source: danger.source,
    })),
    rechecks: rechecks.map((recheck) => ({
      id: recheck.id,
      code: recheck.code,
      inspectedOn: recheck.inspected_on,
      violations: recheck.violations,
    })),
  };
}

/** Government officers of the caller's territory subtree who can be named as inspectors. */
export async function findInspectors(db: Kysely<DB>, principal: Principal): Promise<Static<typeof Inspector>[]> {
  const scope = principal.scope;
  if (scope.kind !== "territory") return [];
  const rows = await db
    .selectFrom("app_user")
    .innerJoin("territory", "territory.id", "app_user.territory_id")
    .leftJoin("organisation", "organisation.id", "app_user.organisation_id")
    .select(["app_user.id", "app_user.display_name", "app_user.role", "organisation.name as organisation_name"])
    .where("app_user.role", "in", ["supervisor", "department"])
    .where("app_user.disabled", "=", false)
    .where((eb) => territoryInScope(eb, scope))
    .orderBy("territory.path")
    .orderBy("app_user.display_name")
    .limit(500)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    displayName: row.display_name,
    role: row.role,
    organisationName: row.organisation_name,
  }));
}
