import type { Kysely } from "kysely";
import type { Scope } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { type LocalisedText, notFound } from "../../errors";

const THE_DEVICE: LocalisedText = { "zh-CN": "该设备", en: "The device" };

/** The devices of the enterprises in the scope, each with its enterprise's name. */
export function devicesInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom("device")
    .innerJoin("enterprise", "enterprise.id", "device.enterprise_id")
    .selectAll("device")
    .select("enterprise.name as enterprise_name")
    .where((eb) => enterpriseInScope(eb, scope));
}

export type ScopedDevice = NonNullable<Awaited<ReturnType<ReturnType<typeof devicesInScope>["executeTakeFirst"]>>>;

/** Devices in the scope (of one enterprise when given), by code, at most 1,000. */
export function findDevices(db: Kysely<DB>, scope: Scope, enterpriseId?: string): Promise<ScopedDevice[]> {
  let query = devicesInScope(db, scope);
  if (enterpriseId) query = query.where("device.enterprise_id", "=", enterpriseId);
  return query.orderBy("device.code").limit(1000).execute();
}

/** One device in the scope; one outside answers 404 exactly like one that does not exist. */
export async function findDevice(db: Kysely<DB>, scope: Scope, id: string): Promise<ScopedDevice> {
  const device = await devicesInScope(db, scope).where("device.id", "=", id).executeTakeFirst();
  if (!device) throw notFound(THE_DEVICE);
  return device;
}

/** A device's readings between `from` (default: a day before `to`) and `to` (default: now), the newest `limit`, oldest first. */
export async function findReadings(
  db: Kysely<DB>,
  device: { enterprise_id: string; id: string },
  range: { from?: string; to?: string; limit: number },
): Promise<{ ts: string; value: number }[]> {
  const to = range.to ? new Date(range.to) : new Date();
  const from = range.from ? new Date(range.from) : new Date(to.getTime() - 24 * 3600_000);
  const rows = await db
    .selectFrom("reading")
    .select(["ts", "value"])
    .where("enterprise_id", "=", device.enterprise_id)
    .where("device_id", "=", device.id)
    .where("ts", ">=", from)
    .where("ts", "<=", to)
    .orderBy("ts", "desc")
    .limit(range.limit)
    .execute();
  return rows.reverse().map((r) => ({ ts: r.ts.toISOString(), value: r.value }));
}
