import { type Kysely, sql } from "kysely";
import type { Scope } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";

export interface HiddenDangerFilter {
  enterpriseId?: string;
  territoryPath?: string;
  industry?: string;
  from: Date;
  to: Date;
}

export interface HiddenDangerFigures {
  found: number;
  dismissed: number;
  rectified: number;
  rectificationRate: number | null;
  onTimeRate: number | null;
  open: number;
  overdue: number;
  majorFound: number;
  majorOpen: number;
  byCategory: { category: string; count: number }[];
  bySource: { source: string; count: number }[];
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/**
 * The statistics of REFERENCE.md §7 for hidden dangers found in a period:
 * found, rectified, rectification rate (of those not dismissed), on-time rate
 * (closed by the deadline), overdue and major ones still open, by category and source.
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
    .where((eb) => enterpriseInScope(eb as never, scope))
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
  const totals = await base
    .select([
      sql<number>`count(*)`.as("found"),
      sql<number>`count(*) FILTER (WHERE hidden_danger.status = 'dismissed')`.as("dismissed"),
      sql<number>`count(*) FILTER (WHERE hidden_danger.status = 'closed')`.as("rectified"),
      sql<number>`count(*) FILTER (WHERE hidden_danger.status = 'closed' AND (hidden_danger.deadline IS NULL OR hidden_danger.closed_at <= hidden_danger.deadline))`.as(
        "on_time",
      ),
      sql<number>`count(*) FILTER (WHERE hidden_danger.status NOT IN ('closed', 'dismissed'))`.as("open"),
      sql<number>`count(*) FILTER (WHERE hidden_danger.status IN ('confirmed', 'rectifying') AND hidden_danger.deadline < ${now})`.as(
        "overdue",
      ),
      sql<number>`count(*) FILTER (WHERE hidden_danger.level = 'major')`.as("major_found"),
      sql<number>`count(*) FILTER (WHERE hidden_danger.level = 'major' AND hidden_danger.status NOT IN ('closed', 'dismissed'))`.as(
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
    rectificationRate: ratio(rectified, found - dismissed),
    onTimeRate: ratio(Number(totals.on_time), rectified),
    open: Number(totals.open),
    overdue: Number(totals.overdue),
    majorFound: Number(totals.major_found),
    majorOpen: Number(totals.major_open),
    byCategory: byCategory.map((r) => ({ category: r.category, count: Number(r.n) })),
    bySource: bySource.map((r) => ({ source: r.source, count: Number(r.n) })),
  };
}

// Periods are read in China Standard Time (UTC+8), as the enterprise's calendar is.
const OFFSET_MS = 8 * 3600_000;

/** "2026" or "2026-Q2" → [from, to) instants; null when the text is not a period. */
export function periodBounds(period: string): { from: Date; to: Date } | null {
  const year = /^(\d{4})$/.exec(period);
  if (year) {
    const y = Number(year[1]);
    return { from: new Date(Date.UTC(y, 0, 1) - OFFSET_MS), to: new Date(Date.UTC(y + 1, 0, 1) - OFFSET_MS) };
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) {
    const y = Number(quarter[1]);
    const q = Number(quarter[2]);
    return { from: new Date(Date.UTC(y, (q - 1) * 3, 1) - OFFSET_MS), to: new Date(Date.UTC(y, q * 3, 1) - OFFSET_MS) };
  }
  return null;
}
