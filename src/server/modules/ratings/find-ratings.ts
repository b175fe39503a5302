import { type Kysely, sql } from "kysely";
import type { Static } from "typebox";
import type { Locale } from "../../../domain/text";
import type { Scope } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { notFound } from "../../errors";
import type { RatingListQuery } from "./schema";

/** An enterprise's current rating (null before its first) and its last 100 ratings, newest first; 404 out of scope. */
export async function findEnterpriseRating(db: Kysely<DB>, scope: Scope, enterpriseId: string) {
  const enterprise = await db
    .selectFrom("enterprise")
    .select("id")
    .where("id", "=", enterpriseId)
    .where((eb) => enterpriseInScope(eb, scope))
    .executeTakeFirst();
  if (!enterprise) throw notFound({ "zh-CN": "该企业", en: "The enterprise" });
  const current = await db
    .selectFrom("enterprise_rating")
    .selectAll()
    .where("enterprise_id", "=", enterprise.id)
    .executeTakeFirst();
  const history = await db
    .selectFrom("enterprise_rating_history")
    .selectAll()
    .where("enterprise_id", "=", enterprise.id)
    .orderBy("computed_at", "desc")
    .limit(100)
    .execute();
  return { current: current ?? null, history };
}

/** Enterprises in the scope by rating, highest score first, a page of them and how many there are. */
export async function findRatings(
  db: Kysely<DB>,
  scope: Scope,
  filter: Static<typeof RatingListQuery>,
  locale: Locale,
) {
  let query = db
    .selectFrom("enterprise_rating")
    .innerJoin("enterprise", "enterprise.id", "enterprise_rating.enterprise_id")
    .where((eb) => enterpriseInScope(eb, scope));
  if (filter.level) query = query.where("enterprise_rating.level", "=", filter.level);
  if (filter.territoryId) {
    const territory = await db
      .selectFrom("territory")
      .select("path")
      .where("id", "=", filter.territoryId)
      .executeTakeFirst();
    query = query.where("enterprise.territory_path", "like", `${territory?.path ?? "/-/"}%`);
  }
  const [rows, count] = await Promise.all([
    query
      .select([
        "enterprise.id",
        "enterprise.name",
        "enterprise_rating.score",
        "enterprise_rating.level",
        locale === "en"
          ? "enterprise_rating.explanation_en as explanation"
          : "enterprise_rating.explanation_zh as explanation",
      ])
      .orderBy("enterprise_rating.score", "desc")
      .orderBy("enterprise.id")
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
