import type { FastifyRequest } from "fastify";
import { atomDateTime } from "../../../domain/cap/atom-feed";
import type { AlarmRuleOverride } from "../../../domain/monitoring/rules";
import { IdParams, Items } from "../../http/schemas";
import { type App, actorOf, principalOf } from "../../types";
import type { DeviceBroker } from "./device-broker-accounts";
import { findAlarms, findCapAlarms } from "./find-alarms";
import { findDeadLetters, findIngestCounts } from "./find-dead-letters";
import { findDevice, findDevices, findReadings } from "./find-devices";
import { presentAlarm } from "./present-alarm";
import { presentDevice, presentDeviceRules, presentMqttAccess } from "./present-device";
import { ingestStatus, presentDeadLetter, presentIngestCount, presentIngestResult } from "./present-ingest";
import { publishCapFeed } from "./publish-cap-feed";
import { ingestCaller, recordReadings } from "./record-readings";
import { registerDevice } from "./register-device";
import { acknowledgeAlarm, disposeAlarm } from "./respond-to-alarm";
import { revokeDeviceCredential, rotateDeviceCredential } from "./rotate-device-credential";
import {
  AcknowledgeBody,
  Alarm,
  AlarmList,
  AlarmListQuery,
  AlarmStream,
  AlarmStreamQuery,
  CapFeed,
  CapFeedQuery,
  DeadLetter,
  DeadLetterQuery,
  Device,
  DeviceBody,
  DeviceListQuery,
  DeviceReadings,
  DeviceRules,
  DeviceRulesBody,
  DisposeBody,
  IngestBody,
  IngestCount,
  IngestResult,
  NewCredential,
  ReadingsQuery,
  RegisteredDevice,
  RevokedCredential,
} from "./schema";
import { AlarmStreams } from "./stream-alarms";
import { updateDeviceRules } from "./update-device-rules";

const tags = ["monitoring"];

export async function monitoringRoutes(app: App) {
  const { db } = app.database;
  const broker = (request: FastifyRequest): DeviceBroker => ({ admin: app.brokerAdmin, log: request.log });
  const streams = new AlarmStreams(db);
  app.addHook("preClose", async () => streams.endAll());

  app.post(
    "/devices",
    {
      config: { permission: "monitoring:manage" },
      schema: {
        tags,
        summary: "Register a monitoring device; its credential is shown once",
        body: DeviceBody,
        response: { 201: RegisteredDevice },
      },
    },
    async (request, reply) => {
      const registered = await registerDevice(
        db,
        principalOf(request),
        actorOf(request),
        request.body,
        broker(request),
      );
      return reply.status(201).send({
        ...presentDevice(registered.device),
        credential: registered.credential,
        mqtt: presentMqttAccess(app.config.broker, registered.device),
        brokerUpdated: registered.brokerUpdated,
      });
    },
  );

  app.get(
    "/devices",
    {
      config: { permission: "monitoring:read" },
      schema: {
        tags,
        summary: "Devices in the caller's scope with their last value",
        querystring: DeviceListQuery,
        response: { 200: Items(Device) },
      },
    },
    async (request) => {
      const rows = await findDevices(db, principalOf(request).scope, request.query.enterpriseId);
      return { items: rows.map(presentDevice) };
    },
  );

  app.get(
    "/devices/:id/rules",
    {
      config: { permission: "monitoring:read" },
      schema: {
        tags,
        summary: "A device's alarm rules: its type's defaults with the device's overrides applied",
        params: IdParams,
        response: { 200: DeviceRules },
      },
    },
    async (request) => presentDeviceRules(await findDevice(db, principalOf(request).scope, request.params.id)),
  );

  app.put(
    "/devices/:id/rules",
    {
      config: { permission: "monitoring:manage" },
      schema: {
        tags,
        summary:
          "Override a device's alarm rules by rule id (thresholds, hysteresis, durations, severity, enabled); an unknown id adds a rule",
        params: IdParams,
        body: DeviceRulesBody,
        response: { 200: DeviceRules },
      },
    },
    async (request) =>
      updateDeviceRules(
        db,
        principalOf(request),
        actorOf(request),
        request.params.id,
        request.body.overrides as AlarmRuleOverride[],
      ),
  );

  app.get(
    "/devices/:id/readings",
    {
      config: { permission: "monitoring:read" },
      schema: {
        tags,
        summary: "A device's readings over a time range (newest last)",
        params: IdParams,
        querystring: ReadingsQuery,
        response: { 200: DeviceReadings },
      },
    },
    async (request) => {
      const device = await findDevice(db, principalOf(request).scope, request.params.id);
      return {
        device: presentDevice(device),
        mqtt: presentMqttAccess(app.config.broker, device),
        readings: await findReadings(db, device, request.query),
      };
    },
  );

  app.post(
    "/ingest/readings",
    {
      // Devices authenticate with their own credential, gateways with an API token; checked by ingestCaller.
      config: { public: true, rateLimit: { max: 6000, timeWindow: "1 minute" } },
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags,
        summary:
          "Send readings: Authorization: Bearer <device credential or gateway API token>; 200 only after they are committed",
        body: IngestBody,
        response: { 200: IngestResult, 422: IngestResult },
      },
    },
    async (request, reply) => {
      const caller = await ingestCaller(db, request.headers.authorization, request.principal);
      const result = await recordReadings(app.ingest, caller, request.body.readings);
      return reply.status(ingestStatus(result)).send(presentIngestResult(result, request.locale));
    },
  );

  app.post(
    "/devices/:id/credential",
    {
      config: { permission: "monitoring:manage" },
      schema: {
        tags,
        summary:
          "Give a device a new credential (shown once); the old one stops working at once, over HTTP and at the broker",
        params: IdParams,
        response: { 200: NewCredential },
      },
    },
    async (request) => {
      const rotated = await rotateDeviceCredential(
        db,
        principalOf(request),
        actorOf(request),
        request.params.id,
        broker(request),
      );
      return {
        credential: rotated.credential,
        mqtt: presentMqttAccess(app.config.broker, rotated.device),
        brokerUpdated: rotated.brokerUpdated,
      };
    },
  );

  app.delete(
    "/devices/:id/credential",
    {
      config: { permission: "monitoring:manage" },
      schema: {
        tags,
        summary: "Revoke a device's credential: it can send nothing (HTTP or MQTT) until given a new one",
        params: IdParams,
        response: { 200: RevokedCredential },
      },
    },
    async (request) => {
      const revoked = await revokeDeviceCredential(
        db,
        principalOf(request),
        actorOf(request),
        request.params.id,
        broker(request),
      );
      return { revoked: true as const, brokerUpdated: revoked.brokerUpdated };
    },
  );

  app.get(
    "/ingest/dead-letters",
    {
      config: { permission: "monitoring:read" },
      schema: {
        tags,
        summary:
          "Device messages that could not be stored (bad JSON, out-of-range time, too many readings …), newest first, with the reason",
        querystring: DeadLetterQuery,
        response: { 200: Items(DeadLetter) },
      },
    },
    async (request) => {
      const rows = await findDeadLetters(db, principalOf(request).scope, request.query);
      return { items: rows.map((row) => presentDeadLetter(row, request.locale)) };
    },
  );

  app.get(
    "/ingest/stats",
    {
      config: { permission: "monitoring:operate" },
      schema: {
        tags,
        summary: "Installation-wide counts of readings accepted, duplicated and rejected per day, channel and reason",
        response: { 200: Items(IngestCount) },
      },
    },
    async () => ({ items: (await findIngestCounts(db)).map(presentIngestCount) }),
  );

  app.get(
    "/alarms",
    {
      config: { permission: "monitoring:read" },
      schema: {
        tags,
        summary: "Alarms in the caller's scope, newest first, filterable by territory, enterprise, severity and status",
        querystring: AlarmListQuery,
        response: { 200: AlarmList },
      },
    },
    async (request) => {
      const rows = await findAlarms(db, principalOf(request).scope, request.query);
      return { items: rows.map((row) => presentAlarm(row, request.locale)) };
    },
  );

  app.post(
    "/alarms/:id/acknowledge",
    {
      config: { permission: "alarm:respond" },
      schema: {
        tags,
        summary: "Acknowledge an alarm (recorded with who and when)",
        params: IdParams,
        body: AcknowledgeBody,
        response: { 200: Alarm },
      },
    },
    async (request) => {
      const { id } = request.params;
      const alarm = await acknowledgeAlarm(db, principalOf(request), actorOf(request), id, request.body.note);
      return presentAlarm(alarm, request.locale);
    },
  );

  app.post(
    "/alarms/:id/dispose",
    {
      config: { permission: "alarm:respond" },
      schema: {
        tags,
        summary: "Record the disposal of an acknowledged or cleared alarm: cause and action taken",
        params: IdParams,
        body: DisposeBody,
        response: { 200: Alarm },
      },
    },
    async (request) => {
      const alarm = await disposeAlarm(db, principalOf(request), actorOf(request), request.params.id, request.body);
      return presentAlarm(alarm, request.locale);
    },
  );

  app.get(
    "/alarms/stream",
    {
      config: { permission: "monitoring:read" },
      schema: {
        tags,
        summary:
          "Server-sent events: an `alarm` event whenever an alarm in the caller's scope changes, a `ping` every 15 s",
        querystring: AlarmStreamQuery,
        response: { 200: AlarmStream },
      },
    },
    async (request, reply) => {
      streams.open(principalOf(request), request.query.lang ?? request.locale, reply, request.log);
    },
  );

  app.get(
    "/cap/alerts.xml",
    {
      config: { permission: "monitoring:read" },
      schema: {
        tags,
        summary:
          "Active device alarms (and those cleared in the last 24 h) as OASIS CAP 1.2 alerts in an Atom feed; ?territory=CODE narrows it",
        querystring: CapFeedQuery,
        response: { 200: CapFeed },
      },
    },
    async (request, reply) => {
      const now = new Date();
      const territoryCode = request.query.territory;
      const rows = await findCapAlarms(db, principalOf(request).scope, territoryCode, now);
      const origin = `${request.protocol}://${request.host}`;
      const sender = `${request.host.split(":")[0] || "dualguard"}`;
      const feed = publishCapFeed(rows, { sender, origin, selfHref: `${origin}${request.url}`, territoryCode }, now);
      reply.header("x-generated-at", atomDateTime(now));
      return reply.type("application/atom+xml; charset=utf-8").send(feed);
    },
  );
}
