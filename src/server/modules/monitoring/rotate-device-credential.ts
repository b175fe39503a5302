import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../audit/record-audit";
import { hashSecret, newSecret } from "../../auth/tokens";
import type { DB } from "../../db/schema";
import { brokerPasswordHash } from "../../ingestion/broker-admin";

export const DEVICE_TOKEN_PREFIX = "dgd_";

/** A new device credential and the two hashes stored for it: ours for HTTP, the broker's for MQTT. */
export function newDeviceCredential(): { credential: string; credentialHash: string; brokerPasswordHash: string } {
  const credential = newSecret(DEVICE_TOKEN_PREFIX);
  return { credential, credentialHash: hashSecret(credential), brokerPasswordHash: brokerPasswordHash(credential) };
}

/**
 * Gives a device a new credential (shown once) and ends the old one: HTTP
 * stops accepting it when this commits; the caller then updates the broker.
 */
export async function rotateDeviceCredential(
  db: Kysely<DB>,
  actor: Actor,
  device: { enterprise_id: string; id: string },
): Promise<string> {
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
  return fresh.credential;
}

/** Ends a device's credential without a new one: it can send nothing until rotated again. */
export async function revokeDeviceCredential(
  db: Kysely<DB>,
  actor: Actor,
  device: { enterprise_id: string; id: string },
): Promise<void> {
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
}
