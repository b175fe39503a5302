import { type Kysely, type SqlBool, sql } from "kysely";
import { onTimeRate, rectificationRate } from "../../../domain/hidden-danger/statistics";
import type { Scope } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import type { HiddenDangerFigures } from "./schema";

export const OPEN = sql<SqlBool>`hidden_danger.status NOT IN ('closed', 'dismissed')`;
// Overdue: confirmed or rectifying past the rectification deadline (the time limit SAWS Decree 16 (2007) art. 15 sets).
export const overdue = (now: Date) =>
  sql`hidden_danger.status IN ('confirmed', 'rectifying') AND hidden_danger.deadline < ${now}`;

type HiddenDangerCounts = {
  found: number;
  dismissed: number;
  rectified: number;
  onTime: number;
  majorFound: number;
  open: number;
  overdue: number;
  majorOpen: number;
};

/**
 * Hidden dangers under a node in one grouped pass, by the child the path runs through ('' for the node itself): those
 * found in the period (found, dismissed, rectified, closed by the deadline, major) as hidden-dangers/hidden-danger-figures.ts
 * counts them, and those open now whenever they were found. The table carries the enterprise's path, so the enterprise is
 * joined only when the scope limits industries.
 */
export async function hiddenDangersByChild(
  db: Kysely<DB>,
  scope: Scope,
  path: string,
  period: { from: Date; to: Date },
  now: Date,
): Promise<Map<string, HiddenDangerCounts>> {
  const inPeriod = sql<SqlBool>`hidden_danger.found_at >= ${period.from} AND hidden_danger.found_at < ${period.to}`;
  let query = db.selectFrom("hidden_danger").where("hidden_danger.territory_path", "like", `${path}%`);
  if (scope.kind !== "territory" || scope.industries.length > 0) {
    query = query
      .innerJoin("enterprise", "enterprise.id", "hidden_danger.enterprise_id")
      .where((eb) => enterpriseInScope(eb, scope));
  }
  const rows = await query
    .select([
      sql<string>`split_part(substr(hidden_danger.territory_path, ${path.length + 1}), '/', 1)`.as("node"),
      sql<number>`count(*) FILTER (WHERE ${inPeriod})`.as("found"),
      sql<number>`count(*) FILTER (WHERE ${inPeriod} AND hidden_danger.status = 'dismissed')`.as("dismissed"),
      sql<number>`count(*) FILTER (WHERE ${inPeriod} AND hidden_danger.status = 'closed')`.as("rectified"),
      sql<number>`count(*) FILTER (WHERE ${inPeriod} AND hidden_danger.status = 'closed' AND (hidden_danger.deadline IS NULL OR hidden_danger.closed_at <= hidden_danger.deadline))`.as(
        "on_time",
      ),
      sql<number>`count(*) FILTER (WHERE ${inPeriod} AND hidden_danger.level = 'major')`.as("major_found"),
      sql<number>`count(*) FILTER (WHERE ${OPEN})`.as("open"),
      sql<number>`count(*) FILTER (WHERE ${overdue(now)})`.as("overdue"),
      sql<number>`count(*) FILTER (WHERE ${OPEN} AND hidden_danger.level = 'major')`.as("major_open"),
    ])
    .where((eb) => eb.or([inPeriod, OPEN]))
    .groupBy(sql`1`)
    .execute();
  return new Map(
    rows.map((row) => [
      row.node,
      {
        found: Number(row.found),
        dismissed: Number(row.dismissed),
        rectified: Number(row.rectified),
        onTime: Number(row.on_time),
        majorFound: Number(row.major_found),
        open: Number(row.open),
        overdue: Number(row.overdue),
        majorOpen: Number(row.major_open),
      },
    ]),
  );
}

export const openOf = (counts: HiddenDangerCounts | undefined) => ({
  open: counts?.open ?? 0,
  overdue: counts?.overdue ?? 0,
  majorOpen: counts?.majorOpen ?? 0,
});

/** The node's own figures: the sum over its children and itself. */
export function hiddenDangerTotals(byChild: Map<string, HiddenDangerCounts>): HiddenDangerFigures {
  const total: HiddenDangerCounts = {
    found: 0,
    dismissed: 0,
    rectified: 0,
    onTime: 0,
    majorFound: 0,
    open: 0,
    overdue: 0,
    majorOpen: 0,
  };
  for (const counts of byChild.values()) {
    for (const key of Object.keys(total) as (keyof HiddenDangerCounts)[]) total[key] += counts[key];
  }
  const { onTime, ...figures } = total;
  return {
    ...figures,
    // The rates of the quarterly and annual statistics (SAWS Decree 16 (2007) art. 14), as the statistics page gives them.
    rectificationRate: rectificationRate(total),
    onTimeRate: onTimeRate({ rectified: total.rectified, onTime }),
  };
}
