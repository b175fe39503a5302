import { type Kysely, sql } from "kysely";
import { ACTIVE_ALARM_STATUSES } from "../../../domain/monitoring/alarm-lifecycle";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import type { Scope } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { OPEN, overdue } from "./hidden-danger-figures";
import type { CockpitChildEnterprise } from "./schema";

/** Enterprises listed at a node that has them directly (a grid); the rest are counted, not listed. */
export const ENTERPRISE_LIST_LIMIT = 500;
const TOP_ENTERPRISES = 10;
/** Reasons kept in a top-10 row's summary; the enterprise page shows them all. */
const SUMMARY_REASONS = 3;

/** The first reasons of an explanation, with its colour word: "红色，因为：3 个红色风险点（+27），…". */
function summaryOf(explanation: string, contributions: { textZh: string; textEn: string }[], en: boolean): string {
  const marker = en ? " because: " : "，因为：";
  const head = explanation.includes(marker) ? explanation.slice(0, explanation.indexOf(marker) + marker.length) : "";
  const reasons = contributions.slice(0, SUMMARY_REASONS).map((c) => (en ? c.textEn : c.textZh));
  if (reasons.length === 0) return explanation;
  const more = contributions.length > SUMMARY_REASONS ? (en ? ", …" : "，…") : "";
  return `${head}${reasons.join(en ? ", " : "，")}${more}`;
}

/** The ten highest scores in the subtree. */
export async function highestScores(db: Kysely<DB>, scope: Scope, path: string, en: boolean) {
  const rows = await db
    .selectFrom("enterprise_rating")
    .innerJoin("enterprise", "enterprise.id", "enterprise_rating.enterprise_id")
    .innerJoin("territory", "territory.id", "enterprise.territory_id")
    // A grid's name ("第一网格") repeats in every town; with its parent's it says where the enterprise is.
    .leftJoin("territory as parent", "parent.id", "territory.parent_id")
    .select([
      "enterprise.id",
      "enterprise.name",
      sql<string>`coalesce(parent.name || ' ', '') || territory.name`.as("territory_name"),
      sql<string>`coalesce(nullif(parent.name_en, '') || ' ', '') || coalesce(nullif(territory.name_en, ''), territory.name)`.as(
        "territory_name_en",
      ),
      "enterprise_rating.score",
      "enterprise_rating.level",
      "enterprise_rating.contributions",
      en ? "enterprise_rating.explanation_en as explanation" : "enterprise_rating.explanation_zh as explanation",
    ])
    .where("enterprise.territory_path", "like", `${path}%`)
    .where("enterprise.status", "<>", "closed")
    .where((eb) => enterpriseInScope(eb, scope))
    // Level first, then score: the same order as score alone (a level is a score band) that the (level, score DESC)
    // index can walk, stopping after ten rows instead of sorting every rating in the city.
    .orderBy("enterprise_rating.level")
    .orderBy("enterprise_rating.score", "desc")
    .orderBy("enterprise.id")
    .limit(TOP_ENTERPRISES)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    territoryName: en && row.territory_name_en ? row.territory_name_en : row.territory_name,
    score: row.score,
    level: row.level as RiskLevel,
    summary: summaryOf(row.explanation, row.contributions as { textZh: string; textEn: string }[], en),
  }));
}

/** Enterprises registered directly at the node, highest score first (unrated last), with their open hidden dangers. */
export async function enterprisesAt(
  db: Kysely<DB>,
  scope: Scope,
  territoryId: string,
  path: string,
  now: Date,
  en: boolean,
): Promise<{ total: number; items: CockpitChildEnterprise[] }> {
  const base = db
    .selectFrom("enterprise")
    .where("enterprise.territory_id", "=", territoryId)
    .where("enterprise.status", "<>", "closed")
    .where((eb) => enterpriseInScope(eb, scope));
  const [rows, total] = await Promise.all([
    base
      .leftJoin("enterprise_rating", "enterprise_rating.enterprise_id", "enterprise.id")
      .select([
        "enterprise.id",
        "enterprise.name",
        "enterprise_rating.score",
        "enterprise_rating.level",
        en ? "enterprise_rating.explanation_en as explanation" : "enterprise_rating.explanation_zh as explanation",
      ])
      .orderBy(sql`enterprise_rating.score DESC NULLS LAST`)
      .orderBy("enterprise.name")
      .limit(ENTERPRISE_LIST_LIMIT)
      .execute(),
    base.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  if (rows.length === 0) return { total: Number(total.n), items: [] };
  const ids = rows.map((row) => row.id);
  const [dangers, alarms] = await Promise.all([
    db
      .selectFrom("hidden_danger")
      .select([
        "enterprise_id",
        sql<number>`count(*)`.as("open"),
        sql<number>`count(*) FILTER (WHERE ${overdue(now)})`.as("overdue"),
        sql<number>`count(*) FILTER (WHERE hidden_danger.level = 'major')`.as("major_open"),
      ])
      .where("hidden_danger.territory_path", "like", `${path}%`)
      .where("enterprise_id", "in", ids)
      .where(OPEN)
      .groupBy("enterprise_id")
      .execute(),
    db
      .selectFrom("alarm")
      .select(["enterprise_id", sql<number>`count(*)`.as("n")])
      .where("alarm.territory_path", "like", `${path}%`)
      .where("enterprise_id", "in", ids)
      .where("status", "in", [...ACTIVE_ALARM_STATUSES])
      .groupBy("enterprise_id")
      .execute(),
  ]);
  const dangersOf = new Map(dangers.map((row) => [row.enterprise_id, row]));
  const alarmsOf = new Map(alarms.map((row) => [row.enterprise_id, Number(row.n)]));
  return {
    total: Number(total.n),
    items: rows.map((row) => {
      const open = dangersOf.get(row.id);
      return {
        enterpriseId: row.id,
        name: row.name,
        score: row.score,
        level: row.level as RiskLevel | null,
        explanation: row.explanation,
        hiddenDangers: {
          open: Number(open?.open ?? 0),
          overdue: Number(open?.overdue ?? 0),
          majorOpen: Number(open?.major_open ?? 0),
        },
        activeAlarms: alarmsOf.get(row.id) ?? 0,
      };
    }),
  };
}
