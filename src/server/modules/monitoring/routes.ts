import { sql } from "kysely";
import { Type } from "typebox";
import { DEVICE_TYPES, type DeviceType, deviceTypeInfo } from "../../../domain/monitoring/device-types";
import { type AlarmRule, type AlarmRuleOverride, effectiveRules, ruleProblems } from "../../../domain/monitoring/rules";
import { recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import { hashSecret, newSecret } from "../../auth/tokens";
import { AppError, conflict, forbidden, invalidFields, type LocalisedText, notFound } from "../../errors";
import { NullableNumber } from "../../http/schema-types";
import { type App, actorOf, principalOf } from "../../types";
import { evaluateStoredReadings } from "./evaluate-alarms";
import { type IngestCaller, ingestReadings, MAX_BATCH } from "./ingest-readings";

export const DEVICE_TOKEN_PREFIX = "dgd_";
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
  };
}

function requireDeviceManager(principal: Principal, enterpriseId: string) {
  if (!(principal.scope.kind === "enterprises" && principal.scope.enterpriseIds.includes(enterpriseId))) {
    throw forbidden({ "zh-CN": "监测设备由企业登记和维护", en: "Monitoring devices are registered by the enterprise" });
  }
}

export async function monitoringRoutes(app: App) {
  const { db } = app.database;

  const devices = (principal: Principal) =>
    db
      .selectFrom("device")
      .innerJoin("enterprise", "enterprise.id", "device.enterprise_id")
      .selectAll("device")
      .select("enterprise.name as enterprise_name")
      .where((eb) => enterpriseInScope(eb as never, principal.scope));

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
      const credential = newSecret(DEVICE_TOKEN_PREFIX);
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
            credential_hash: hashSecret(credential),
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
      return reply.status(201).send({ ...presentDevice(created), credential });
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
            "zh-CN": "设备凭证无效：请检查设备配置的凭证",
            en: "Invalid device credential: check the credential configured on the device",
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
      const now = new Date();
      const result = await db.transaction().execute(async (trx) => {
        const ingested = await ingestReadings(trx, caller, readings, now, "http");
        // Rules are evaluated in the same transaction: a 200 means readings and alarms are both committed.
        await evaluateStoredReadings(trx, ingested.stored, now);
        return ingested;
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
