import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { ACTIVE_ALARM_STATUSES } from "../../../domain/monitoring/alarm-lifecycle";
import type { Scope } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { type LocalisedText, notFound } from "../../errors";
import type { AlarmListQuery } from "./schema";

const THE_ALARM: LocalisedText = { "zh-CN": "该报警", en: "The alarm" };
// Cleared alarms stay in the CAP feed this long, so a reader polling it sees them end.
const CLEARED_IN_FEED_MS = 24 * 3600_000;

/** The alarms of the enterprises in the scope, each with its enterprise and device (none for a management alarm). */
export function alarmsInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom("alarm")
    .innerJoin("enterprise", "enterprise.id", "alarm.enterprise_id")
    .leftJoin("device", (join) =>
      join.onRef("device.enterprise_id", "=", "alarm.enterprise_id").onRef("device.id", "=", "alarm.device_id"),
    )
    .selectAll("alarm")
    .select([
      "enterprise.name as enterprise_name",
      "device.name as device_name",
      "device.code as device_code",
      "device.device_type",
      "device.lng",
      "device.lat",
      "enterprise.lng as enterprise_lng",
      "enterprise.lat as enterprise_lat",
    ])
    .where((eb) => enterpriseInScope(eb, scope));
}

export type ScopedAlarm = NonNullable<Awaited<ReturnType<ReturnType<typeof alarmsInScope>["executeTakeFirst"]>>>;

/** Alarms in the scope, newest first, narrowed by the list's filters. */
export async function findAlarms(
  db: Kysely<DB>,
  scope: Scope,
  filter: Static<typeof AlarmListQuery>,
): Promise<ScopedAlarm[]> {
  let query = alarmsInScope(db, scope);
  if (filter.enterpriseId) query = query.where("alarm.enterprise_id", "=", filter.enterpriseId);
  if (filter.deviceId) query = query.where("alarm.device_id", "=", filter.deviceId);
  if (filter.territoryId) {
    const territory = await db
      .selectFrom("territory")
      .select("path")
      .where("id", "=", filter.territoryId)
      .executeTakeFirst();
    query = query.where("alarm.territory_path", "like", `${territory?.path ?? "/-/"}%`);
  }
  if (filter.severity) query = query.where("alarm.severity", "=", filter.severity);
  if (filter.status) query = query.where("alarm.status", "=", filter.status);
  if (filter.open) query = query.where("alarm.status", "<>", "cleared");
  return query.orderBy("alarm.raised_at", "desc").limit(filter.pageSize).execute();
}

/** One alarm in the scope; one outside answers 404 exactly like one that does not exist. */
export async function findAlarm(db: Kysely<DB>, scope: Scope, id: string): Promise<ScopedAlarm> {
  const alarm = await alarmsInScope(db, scope).where("alarm.id", "=", id).executeTakeFirst();
  if (!alarm) throw notFound(THE_ALARM);
  return alarm;
}

/** Alarms in the scope changed since `since`, oldest change first, for the live stream. */
export function findChangedAlarms(db: Kysely<DB>, scope: Scope, since: Date): Promise<ScopedAlarm[]> {
  return alarmsInScope(db, scope)
    .where("alarm.changed_at", ">=", since)
    .orderBy("alarm.changed_at")
    .limit(500)
    .execute();
}

/**
 * The device alarms of the CAP feed: active ones and those cleared in the last day, newest first, of the whole scope
 * or of one territory by its code (404 for an unknown code).
 */
export async function findCapAlarms(
  db: Kysely<DB>,
  scope: Scope,
  territoryCode: string | undefined,
  now: Date,
): Promise<ScopedAlarm[]> {
  let query = alarmsInScope(db, scope)
    .where("alarm.source", "=", "device")
    .where((eb) =>
      eb.or([
        eb("alarm.status", "in", [...ACTIVE_ALARM_STATUSES]),
        eb("alarm.cleared_at", ">", new Date(now.getTime() - CLEARED_IN_FEED_MS)),
      ]),
    );
  if (territoryCode) {
    const territory = await db
      .selectFrom("territory")
      .select("path")
      .where("code", "=", territoryCode)
      .executeTakeFirst();
    if (!territory) throw notFound({ "zh-CN": `属地编码 ${territoryCode}`, en: `Territory code ${territoryCode}` });
    query = query.where("alarm.territory_path", "like", `${territory.path}%`);
  }
  return query.orderBy("alarm.raised_at", "desc").limit(500).execute();
}
