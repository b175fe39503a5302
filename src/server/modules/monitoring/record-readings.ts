import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import { hashSecret } from "../../auth/tokens";
import type { DB } from "../../db/schema";
import { AppError, invalidFields } from "../../errors";
import type { IngestBatcher } from "../../ingestion/ingest-batcher";
import { isTransientDatabaseError } from "../../ingestion/transient-errors";
import { DEVICE_TOKEN_PREFIX } from "./rotate-device-credential";
import { type IncomingReading, type IngestCaller, type IngestResult, MAX_BATCH } from "./store-readings";

/**
 * Who sends readings over HTTP: a device with its own credential (Bearer dgd_…), or a gateway with an API token
 * allowed to ingest (Bearer dg_…) for the enterprises in its scope. A browser session is refused: the route is
 * public to the cookie-checking hook, so CSRF would not be checked here.
 */
export async function ingestCaller(
  db: Kysely<DB>,
  authorization: string | undefined,
  principal: Principal | null,
): Promise<IngestCaller> {
  const header = authorization ?? "";
  const token = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
  if (token.startsWith(DEVICE_TOKEN_PREFIX)) {
    const device = await db
      .selectFrom("device")
      .select(["enterprise_id", "id"])
      .where("credential_hash", "=", hashSecret(token))
      .executeTakeFirst();
    if (!device) {
      throw new AppError("NOT_AUTHENTICATED", {
        "zh-CN": "设备凭证无效或已吊销：请检查设备配置的凭证，或由企业为设备重新生成凭证",
        en: "Invalid or revoked device credential: check the credential on the device, or have the enterprise rotate it",
      });
    }
    return { kind: "device", enterpriseId: device.enterprise_id, deviceId: device.id };
  }
  if (principal?.via === "token" && principal.permissions.includes("monitoring:ingest")) {
    const scope = principal.scope;
    if (scope.kind === "enterprises") return { kind: "gateway", enterpriseIds: scope.enterpriseIds };
    const enterprises = await db
      .selectFrom("enterprise")
      .select("id")
      .where((eb) => enterpriseInScope(eb, scope))
      .execute();
    return { kind: "gateway", enterpriseIds: enterprises.map((e) => e.id) };
  }
  throw new AppError("NOT_AUTHENTICATED", {
    "zh-CN": "请以设备凭证（dgd_…）或具有数据接入权限的 API 令牌（dg_…）认证",
    en: "Authenticate with a device credential (dgd_…) or an API token (dg_…) allowed to ingest",
  });
}

/**
 * Stores a batch of readings with whatever else arrives meanwhile (HTTP and broker alike) and evaluates their alarm
 * rules; it returns once readings and alarms are committed. A database that is down for a moment answers 503.
 */
export async function recordReadings(
  ingest: IngestBatcher,
  caller: IngestCaller,
  readings: IncomingReading[],
): Promise<IngestResult> {
  if (readings.length > MAX_BATCH) {
    throw invalidFields([
      {
        field: "readings",
        text: {
          "zh-CN": `一批最多 ${MAX_BATCH} 条读数，请分批发送`,
          en: `At most ${MAX_BATCH} readings per batch; split the batch`,
        },
      },
    ]);
  }
  return ingest.submit({ caller, readings, channel: "http" }).catch((error) => {
    if (!isTransientDatabaseError(error)) throw error;
    throw new AppError("SERVICE_UNAVAILABLE", {
      "zh-CN": "数据库暂时不可用，读数未保存：请稍后重发",
      en: "The database is unavailable for a moment and the readings were not stored: send them again shortly",
    });
  });
}
