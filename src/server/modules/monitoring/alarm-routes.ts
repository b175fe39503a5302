import { Type } from "typebox";
import { alarmCapAlert } from "../../../domain/cap/alarm-alert";
import { atomDateTime, buildAtomFeed } from "../../../domain/cap/atom-feed";
import { buildCapAlert } from "../../../domain/cap/cap-alert";
import { type AlarmAction, type AlarmLifecycle, applyAlarmAction } from "../../../domain/monitoring/alarm-lifecycle";
import type { DeviceType } from "../../../domain/monitoring/device-types";
import type { AlarmRuleKind } from "../../../domain/monitoring/rules";
import { recordAudit } from "../../audit/record-audit";
import { recheckPrincipal } from "../../auth/authenticate";
import type { Principal } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import { AppError, type LocalisedText, notFound } from "../../errors";
import { type App, actorOf, principalOf } from "../../types";

const THE_ALARM: LocalisedText = { "zh-CN": "该报警", en: "The alarm" };
const STATUS = Type.Union([
  Type.Literal("active_unacknowledged"),
  Type.Literal("acknowledged"),
  Type.Literal("cleared_unacknowledged"),
  Type.Literal("cleared"),
]);
// Cleared alarms stay in the CAP feed this long, so a reader polling it sees them end.
const CLEARED_IN_FEED_MS = 24 * 3600_000;
/** Open alarm streams one user may hold in one server process (a console on a few screens). */
export const MAX_STREAMS_PER_USER = 3;

export async function alarmRoutes(app: App) {
  const { db } = app.database;
  // Open event streams end before the server closes, so a graceful shutdown is not held up by them.
  const streams = new Set<{ end(): void }>();
  const streamsPerUser = new Map<string, number>();
  app.addHook("preClose", async () => {
    for (const stream of [...streams]) stream.end();
  });

  const alarms = (principal: Principal) =>
    db
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
      .where((eb) => enterpriseInScope(eb as never, principal.scope));
  type Row = Awaited<ReturnType<ReturnType<typeof alarms>["execute"]>>[number];
  const present = (row: Row, locale: "zh-CN" | "en") => ({
    id: row.id,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    deviceId: row.device_id,
    deviceName: row.device_name,
    deviceCode: row.device_code,
    ruleId: row.rule_id,
    ruleKind: row.rule_kind,
    severity: row.severity,
    status: row.status,
    message: locale === "en" ? row.message_en : row.message_zh,
    lastValue: row.last_value,
    peak: row.peak,
    raisedAt: row.raised_at.toISOString(),
    lastUpdateAt: row.last_update_at.toISOString(),
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    acknowledgeNote: row.acknowledge_note,
    clearedAt: row.cleared_at?.toISOString() ?? null,
    disposals: row.disposals,
  });

  app.get(
    "/alarms",
    {
      config: { permission: "monitoring:read" },
      schema: {
        tags: ["monitoring"],
        summary: "Alarms in the caller's scope, newest first, filterable by territory, enterprise, severity and status",
        querystring: Type.Object(
          {
            enterpriseId: Type.Optional(Type.String({ format: "uuid" })),
            deviceId: Type.Optional(Type.String({ format: "uuid" })),
            territoryId: Type.Optional(Type.String({ format: "uuid" })),
            severity: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
            status: Type.Optional(STATUS),
            open: Type.Optional(
              Type.Boolean({ description: "only alarms still active or waiting for acknowledgement" }),
            ),
            pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const q = request.query;
      let query = alarms(principalOf(request));
      if (q.enterpriseId) query = query.where("alarm.enterprise_id", "=", q.enterpriseId);
      if (q.deviceId) query = query.where("alarm.device_id", "=", q.deviceId);
      if (q.territoryId) {
        const territory = await db
          .selectFrom("territory")
          .select("path")
          .where("id", "=", q.territoryId)
          .executeTakeFirst();
        query = query.where("alarm.territory_path", "like", `${territory?.path ?? "/-/"}%`);
      }
      if (q.severity) query = query.where("alarm.severity", "=", q.severity);
      if (q.status) query = query.where("alarm.status", "=", q.status);
      if (q.open) query = query.where("alarm.status", "<>", "cleared");
      const rows = await query.orderBy("alarm.raised_at", "desc").limit(q.pageSize).execute();
      return { items: rows.map((r) => present(r, request.locale)) };
    },
  );

  /** Applies an acknowledgement or a disposal through the life cycle's rules and records it. */
  async function act(
    request: Parameters<typeof principalOf>[0],
    id: string,
    build: (by: string, at: Date) => AlarmAction,
  ) {
    const principal = principalOf(request);
    const row = await alarms(principal).where("alarm.id", "=", id).executeTakeFirst();
    if (!row) throw notFound(THE_ALARM);
    const lifecycle: AlarmLifecycle = {
      status: row.status,
      raisedAt: row.raised_at,
      acknowledgedAt: row.acknowledged_at,
      acknowledgedBy: row.acknowledged_by,
      acknowledgeNote: row.acknowledge_note,
      clearedAt: row.cleared_at,
      clearValue: row.clear_value,
      disposals: row.disposals.map((d) => ({ ...d, at: new Date(d.at) })),
    };
    const result = applyAlarmAction(lifecycle, build(principal.displayName, new Date()));
    if (!result.ok) {
      throw new AppError(result.error.code === "illegal_transition" ? "CONFLICT" : "VALIDATION_FAILED", {
        "zh-CN": result.error.messageZh,
        en: result.error.messageEn,
      });
    }
    const next = result.alarm;
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("alarm")
        .set({
          status: next.status,
          acknowledged_at: next.acknowledgedAt,
          acknowledged_by: next.acknowledgedAt ? principal.userId : null,
          acknowledge_note: next.acknowledgeNote,
          disposals: JSON.stringify(next.disposals),
          changed_at: new Date(),
        })
        .where("enterprise_id", "=", row.enterprise_id)
        .where("id", "=", row.id)
        .execute();
      await recordAudit(trx, actorOf(request), {
        action: next.disposals.length > row.disposals.length ? "dispose" : "acknowledge",
        entityType: "alarm",
        entityId: row.id,
        enterpriseId: row.enterprise_id,
        territoryPath: row.territory_path,
        before: { status: row.status },
        after: { status: next.status, disposals: next.disposals.length, note: next.acknowledgeNote },
      });
    });
    const updated = await alarms(principal).where("alarm.id", "=", id).executeTakeFirstOrThrow();
    return present(updated, request.locale);
  }

  app.post(
    "/alarms/:id/acknowledge",
    {
      config: { permission: "alarm:respond" },
      schema: {
        tags: ["monitoring"],
        summary: "Acknowledge an alarm (recorded with who and when)",
        params: Type.Object({ id: Type.String({ format: "uuid" }) }),
        body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false }),
      },
    },
    async (request) =>
      act(request, request.params.id, (by, at) => ({ type: "acknowledge", by, at, note: request.body.note })),
  );

  app.post(
    "/alarms/:id/dispose",
    {
      config: { permission: "alarm:respond" },
      schema: {
        tags: ["monitoring"],
        summary: "Record the disposal of an acknowledged or cleared alarm: cause and action taken",
        params: Type.Object({ id: Type.String({ format: "uuid" }) }),
        body: Type.Object(
          {
            cause: Type.String({ minLength: 2, maxLength: 1000 }),
            actionTaken: Type.String({ minLength: 2, maxLength: 1000 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) =>
      act(request, request.params.id, (by, at) => ({
        type: "dispose",
        by,
        at,
        cause: request.body.cause,
        actionTaken: request.body.actionTaken,
      })),
  );

  app.get(
    "/alarms/stream",
    {
      config: { permission: "monitoring:read" },
      schema: {
        tags: ["monitoring"],
        summary:
          "Server-sent events: an `alarm` event whenever an alarm in the caller's scope changes, a `ping` every 15 s",
        // EventSource cannot send Accept-Language, so the page passes its language here.
        querystring: Type.Object({ lang: Type.Optional(Type.Union([Type.Literal("zh-CN"), Type.Literal("en")])) }),
      },
    },
    async (request, reply) => {
      let principal = principalOf(request);
      const userId = principal.userId;
      const open = streamsPerUser.get(userId) ?? 0;
      if (open >= MAX_STREAMS_PER_USER) {
        throw new AppError("RATE_LIMITED", {
          "zh-CN": `您已打开 ${open} 个实时报警连接（上限 ${MAX_STREAMS_PER_USER} 个）；请关闭其他报警台页面后重试`,
          en: `You already have ${open} live alarm streams open (at most ${MAX_STREAMS_PER_USER}); close another alarm console tab and try again`,
        });
      }
      streamsPerUser.set(userId, open + 1);
      const locale = request.query.lang ?? request.locale;
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      });
      raw.write("retry: 3000\n\n");
      // Every process polls its own clients' scope, so alarms raised by any server process reach every console.
      let cursor = new Date();
      let busy = false;
      let ended = false;
      const seen = new Map<string, number>();
      const poll = async () => {
        if (busy || ended) return;
        busy = true;
        try {
          // Asked again at every poll: a revoked session or token, a disabled account or a narrowed scope takes effect within a second.
          const current = await recheckPrincipal(db, principal);
          if (!current?.permissions.includes("monitoring:read")) {
            raw.write(`event: end\ndata: ${JSON.stringify({ reason: "access-ended" })}\n\n`);
            stream.end();
            return;
          }
          principal = current;
          const rows = await alarms(principal)
            .where("alarm.changed_at", ">=", cursor)
            .orderBy("alarm.changed_at")
            .limit(500)
            .execute();
          for (const row of rows) {
            const version = row.changed_at.getTime();
            if (seen.get(row.id) === version) continue;
            seen.set(row.id, version);
            raw.write(`event: alarm\nid: ${row.id}:${version}\ndata: ${JSON.stringify(present(row, locale))}\n\n`);
            if (row.changed_at > cursor) cursor = row.changed_at;
          }
        } catch (error) {
          request.log.warn({ err: error }, "alarm stream poll failed");
        } finally {
          busy = false;
        }
      };
      const timer = setInterval(poll, 1000);
      const ping = setInterval(() => raw.write(`event: ping\ndata: ${Date.now()}\n\n`), 15_000);
      const release = () => {
        if (ended) return;
        ended = true;
        clearInterval(timer);
        clearInterval(ping);
        streams.delete(stream);
        const left = (streamsPerUser.get(userId) ?? 1) - 1;
        if (left > 0) streamsPerUser.set(userId, left);
        else streamsPerUser.delete(userId);
      };
      const stream = {
        end() {
          release();
          raw.end();
        },
      };
      streams.add(stream);
      // The response closes when the client goes away (or after end()).
      raw.on("close", release);
    },
  );

  app.get(
    "/cap/alerts.xml",
    {
      config: { permission: "monitoring:read" },
      schema: {
        tags: ["monitoring"],
        summary:
          "Active device alarms (and those cleared in the last 24 h) as OASIS CAP 1.2 alerts in an Atom feed; ?territory=CODE narrows it",
        querystring: Type.Object(
          { territory: Type.Optional(Type.String({ maxLength: 20 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const now = new Date();
      let query = alarms(principal)
        .where("alarm.source", "=", "device")
        .where((eb) =>
          eb.or([
            eb("alarm.status", "in", ["active_unacknowledged", "acknowledged"]),
            eb("alarm.cleared_at", ">", new Date(now.getTime() - CLEARED_IN_FEED_MS)),
          ]),
        );
      if (request.query.territory) {
        const territory = await db
          .selectFrom("territory")
          .select("path")
          .where("code", "=", request.query.territory)
          .executeTakeFirst();
        if (!territory)
          throw notFound({
            "zh-CN": `属地编码 ${request.query.territory}`,
            en: `Territory code ${request.query.territory}`,
          });
        query = query.where("alarm.territory_path", "like", `${territory.path}%`);
      }
      const rows = await query.orderBy("alarm.raised_at", "desc").limit(500).execute();
      const sender = `${request.host.split(":")[0] || "dualguard"}`;
      const entries = rows.map((row) => {
        const cleared = row.status === "cleared" || row.status === "cleared_unacknowledged";
        const lng = row.lng ?? row.enterprise_lng ?? 0;
        const lat = row.lat ?? row.enterprise_lat ?? 0;
        const raisedSent = row.raised_at;
        const capInput = alarmCapAlert(
          {
            alarmId: row.id,
            deviceId: row.device_id ?? "",
            deviceName: row.device_name ?? "",
            deviceType: (row.device_type ?? "combustible_gas") as DeviceType,
            ruleId: row.rule_id,
            ruleKind: row.rule_kind as AlarmRuleKind,
            severity: row.severity as 1,
            message: { zh: row.message_zh, en: row.message_en },
            value: row.last_value ?? 0,
            peak: row.peak ?? row.last_value ?? 0,
            raisedAt: row.raised_at,
            enterpriseName: row.enterprise_name,
            area: {
              areaDesc: `${row.enterprise_name} ${row.device_name ?? ""}`.trim(),
              circle: { lat, lng, radiusKm: 0 },
            },
          },
          cleared ? "clear" : "raise",
          {
            sender,
            sent: cleared ? (row.cleared_at ?? now) : raisedSent,
            sequence: cleared ? 2 : 1,
            previous: cleared ? [{ identifier: `dualguard.alarm.${row.id}.1`, sent: raisedSent }] : [],
            web: `${request.protocol}://${request.host}/alarms/${row.id}`,
          },
        );
        const capXml = buildCapAlert(capInput);
        return {
          id: `urn:dualguard:cap:${sender}:${capInput.identifier}`,
          title: `${row.enterprise_name}: ${row.message_en}`,
          updated: cleared ? (row.cleared_at ?? now) : row.last_update_at,
          capXml,
        };
      });
      const feed = buildAtomFeed({
        id: `urn:dualguard:cap:${sender}:feed${request.query.territory ? `:${request.query.territory}` : ""}`,
        title: "DualGuard alarms (CAP 1.2)",
        updated: now,
        authorName: "DualGuard",
        selfHref: `${request.protocol}://${request.host}${request.url}`,
        entries,
      });
      reply.header("x-generated-at", atomDateTime(now));
      return reply.type("application/atom+xml; charset=utf-8").send(feed);
    },
  );
}
