import { type Kysely, sql } from "kysely";
import type { Locale } from "../../../domain/text";
import type { Scope } from "../../auth/principal";
import { enterpriseInScope, territoryInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";

/** The home page's counts within the scope: enterprises by industry section and status, territories and users. */
export async function countOverview(db: Kysely<DB>, scope: Scope, locale: Locale) {
  const nameColumn = locale === "en" ? "name_en" : "name_zh";
  const [sections, statuses, territories, users, names] = await Promise.all([
    db
      .selectFrom("enterprise")
      .select(["industry_section", sql<number>`count(*)`.as("n")])
      .where((eb) => enterpriseInScope(eb, scope))
      .groupBy("industry_section")
      .orderBy("industry_section")
      .execute(),
    db
      .selectFrom("enterprise")
      .select(["status", sql<number>`count(*)`.as("n")])
      .where((eb) => enterpriseInScope(eb, scope))
      .groupBy("status")
      .execute(),
    db
      .selectFrom("territory")
      .select(sql<number>`count(*)`.as("n"))
      .where((eb) => territoryInScope(eb, scope))
      .executeTakeFirstOrThrow(),
    scope.kind === "territory"
      ? db
          .selectFrom("app_user")
          .innerJoin("territory", "territory.id", "app_user.territory_id")
          .select(sql<number>`count(*)`.as("n"))
          .where("territory.path", "like", `${scope.path}%`)
          .executeTakeFirstOrThrow()
      : Promise.resolve({ n: 0 }),
    db
      .selectFrom("reference_item")
      .innerJoin("reference_set", (join) =>
        join
          .onRef("reference_set.kind", "=", "reference_item.kind")
          .onRef("reference_set.version", "=", "reference_item.version"),
      )
      .select(["reference_item.code", `reference_item.${nameColumn} as name`])
      .where("reference_item.kind", "=", "industry")
      .where("reference_set.is_current", "=", true)
      .where("reference_item.parent_code", "is", null)
      .execute(),
  ]);
  return {
    enterprises: sections.reduce((sum, s) => sum + Number(s.n), 0),
    territories: Number(territories.n),
    users: Number(users.n),
    byIndustrySection: sections.map((s) => ({
      section: s.industry_section,
      name: names.find((n) => n.code === s.industry_section)?.name ?? s.industry_section,
      count: Number(s.n),
    })),
    byStatus: statuses.map((s) => ({ status: s.status, count: Number(s.n) })),
  };
}
