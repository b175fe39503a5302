import { type Kysely, sql } from "kysely";
import { DEADLINE_RUNNING_STATUSES } from "../../../domain/hidden-danger/vocabulary";
import { text } from "../../../domain/text";
import type { Scope } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { notFound } from "../../errors";
import type { HiddenDangerListQuery } from "./schema";

/** Hidden dangers in a scope, with their enterprise and the names of the finder and the responsible person. */
function hiddenDangersIn(db: Kysely<DB>, scope: Scope) {
  return (
    db
      .selectFrom("hidden_danger")
      .innerJoin("enterprise", "enterprise.id", "hidden_danger.enterprise_id")
      // The scope before the aliased joins: its filter needs only the enterprise.
      .where((eb) => enterpriseInScope(eb, scope))
      .leftJoin("app_user as finder", "finder.id", "hidden_danger.finder_user_id")
      .leftJoin("app_user as responsible", "responsible.id", "hidden_danger.responsible_user_id")
      .selectAll("hidden_danger")
      .select([
        "enterprise.name as enterprise_name",
        "enterprise.industry_code",
        "enterprise.industry_section",
        "finder.display_name as finder_name",
        "responsible.display_name as responsible_name",
      ])
  );
}

export type HiddenDangerRow = Awaited<ReturnType<ReturnType<typeof hiddenDangersIn>["execute"]>>[number];

/** One hidden danger in the scope; one outside answers 404 exactly like one that does not exist. */
export async function findHiddenDanger(db: Kysely<DB>, scope: Scope, id: string): Promise<HiddenDangerRow> {
  const row = await hiddenDangersIn(db, scope).where("hidden_danger.id", "=", id).executeTakeFirst();
  if (!row) throw notFound(text("该隐患", "The hidden danger"));
  return row;
}

/** A page of the hidden dangers in the scope, newest found first, and how many match in all. */
export async function findHiddenDangers(
  db: Kysely<DB>,
  scope: Scope,
  filter: HiddenDangerListQuery,
): Promise<{ rows: HiddenDangerRow[]; total: number }> {
  let query = hiddenDangersIn(db, scope);
  if (filter.enterpriseId) query = query.where("hidden_danger.enterprise_id", "=", filter.enterpriseId);
  if (filter.status) query = query.where("hidden_danger.status", "=", filter.status);
  if (filter.level) query = query.where("hidden_danger.level", "=", filter.level);
  if (filter.overdue) {
    query = query
      .where("hidden_danger.deadline", "<", new Date())
      .where("hidden_danger.status", "in", [...DEADLINE_RUNNING_STATUSES]);
  }
  if (filter.supervised) {
    query = query.where(sql<boolean>`(hidden_danger.state -> 'supervision' ->> 'listed')::boolean`);
  }
  const [rows, count] = await Promise.all([
    query
      .orderBy("hidden_danger.found_at", "desc")
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.clearSelect().select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The enterprise's active people who can be made responsible for a rectification. */
export async function enterpriseStaff(db: Kysely<DB>, enterpriseId: string) {
  const staff = await db
    .selectFrom("user_enterprise")
    .innerJoin("app_user", "app_user.id", "user_enterprise.user_id")
    .select(["app_user.id", "app_user.display_name", "app_user.role"])
    .where("user_enterprise.enterprise_id", "=", enterpriseId)
    .where("app_user.disabled", "=", false)
    .where("app_user.role", "in", ["enterprise_principal", "safety_manager", "employee"])
    .orderBy("app_user.display_name")
    .execute();
  return staff.map((u) => ({ id: u.id, displayName: u.display_name, role: u.role }));
}
