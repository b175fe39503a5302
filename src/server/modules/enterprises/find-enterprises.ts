import { type Kysely, sql } from "kysely";
import type { Static } from "typebox";
import { text } from "../../../domain/text";
import type { Scope } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { type Locale, notFound } from "../../errors";
import { enterpriseHistory } from "./enterprise-history";
import type { EnterpriseRecord, EnterpriseSummaryRecord } from "./present-enterprise";
import type { EnterpriseListQuery } from "./schema";

function withNames(db: Kysely<DB>, locale: Locale) {
  const nameColumn = locale === "en" ? "industry.name_en" : "industry.name_zh";
  return db
    .selectFrom("enterprise")
    .innerJoin("territory", "territory.id", "enterprise.territory_id")
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("reference_item")
          .innerJoin("reference_set", (join) =>
            join
              .onRef("reference_set.kind", "=", "reference_item.kind")
              .onRef("reference_set.version", "=", "reference_item.version"),
          )
          .select(["reference_item.code", "reference_item.name_zh", "reference_item.name_en"])
          .where("reference_item.kind", "=", "industry")
          .where("reference_set.is_current", "=", true)
          .as("industry"),
      (join) => join.onRef("industry.code", "=", "enterprise.industry_code"),
    )
    .select([
      "enterprise.id",
      "enterprise.name",
      "enterprise.uscc",
      "enterprise.industry_code",
      sql<string>`coalesce(${sql.ref(nameColumn)}, enterprise.industry_code)`.as("industry_name"),
      "enterprise.scale",
      "enterprise.territory_id",
      locale === "en"
        ? sql<string>`coalesce(nullif(territory.name_en, ''), territory.name)`.as("territory_name")
        : sql<string>`territory.name`.as("territory_name"),
      "enterprise.status",
      "enterprise.address",
      "enterprise.territory_path",
    ]);
}

/**
 * Full place names below the city ("江北区 / 石桥镇 / 第一网格") for a set of
 * territory paths, from one query over the codes they contain.
 */
async function placeNames(db: Kysely<DB>, paths: string[], locale: Locale): Promise<Map<string, string>> {
  const codes = [...new Set(paths.flatMap((path) => path.split("/").filter(Boolean)))];
  if (codes.length === 0) return new Map();
  const nodes = await db
    .selectFrom("territory")
    .select(["code", "name", "name_en", "level"])
    .where("code", "in", codes)
    .execute();
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  return new Map(
    paths.map((path) => [
      path,
      path
        .split("/")
        .filter(Boolean)
        .map((code) => byCode.get(code))
        .filter((n) => n && n.level !== "city")
        .map((n) => (locale === "en" && n!.name_en ? n!.name_en : n!.name))
        .join(" / "),
    ]),
  );
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof withNames>["execute"]>>[number];

function withPlaceNames<T extends SummaryRow>(
  row: T,
  places: Map<string, string>,
): T & { territory_full_name: string } {
  return { ...row, territory_full_name: places.get(row.territory_path) ?? row.territory_name };
}

/**
 * One page of the enterprises a scope may see, with the filters of the list
 * page. The page's ids come from the enterprise table alone (name order, by
 * index); names are joined for those ids only, so paging stays fast at 100,000 rows.
 */
export async function findEnterprises(
  db: Kysely<DB>,
  scope: Scope,
  query: Static<typeof EnterpriseListQuery>,
  locale: Locale,
): Promise<{ records: EnterpriseSummaryRecord[]; total: number }> {
  let filtered = db.selectFrom("enterprise").where((eb) => enterpriseInScope(eb, scope));
  if (query.territoryId) {
    const territory = await db
      .selectFrom("territory")
      .select("path")
      .where("id", "=", query.territoryId)
      .executeTakeFirst();
    filtered = filtered.where("enterprise.territory_path", "like", `${territory?.path ?? "/-/"}%`);
  }
  if (query.industry) {
    const industry = query.industry;
    filtered = filtered.where((eb) =>
      eb.or([eb("enterprise.industry_code", "=", industry), eb("enterprise.industry_section", "=", industry)]),
    );
  }
  // A closed enterprise keeps its history but leaves the everyday list; the status filter finds it.
  filtered = query.status
    ? filtered.where("enterprise.status", "=", query.status)
    : filtered.where("enterprise.status", "<>", "closed");
  const q = query.q?.trim();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filtered = filtered.where((eb) =>
      eb.or([eb("enterprise.name", "ilike", pattern), eb("enterprise.uscc", "like", `${q.toUpperCase()}%`)]),
    );
  }
  const [page, count] = await Promise.all([
    filtered
      .select("enterprise.id")
      .orderBy("enterprise.name")
      .orderBy("enterprise.id")
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    filtered.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  const rows =
    page.length === 0
      ? []
      : await withNames(db, locale)
          .where(
            "enterprise.id",
            "in",
            page.map((p) => p.id),
          )
          .orderBy("enterprise.name")
          .orderBy("enterprise.id")
          .execute();
  const places = await placeNames(
    db,
    rows.map((r) => r.territory_path),
    locale,
  );
  return { records: rows.map((row) => withPlaceNames(row, places)), total: Number(count.n) };
}

/** One enterprise the scope may see; one outside it is not found, exactly like one that does not exist. */
export async function getEnterprise(
  db: Kysely<DB>,
  scope: Scope,
  id: string,
  locale: Locale,
): Promise<EnterpriseRecord> {
  const row = await withNames(db, locale)
    .select([
      "enterprise.lng",
      "enterprise.lat",
      "enterprise.principal_name",
      "enterprise.principal_phone",
      "enterprise.safety_managers",
      "enterprise.contacts",
      "enterprise.closed_at",
      "enterprise.closed_reason",
      "enterprise.created_at",
      "enterprise.updated_at",
    ])
    .where("enterprise.id", "=", id)
    .where((eb) => enterpriseInScope(eb, scope))
    .executeTakeFirst();
  if (!row) throw notFound(text("该企业", "The enterprise"));
  const places = await placeNames(db, [row.territory_path], locale);
  return { ...withPlaceNames(row, places), has_history: (await enterpriseHistory(db, row.id)).length > 0 };
}
