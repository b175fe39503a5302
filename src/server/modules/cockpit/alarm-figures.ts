import { type Kysely, sql } from "kysely";
import { ACTIVE_ALARM_STATUSES } from "../../../domain/monitoring/alarm-lifecycle";
import type { Scope } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { DAY_MS } from "./cockpit-calendar";
import type { ColourCounts } from "./schema";

const emptyColours = (): ColourCounts => ({ red: 0, orange: 0, yellow: 0, blue: 0 });
const COLOUR_OF_SEVERITY: Record<number, keyof ColourCounts> = { 1: "red", 2: "orange", 3: "yellow", 4: "blue" };

/** Active alarms, and alarms raised in the last 30 days, by colour (severity 1 red … 4 blue). */
export async function alarmFigures(db: Kysely<DB>, scope: Scope, path: string, now: Date) {
  const since = new Date(now.getTime() - 30 * DAY_MS);
  let query = db.selectFrom("alarm").where("alarm.territory_path", "like", `${path}%`);
  // The alarm carries its enterprise's path; the enterprise is needed only for a scope limited to industries.
  if (scope.kind !== "territory" || scope.industries.length > 0) {
    query = query
      .innerJoin("enterprise", "enterprise.id", "alarm.enterprise_id")
      .where((eb) => enterpriseInScope(eb, scope));
  }
  const rows = await query
    .select([
      "alarm.severity",
      sql<number>`count(*) FILTER (WHERE alarm.status IN (${sql.join([...ACTIVE_ALARM_STATUSES])}))`.as("active"),
      sql<number>`count(*) FILTER (WHERE alarm.raised_at >= ${since})`.as("recent"),
    ])
    .where((eb) => eb.or([eb("alarm.status", "in", [...ACTIVE_ALARM_STATUSES]), eb("alarm.raised_at", ">=", since)]))
    .groupBy("alarm.severity")
    .execute();
  const active = emptyColours();
  const last30Days = emptyColours();
  for (const row of rows) {
    const colour = COLOUR_OF_SEVERITY[row.severity];
    if (!colour) continue;
    active[colour] += Number(row.active);
    last30Days[colour] += Number(row.recent);
  }
  return { active, last30Days };
}
