import type { Kysely } from "kysely";
import type { DB } from "../../db/schema";
import type { BrokerAdmin } from "../../ingestion/broker-admin";

type Log = { warn(o: object, m: string): void };

/** The broker's management API (null when the installation runs no broker) and where to log a failed update. */
export type DeviceBroker = { admin: BrokerAdmin | null; log: Log };

/**
 * Makes the broker agree with the database about one device, right after a
 * change is committed: an active credential has an account allowed to publish
 * to the device's topic, a revoked one has none. A replaced credential deletes
 * the old account first, because deleting an account is what makes the broker
 * close its open connections: the change takes effect at once, not at the
 * device's next reconnect. Returns false when the broker could not be reached;
 * the reconciliation job retries.
 */
export async function syncDeviceAccount(
  admin: BrokerAdmin,
  db: Kysely<DB>,
  deviceId: string,
  log: Log,
  options: { replace: boolean },
): Promise<boolean> {
  try {
    const device = await db
      .selectFrom("device")
      .select(["enterprise_id", "id", "code", "broker_password_hash", "credential_revoked_at"])
      .where("id", "=", deviceId)
      .executeTakeFirst();
    if (options.replace || !device?.broker_password_hash || device.credential_revoked_at)
      await admin.deleteDevice(deviceId);
    if (device?.broker_password_hash && !device.credential_revoked_at) {
      await admin.putDevice({
        username: device.id,
        passwordHash: device.broker_password_hash,
        enterpriseId: device.enterprise_id,
        deviceCode: device.code,
      });
    }
    return true;
  } catch (error) {
    log.warn({ err: error, deviceId }, "broker account not updated yet; the reconciliation job will retry");
    return false;
  }
}

/** syncDeviceAccount when the installation runs a broker; null when it runs none. */
export function updateDeviceAccount(
  broker: DeviceBroker,
  db: Kysely<DB>,
  deviceId: string,
  options: { replace: boolean },
): Promise<boolean | null> {
  return broker.admin ? syncDeviceAccount(broker.admin, db, deviceId, broker.log, options) : Promise.resolve(null);
}

/**
 * Compares every device account on the broker with the database and mends the
 * difference: missing or stale accounts are written, accounts of revoked or
 * deleted devices are removed and disconnected. Covers a broker that was down
 * during a change, a new broker, and accounts edited by hand.
 */
export async function reconcileDeviceAccounts(
  admin: BrokerAdmin,
  db: Kysely<DB>,
): Promise<{ written: number; removed: number }> {
  const devices = await db
    .selectFrom("device")
    .select(["enterprise_id", "id", "code", "broker_password_hash"])
    .where("broker_password_hash", "is not", null)
    .where("credential_revoked_at", "is", null)
    .execute();
  const onBroker = new Map((await admin.listDevices()).map((a) => [a.username, a.passwordHash]));
  let written = 0;
  for (const device of devices) {
    const held = onBroker.get(device.id);
    if (held === device.broker_password_hash) continue;
    // A different hash means an outdated credential: the account goes first, and its connections with it.
    if (held !== undefined) await admin.deleteDevice(device.id);
    await admin.putDevice({
      username: device.id,
      passwordHash: device.broker_password_hash!,
      enterpriseId: device.enterprise_id,
      deviceCode: device.code,
    });
    written++;
  }
  const wanted = new Set(devices.map((d) => d.id));
  let removed = 0;
  for (const username of onBroker.keys()) {
    if (wanted.has(username)) continue;
    await admin.deleteDevice(username);
    removed++;
  }
  return { written, removed };
}
