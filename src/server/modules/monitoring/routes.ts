import { sql } from "kysely";
import { Type } from "typebox";
import { DEVICE_TYPES, type DeviceType, deviceTypeInfo } from "../../../domain/monitoring/device-types";
import { type AlarmRule, type AlarmRuleOverride, effectiveRules, ruleProblems } from "../../../domain/monitoring/rules";
import { recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import { hashSecret } from "../../auth/tokens";
import { AppError, conflict, forbidden, invalidFields, type LocalisedText, notFound } from "../../errors";
import { NullableNumber, NullableString } from "../../http/schemas";
import { readingsRoutingKey } from "../../ingestion/broker-admin";
import { isTransientDatabaseError } from "../../ingestion/transient-errors";
import { type App, actorOf, principalOf } from "../../types";
import { syncDeviceAccount } from "./device-broker-accounts";
import {
  DEVICE_TOKEN_PREFIX,
  newDeviceCredential,
  revokeDeviceCredential,
  rotateDeviceCredential,
} from "./rotate-device-credential";
import { type IngestCaller, MAX_BATCH } from "./store-readings";

const THE_DEVICE: LocalisedText = { "zh-CN": "该设备", en: "The device" };

const DeviceTypeSchema = Type.Union(DEVICE_TYPES.map((t) => Type.Literal(t)));

const DeviceBody = Type.Object(
  {
    enterpriseId: Type.String({ format: "uuid" }),
    code: Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: "^[A-Za-z0-9._-]+$",
      description: "The device's own id, as used in MQTT topics",
    }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    deviceType: DeviceTypeSchema,
    riskPointId: Type.Optional(Type.String({ format: "uuid" })),
    majorHazardUnitId: Type.Optional(Type.String({ format: "uuid" })),
    lng: Type.Optional(NullableNumber({ minimum: -180, maximum: 180 })),
    lat: Type.Optional(NullableNumber({ minimum: -90, maximum: 90 })),
    installDate: Type.Optional(Type.String({ format: "date" })),
    calibrationDue: Type.Optional(Type.String({ format: "date" })),
  },
  { additionalProperties: false },
);

function presentDevice(row: {
  enterprise_id: string;
  enterprise_name?: string;
  id: string;
  code: string;
  name: string;
  device_type: string;
  unit: string;
  risk_point_id: string | null;
  major_hazard_unit_id: string | null;
  lng: number | null;
  lat: number | null;
  install_date: string | null;
  calibration_due: string | null;
  last_value: number | null;
  last_ts: Date | null;
  credential_rotated_at?: Date | null;
  credential_revoked_at?: Date | null;
}) {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name ?? null,
    code: row.code,
    name: row.name,
    deviceType: row.device_type,
    unit: row.unit,
    riskPointId: row.risk_point_id,
    majorHazardUnitId: row.major_hazard_unit_id,
    lng: row.lng,
    lat: row.lat,
    installDate: row.install_date,
    calibrationDue: row.calibration_due,
    lastValue: row.last_value,
    lastTs: row.last_ts?.toISOString() ?? null,
    credentialRotatedAt: row.credential_rotated_at?.toISOString() ?? null,
    credentialRevokedAt: row.credential_revoked_at?.toISOString() ?? null,
  };
}

/** How a device connects over MQTT, when the installation runs a broker: user name, topic and address. */
function mqttAccess(app: App, device: { id: string; enterprise_id: string; code: string }) {
  const broker = app.config.broker;
  if (!broker) return null;
  return {
    url: broker.mqttUrl ?? null,
    username: device.id,
    topic: `dualguard/${device.enterprise_id}/${device.code}/readings`,
    routingKey: readingsRoutingKey(device.enterprise_id, device.code),
  };
}

const DEAD_LETTER_TEXT: Record<string, LocalisedText> = {
  not_json: {
    "zh-CN": "消息不是 JSON：检查设备的数据格式",
    en: "The message is not JSON: check the device's data format",
  },
  too_large: {
    "zh-CN": "消息超过 512 KB：请分成多条发送",
    en: "The message is over 512 kB: send it in several messages",
  },
  too_many_readings: {
    "zh-CN": "一条消息超过 1000 条读数：请分成多条发送",
    en: "More than 1,000 readings in one message: send them in several messages",
  },
  not_readings: {
    "zh-CN": "消息中没有读数：应为 {ts, value}、其数组或 {readings: [...]}",
    en: "No readings in the message: send {ts, value}, an array of them, or {readings: [...]}",
  },
  unknown_device: {
    "zh-CN": "主题中的设备编号未登记：请先登记设备或更正主题",
    en: "The device code in the topic is not registered: register the device or correct the topic",
  },
  bad_timestamp: {
    "zh-CN": "时间戳无效：应为 ISO 8601 时间或毫秒数",
    en: "Invalid timestamp: use ISO 8601 or epoch milliseconds",
  },
  future_timestamp: {
    "zh-CN": "时间戳超前服务器时间 5 分钟以上：请校准设备时钟",
    en: "Timestamp more than 5 minutes ahead of the server: fix the device clock",
  },
  too_old: {
    "zh-CN": "时间戳早于数据保存期：请校准设备时钟",
    en: "Timestamp older than the retention period: fix the device clock",
  },
  not_numeric: { "zh-CN": "读数不是有限数字", en: "The value is not a finite number" },
  unprocessable: {
    "zh-CN": "消息无法保存（详见说明），已记录以免阻塞其他数据",
    en: "The message could not be stored (see the detail); it was set aside so it does not block other data",
  },
  redelivery_limit: {
    "zh-CN": "消息多次投递仍未能处理，已搁置：请联系系统管理员",
    en: "The message failed on every delivery and was set aside: tell the system administrator",
  },
};

const deadLetterText = (reason: string): LocalisedText => DEAD_LETTER_TEXT[reason] ?? { "zh-CN": reason, en: reason };

function requireDeviceManager(principal: Principal, enterpriseId: string) {
  if (!(principal.scope.kind === "enterprises" && principal.scope.enterpriseIds.includes(enterpriseId))) {
    throw forbidden({ "zh-CN": "监测设备由企业登记和维护", en: "Monitoring devices are registered by the enterprise" });
  }
}

/** What the server did with each batch of readings sent over HTTP. */
const IngestAnswer = Type.Object({
  accepted: Type.Integer({ description: "Readings stored now" }),
  duplicates: Type.Integer({ description: "Readings already stored earlier (a resend)" }),
  rejected: Type.Array(
    Type.Object({
      index: Type.Integer({ description: "Position of the reading in the batch" }),
      deviceId: NullableString(),
      reason: Type.String(),
      message: Type.String({ description: "Why, in the caller's language" }),
    }),
  ),
});

export async function monitoringRoutes(app: App) {
  const { db } = app.database;

  const devices = (principal: Principal) =>
    db
      .selectFrom("device")
      .innerJoin("enterprise", "enterprise.id", "device.enterprise_id")
      .selectAll("device")
      .select("enterprise.name as enterprise_name")
      .where((eb) => enterpriseInScope(eb as never, principal.scope));

  /** A device watches a risk point or major hazard unit of its own enterprise, never another's. */
  const requireSameEnterprise = async (enterpriseId: string, riskPointId?: string, unitId?: string) => {
    const problems: { field: string; text: LocalisedText }[] = [];
    if (riskPointId) {
      const point = await db
        .selectFrom("risk_point")
        .select("id")
        .where("owner_id", "=", enterpriseId)
        .where("id", "=", riskPointId)
        .executeTakeFirst();
      if (!point)
        problems.push({
          field: "riskPointId",
          text: {
            "zh-CN": "该风险点不属于此企业：请选择本企业的风险点",
            en: "That risk point is not this enterprise's: choose one of its own",
          },
        });
    }
    if (unitId) {
      const unit = await db
        .selectFrom("major_hazard_unit")
        .select("id")
        .where("enterprise_id", "=", enterpriseId)
        .where("id", "=", unitId)
        .executeTakeFirst();
      if (!unit)
        problems.push({
          field: "majorHazardUnitId",
          text: {
            "zh-CN": "该重大危险源单元不属于此企业：请选择本企业的单元",
            en: "That major hazard unit is not this enterprise's: choose one of its own",
          },
        });
    }
    if (problems.length > 0) throw invalidFields(problems);
  };

  app.post(
    "/devices",
    {
      config: { permission: "monitoring:manage" },
      schema: {
        tags: ["monitoring"],
        summary: "Register a monitoring device; its credential is shown once",
        body: DeviceBody,
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
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
      await requireSameEnterprise(body.enterpriseId, body.riskPointId, body.majorHazardUnitId);
      const { credential, credentialHash, brokerPasswordHash } = newDeviceCredential();
      const created = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto("device")
          .values({
            enterprise_id: body.enterpriseId,
            code: body.code,
            name: body.name,
            device_type: body.deviceType as DeviceType,
            unit: deviceTypeInfo(body.deviceType as DeviceType).unit,
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
        await recordAudit(trx, actorOf(request), {
          action: "create",
          entityType: "device",
          entityId: row.id,
          enterpriseId: body.enterpriseId,
          after: body,
        });
        return row;
      });
      const brokerUpdated = app.brokerAdmin
        ? await syncDeviceAccount(app.brokerAdmin, db, created.id, request.log, { replace: false })
        : null;
      return reply
        .status(201)
        .send({ ...presentDevice(created), credential, mqtt: mqttAccess(app, created), brokerUpdated });
    },
  );

  app.get(
    "/devices",
    {
      config: { permission: "monitoring:read" },
      schema: {
        tags: ["monitoring"],
        summary: "Devices in the caller's scope with their last value",
        querystring: Type.Object(
          { enterpriseId: Type.Optional(Type.String({ format: "uuid" })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      let query = devices(principalOf(request));
      if (request.query.enterpriseId) query = query.where("device.enterprise_id", "=", request.query.enterpriseId);
      const rows = await query.orderBy("device.code").limit(1000).execute();
      return { items: rows.map(presentDevice) };
    },
  );

  app.get(
    "/devices/:id/rules",
    {
      config: { permission: "monitoring:read" },
      schema: {
        tags: ["monitoring"],
        summary: "A device's alarm rules: its type's defaults with the device's overrides applied",
        params: Type.Object({ id: Type.String({ format: "uuid" }) }),
      },
    },
    async (request) => {
      const device = await devices(principalOf(request)).where("device.id", "=", request.params.id).executeTakeFirst();
      if (!device) throw notFound(THE_DEVICE);
      return {
        overrides: device.rule_overrides,
        rules: effectiveRules(device.device_type as DeviceType, device.rule_overrides as AlarmRuleOverride[]),
      };
    },
  );

  app.put(
    "/devices/:id/rules",
    {
      config: { permission: "monitoring:manage" },
      schema: {
        tags: ["monitoring"],
        summary:
          "Override a device's alarm rules by rule id (thresholds, hysteresis, durations, severity, enabled); an unknown id adds a rule",
        params: Type.Object({ id: Type.String({ format: "uuid" }) }),
        body: Type.Object(
          {
            overrides: Type.Array(
              Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: true }),
              { maxItems: 50 },
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const device = await devices(principal).where("device.id", "=", request.params.id).executeTakeFirst();
      if (!device) throw notFound(THE_DEVICE);
      requireDeviceManager(principal, device.enterprise_id);
      const overrides = request.body.overrides as AlarmRuleOverride[];
      // Each override as it would apply (effectiveRules falls back to the default for a bad one; here it is refused).
      const defaults = deviceTypeInfo(device.device_type as DeviceType).defaultRules;
      const problems = overrides.flatMap((override) => {
        const base = defaults.find((rule) => rule.id === override.id);
        return ruleProblems((base ? { ...base, ...override } : override) as AlarmRule);
      });
      const rules = effectiveRules(device.device_type as DeviceType, overrides);
      if (problems.length > 0) {
        throw invalidFields(
          problems.map((p) => ({ field: `overrides.${p.ruleId}`, text: { "zh-CN": p.messageZh, en: p.messageEn } })),
        );
      }
      await db.transaction().execute(async (trx) => {
        // A changed rule starts its evaluation afresh; its open alarm clears on the next reading if the condition is gone.
        await trx
          .updateTable("device")
          .set({ rule_overrides: JSON.stringify(overrides), rule_state: "{}" })
          .where("enterprise_id", "=", device.enterprise_id)
          .where("id", "=", device.id)
          .execute();
        await recordAudit(trx, actorOf(request), {
          action: "update",
          entityType: "device_rules",
          entityId: device.id,
          enterpriseId: device.enterprise_id,
          before: device.rule_overrides,
          after: overrides,
        });
      });
      return { overrides, rules };
    },
  );

  app.get(
    "/devices/:id/readings",
    {
      config: { permission: "monitoring:read" },
      schema: {
        tags: ["monitoring"],
        summary: "A device's readings over a time range (newest last)",
        params: Type.Object({ id: Type.String({ format: "uuid" }) }),
        querystring: Type.Object(
          {
            from: Type.Optional(Type.String({ format: "date-time" })),
            to: Type.Optional(Type.String({ format: "date-time" })),
            limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 1000 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const device = await devices(principalOf(request)).where("device.id", "=", request.params.id).executeTakeFirst();
      if (!device) throw notFound(THE_DEVICE);
      const to = request.query.to ? new Date(request.query.to) : new Date();
      const from = request.query.from ? new Date(request.query.from) : new Date(to.getTime() - 24 * 3600_000);
      const rows = await db
        .selectFrom("reading")
        .select(["ts", "value"])
        .where("enterprise_id", "=", device.enterprise_id)
        .where("device_id", "=", device.id)
        .where("ts", ">=", from)
        .where("ts", "<=", to)
        .orderBy("ts", "desc")
        .limit(request.query.limit)
        .execute();
      return {
        device: presentDevice(device),
        mqtt: mqttAccess(app, device),
        readings: rows.reverse().map((r) => ({ ts: r.ts.toISOString(), value: r.value })),
      };
    },
  );

  app.post(
    "/ingest/readings",
    {
      // Devices authenticate with their own credential, gateways with an API token; checked below.
      config: { public: true, rateLimit: { max: 6000, timeWindow: "1 minute" } },
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags: ["monitoring"],
        summary:
          "Send readings: Authorization: Bearer <device credential or gateway API token>; 200 only after they are committed",
        body: Type.Object(
          { readings: Type.Array(Type.Object({}, { additionalProperties: true })) },
          { additionalProperties: false },
        ),
        // 422 when nothing of the batch could be stored: the same answer, saying why for each reading.
        response: { 200: IngestAnswer, 422: IngestAnswer },
      },
    },
    async (request, reply) => {
      const header = request.headers.authorization ?? "";
      const token = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
      let caller: IngestCaller;
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
        caller = { kind: "device", enterpriseId: device.enterprise_id, deviceId: device.id };
      } else if (request.principal?.via === "token" && request.principal.permissions.includes("monitoring:ingest")) {
        // Bearer tokens only: a browser session must not be usable to post readings across sites.
        // (The route is public to the cookie-checking hook, so CSRF would not be checked here.)
        const scope = request.principal.scope;
        caller =
          scope.kind === "enterprises"
            ? { kind: "gateway", enterpriseIds: scope.enterpriseIds }
            : {
                kind: "gateway",
                enterpriseIds: (
                  await db
                    .selectFrom("enterprise")
                    .select("id")
                    .where((eb) => enterpriseInScope(eb, scope))
                    .execute()
                ).map((e) => e.id),
              };
      } else {
        throw new AppError("NOT_AUTHENTICATED", {
          "zh-CN": "请以设备凭证（dgd_…）或具有数据接入权限的 API 令牌（dg_…）认证",
          en: "Authenticate with a device credential (dgd_…) or an API token (dg_…) allowed to ingest",
        });
      }
      const readings = request.body.readings as Record<string, unknown>[];
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
      // Stored with whatever else arrives meanwhile (HTTP and broker alike); a 200 means readings and alarms are committed.
      const result = await app.ingest.submit({ caller, readings, channel: "http" }).catch((error) => {
        if (!isTransientDatabaseError(error)) throw error;
        throw new AppError("SERVICE_UNAVAILABLE", {
          "zh-CN": "数据库暂时不可用，读数未保存：请稍后重发",
          en: "The database is unavailable for a moment and the readings were not stored: send them again shortly",
        });
      });
      return reply.status(result.rejected.length > 0 && result.accepted + result.duplicates === 0 ? 422 : 200).send({
        accepted: result.accepted,
        duplicates: result.duplicates,
        rejected: result.rejected.map((r) => ({
          index: r.index,
          deviceId: r.deviceId,
          reason: r.reason,
          message: r.text[request.locale],
        })),
      });
    },
  );

  app.post(
    "/devices/:id/credential",
    {
      config: { permission: "monitoring:manage" },
      schema: {
        tags: ["monitoring"],
        summary:
          "Give a device a new credential (shown once); the old one stops working at once, over HTTP and at the broker",
        params: Type.Object({ id: Type.String({ format: "uuid" }) }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const device = await devices(principal).where("device.id", "=", request.params.id).executeTakeFirst();
      if (!device) throw notFound(THE_DEVICE);
      requireDeviceManager(principal, device.enterprise_id);
      const credential = await rotateDeviceCredential(db, actorOf(request), device);
      const brokerUpdated = app.brokerAdmin
        ? await syncDeviceAccount(app.brokerAdmin, db, device.id, request.log, { replace: true })
        : null;
      return { credential, mqtt: mqttAccess(app, device), brokerUpdated };
    },
  );

  app.delete(
    "/devices/:id/credential",
    {
      config: { permission: "monitoring:manage" },
      schema: {
        tags: ["monitoring"],
        summary: "Revoke a device's credential: it can send nothing (HTTP or MQTT) until given a new one",
        params: Type.Object({ id: Type.String({ format: "uuid" }) }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const device = await devices(principal).where("device.id", "=", request.params.id).executeTakeFirst();
      if (!device) throw notFound(THE_DEVICE);
      requireDeviceManager(principal, device.enterprise_id);
      await revokeDeviceCredential(db, actorOf(request), device);
      const brokerUpdated = app.brokerAdmin
        ? await syncDeviceAccount(app.brokerAdmin, db, device.id, request.log, { replace: true })
        : null;
      return { revoked: true, brokerUpdated };
    },
  );

  app.get(
    "/ingest/dead-letters",
    {
      config: { permission: "monitoring:read" },
      schema: {
        tags: ["monitoring"],
        summary:
          "Device messages that could not be stored (bad JSON, out-of-range time, too many readings …), newest first, with the reason",
        querystring: Type.Object(
          {
            enterpriseId: Type.Optional(Type.String({ format: "uuid" })),
            deviceCode: Type.Optional(Type.String({ maxLength: 64 })),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      let query = db
        .selectFrom("ingest_dead_letter")
        .innerJoin("enterprise", "enterprise.id", "ingest_dead_letter.enterprise_id")
        .selectAll("ingest_dead_letter")
        .select("enterprise.name as enterprise_name")
        .where((eb) => enterpriseInScope(eb as never, principal.scope));
      if (request.query.enterpriseId)
        query = query.where("ingest_dead_letter.enterprise_id", "=", request.query.enterpriseId);
      if (request.query.deviceCode)
        query = query.where("ingest_dead_letter.device_code", "=", request.query.deviceCode);
      const rows = await query.orderBy("ingest_dead_letter.last_at", "desc").limit(request.query.limit).execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          enterpriseId: r.enterprise_id,
          enterpriseName: r.enterprise_name,
          deviceCode: r.device_code,
          channel: r.channel,
          reason: r.reason,
          message: deadLetterText(r.reason)[request.locale],
          detail: r.detail,
          payloadExcerpt: r.payload_excerpt,
          count: r.count,
          firstAt: r.first_at.toISOString(),
          lastAt: r.last_at.toISOString(),
        })),
      };
    },
  );

  app.get(
    "/ingest/stats",
    {
      config: { permission: "monitoring:operate" },
      schema: {
        tags: ["monitoring"],
        summary: "Installation-wide counts of readings accepted, duplicated and rejected per day, channel and reason",
      },
    },
    async () => {
      const rows = await db
        .selectFrom("ingest_counter")
        .selectAll()
        .where(sql<boolean>`day >= current_date - 7`)
        .orderBy("day", "desc")
        .execute();
      return {
        items: rows.map((r) => ({ day: r.day, channel: r.channel, outcome: r.outcome, count: Number(r.count) })),
      };
    },
  );
}
