import { type Kysely, sql } from "kysely";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import type { Scope } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { trendBucketStarts } from "./cockpit-calendar";
import type { Granularity, LevelCounts } from "./schema";

const emptyLevels = (): LevelCounts => ({ 1: 0, 2: 0, 3: 0, 4: 0 });

/**
 * Enterprises per level at the end of each bucket (the current bucket: now), from rating history. Each history row
 * holds from its time until the enterprise's next row, so it counts in the buckets from the one it was made in up to,
 * not including, the one its successor was made in: one grouped pass gives +n and −n per bucket, summed in order.
 */
export async function levelTrend(db: Kysely<DB>, scope: Scope, path: string, granularity: Granularity, now: Date) {
  const starts = trendBucketStarts(now, granularity);
  const first = starts[0];
  const unit = sql.lit(granularity);
  const bucket = (column: string) =>
    sql`to_char(greatest(date_trunc(${unit}, (${sql.ref(column)} AT TIME ZONE 'UTC') + interval '8 hours'), ${first}::timestamp), 'YYYY-MM-DD')`;
  const spans = db
    .selectFrom("enterprise_rating_history")
    .innerJoin("enterprise", "enterprise.id", "enterprise_rating_history.enterprise_id")
    .select([
      "enterprise_rating_history.level",
      "enterprise_rating_history.computed_at",
      sql<Date | null>`lead(enterprise_rating_history.computed_at) OVER (PARTITION BY enterprise_rating_history.enterprise_id ORDER BY enterprise_rating_history.computed_at)`.as(
        "next_at",
      ),
    ])
    .where("enterprise.territory_path", "like", `${path}%`)
    .where("enterprise.status", "<>", "closed")
    .where((eb) => enterpriseInScope(eb, scope));
  const rows = await db
    .selectFrom(spans.as("span"))
    .select([
      "span.level",
      sql<string>`${bucket("span.computed_at")}`.as("from_bucket"),
      sql<string | null>`CASE WHEN span.next_at IS NULL THEN NULL ELSE ${bucket("span.next_at")} END`.as("to_bucket"),
      sql<number>`count(*)`.as("n"),
    ])
    .groupBy([sql`1`, sql`2`, sql`3`])
    .execute();
  const delta = new Map<string, LevelCounts>(starts.map((start) => [start, emptyLevels()]));
  for (const row of rows) {
    if (row.from_bucket === row.to_bucket) continue;
    const level = row.level as RiskLevel;
    const from = delta.get(row.from_bucket);
    if (from) from[level] += Number(row.n);
    if (row.to_bucket) {
      const to = delta.get(row.to_bucket);
      if (to) to[level] -= Number(row.n);
    }
  }
  const running = emptyLevels();
  const points = starts.map((start) => {
    const change = delta.get(start)!;
    for (const level of [1, 2, 3, 4] as const) running[level] += change[level];
    return { start, byLevel: { ...running } };
  });
  // Months before the first rating are unknown, not zero: the trend starts where the history does.
  const firstRated =
    rows.length === 0 ? -1 : points.findIndex((point) => Object.values(point.byLevel).some((n) => n > 0));
  return firstRated < 0 ? [] : points.slice(firstRated);
}
