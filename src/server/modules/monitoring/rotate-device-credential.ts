import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import { hashSecret, newSecret } from "../../auth/tokens";
import type { DB } from "../../db/schema";
import { brokerPasswordHash } from "../../ingestion/broker-admin";
import { type DeviceBroker, updateDeviceAccount } from "./device-broker-accounts";
import { requireDeviceManager } from "./device-checks";
import { findDevice } from "./find-devices";

export const DEVICE_TOKEN_PREFIX = "dgd_";

/** A new device credential and the two hashes stored for it: ours for HTTP, the broker's for MQTT. */
export function newDeviceCredential(): { credential: string; credentialHash: string; brokerPasswordHash: string } {
  const credential = newSecret(DEVICE_TOKEN_PREFIX);
  return { credential, credentialHash: hashSecret(credential), brokerPasswordHash: brokerPasswordHash(credential) };
}

/**
 * Gives one of the caller's devices a new credential (shown once) and ends the old one: HTTP stops accepting it when
 * this commits, and the broker account is replaced, which closes the device's open connections.
 */
export async function rotateDeviceCredential(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  deviceId: string,
  broker: DeviceBroker,
) {
  const device = await findDevice(db, principal.scope, deviceId);
  requireDeviceManager(principal, device.enterprise_id);
  const fresh = newDeviceCredential();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("device")
      .set({
        credential_hash: fresh.credentialHash,
        broker_password_hash: fresh.brokerPasswordHash,
        credential_rotated_at: new Date(),
        credential_revoked_at: null,
      })
      .where("enterprise_id", "=", device.enterprise_id)
      .where("id", "=", device.id)
      .execute();
    await recordAudit(trx, actor, {
      action: "update",
      entityType: "device_credential",
      entityId: device.id,
      enterpriseId: device.enterprise_id,
      after: { rotated: true },
    });
  });
  const brokerUpdated = await updateDeviceAccount(broker, db, device.id, { replace: true });
  return { device, credential: fresh.credential, brokerUpdated };
}

/** Ends one of the caller's devices' credential without a new one: it can send nothing, HTTP or MQTT, until rotated. */
export async function revokeDeviceCredential(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  deviceId: string,
  broker: DeviceBroker,
): Promise<{ brokerUpdated: boolean | null }> {
  const device = await findDevice(db, principal.scope, deviceId);
  requireDeviceManager(principal, device.enterprise_id);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("device")
      .set({ credential_hash: null, broker_password_hash: null, credential_revoked_at: new Date() })
      .where("enterprise_id", "=", device.enterprise_id)
      .where("id", "=", device.id)
      .execute();
    await recordAudit(trx, actor, {
      action: "update",
      entityType: "device_credential",
      entityId: device.id,
      enterpriseId: device.enterprise_id,
      after: { revoked: true },
    });
  });
  return { brokerUpdated: await updateDeviceAccount(broker, db, device.id, { replace: true }) };
}
