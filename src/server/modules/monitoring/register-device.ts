import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { deviceTypeInfo } from "../../../domain/monitoring/device-types";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { conflict } from "../../errors";
import { type DeviceBroker, updateDeviceAccount } from "./device-broker-accounts";
import { requireDeviceManager, requireSameEnterprise } from "./device-checks";
import { newDeviceCredential } from "./rotate-device-credential";
import type { DeviceBody } from "./schema";

/**
 * Registers a monitoring device of one of the caller's enterprises with a new credential, shown once; then gives it
 * a broker account when the installation runs a broker.
 */
export async function registerDevice(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  body: Static<typeof DeviceBody>,
  broker: DeviceBroker,
) {
  requireDeviceManager(principal, body.enterpriseId);
  const taken = await db
    .selectFrom("device")
    .select("id")
    .where("enterprise_id", "=", body.enterpriseId)
    .where("code", "=", body.code)
    .executeTakeFirst();
  if (taken)
    throw conflict({
      "zh-CN": `设备编号 ${body.code} 已登记`,
      en: `Device code ${body.code} is already registered`,
    });
  await requireSameEnterprise(db, body.enterpriseId, body.riskPointId, body.majorHazardUnitId);
  const { credential, credentialHash, brokerPasswordHash } = newDeviceCredential();
  const device = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("device")
      .values({
        enterprise_id: body.enterpriseId,
        code: body.code,
        name: body.name,
        device_type: body.deviceType,
        unit: deviceTypeInfo(body.deviceType).unit,
        risk_point_id: body.riskPointId ?? null,
        major_hazard_unit_id: body.majorHazardUnitId ?? null,
        lng: body.lng ?? null,
        lat: body.lat ?? null,
        install_date: body.installDate ?? null,
        calibration_due: body.calibrationDue ?? null,
        credential_hash: credentialHash,
        broker_password_hash: brokerPasswordHash,
        rule_overrides: "[]",
        rule_state: "{}",
        last_value: null,
        last_ts: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: "create",
      entityType: "device",
      entityId: row.id,
      enterpriseId: body.enterpriseId,
      after: body,
    });
    return row;
  });
  const brokerUpdated = await updateDeviceAccount(broker, db, device.id, { replace: false });
  return { device, credential, brokerUpdated };
}
