import { type Kysely, sql } from "kysely";
import type { Static } from "typebox";
import { onTimeRate, periodBounds, rectificationRate } from "../../../domain/hidden-danger/statistics";
import { DEADLINE_RUNNING_STATUSES, FINISHED_HIDDEN_DANGER_STATUSES } from "../../../domain/hidden-danger/vocabulary";
import { text } from "../../../domain/text";
import type { Scope } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { notFound } from "../../errors";
import type { HiddenDangerFigures as FiguresSchema, StatsQuery } from "./schema";

export interface HiddenDangerFilter {
  enterpriseId?: string;
  territoryPath?: string;
  industry?: string;
  from: Date;
  to: Date;
}

export type HiddenDangerFigures = Static<typeof FiguresSchema>;

/**
 * The figures of the quarterly and annual summaries (SAWS Decree 16 art. 14) for hidden dangers found in a period:
 * found, rectified, rectification rate (of those not dismissed), on-time rate (closed by the deadline), overdue and
 * major ones still open, by category and source.
 */
export async function hiddenDangerFigures(
  db: Kysely<DB>,
  scope: Scope,
  filter: HiddenDangerFilter,
  now: Date,
): Promise<HiddenDangerFigures> {
  let base = db
    .selectFrom("hidden_danger")
    .innerJoin("enterprise", "enterprise.id", "hidden_danger.enterprise_id")
    .where((eb) => enterpriseInScope(eb, scope))
    .where("hidden_danger.found_at", ">=", filter.from)
    .where("hidden_danger.found_at", "<", filter.to);
  if (filter.enterpriseId) base = base.where("hidden_danger.enterprise_id", "=", filter.enterpriseId);
  if (filter.territoryPath) base = base.where("hidden_danger.territory_path", "like", `${filter.territoryPath}%`);
  if (filter.industry) {
    const industry = filter.industry;
    base = base.where((eb) =>
      eb.or([eb("enterprise.industry_code", "=", industry), eb("enterprise.industry_section", "=", industry)]),
    );
  }
  const finished = sql.join([...FINISHED_HIDDEN_DANGER_STATUSES]);
  const running = sql.join([...DEADLINE_RUNNING_STATUSES]);
  const totals = await base
    .select([
      sql<number>`count(*)`.as("found"),
      sql<number>`count(*) FILTER (WHERE hidden_danger.status = 'dismissed')`.as("dismissed"),
      sql<number>`count(*) FILTER (WHERE hidden_danger.status = 'closed')`.as("rectified"),
      sql<number>`count(*) FILTER (WHERE hidden_danger.status = 'closed' AND (hidden_danger.deadline IS NULL OR hidden_danger.closed_at <= hidden_danger.deadline))`.as(
        "on_time",
      ),
      sql<number>`count(*) FILTER (WHERE hidden_danger.status NOT IN (${finished}))`.as("open"),
      sql<number>`count(*) FILTER (WHERE hidden_danger.status IN (${running}) AND hidden_danger.deadline < ${now})`.as(
        "overdue",
      ),
      sql<number>`count(*) FILTER (WHERE hidden_danger.level = 'major')`.as("major_found"),
      sql<number>`count(*) FILTER (WHERE hidden_danger.level = 'major' AND hidden_danger.status NOT IN (${finished}))`.as(
        "major_open",
      ),
    ])
    .executeTakeFirstOrThrow();
  const [byCategory, bySource] = await Promise.all([
    base
      .select([
        sql<string>`coalesce(nullif(left(hidden_danger.category_code, 1), ''), '?')`.as("category"),
        sql<number>`count(*)`.as("n"),
      ])
      .groupBy(sql`1`)
      .orderBy(sql`1`)
      .execute(),
    base
      .select(["hidden_danger.source", sql<number>`count(*)`.as("n")])
      .groupBy("hidden_danger.source")
      .orderBy("hidden_danger.source")
      .execute(),
  ]);
  const found = Number(totals.found);
  const dismissed = Number(totals.dismissed);
  const rectified = Number(totals.rectified);
  return {
    found,
    dismissed,
    rectified,
    rectificationRate: rectificationRate({ found, dismissed, rectified }),
    onTimeRate: onTimeRate({ rectified, onTime: Number(totals.on_time) }),
    open: Number(totals.open),
    overdue: Number(totals.overdue),
    majorFound: Number(totals.major_found),
    majorOpen: Number(totals.major_open),
    byCategory: byCategory.map((r) => ({ category: r.category, count: Number(r.n) })),
    bySource: bySource.map((r) => ({ source: r.source, count: Number(r.n) })),
  };
}

/**
 * The figures a statistics request asks for: of one period, or between two instants (all time without them).
 * The territory named is looked up on the primary; the figures are counted on `read`, the read-side pool.
 */
export async function hiddenDangerStats(
  db: Kysely<DB>,
  read: Kysely<DB>,
  scope: Scope,
  query: StatsQuery,
  now: Date,
): Promise<HiddenDangerFigures> {
  const bounds = query.period
    ? periodBounds(query.period)!
    : {
        from: query.from ? new Date(query.from) : new Date(0),
        to: query.to ? new Date(query.to) : new Date("9999-12-31T00:00:00Z"),
      };
  let territoryPath: string | undefined;
  if (query.territoryId) {
    const territory = await db
      .selectFrom("territory")
      .select("path")
      .where("id", "=", query.territoryId)
      .executeTakeFirst();
    if (!territory) throw notFound(text("该属地", "The territory"));
    territoryPath = territory.path;
  }
  return hiddenDangerFigures(
    read,
    scope,
    { enterpriseId: query.enterpriseId, territoryPath, industry: query.industry, ...bounds },
    now,
  );
}
