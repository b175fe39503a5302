import { Type } from "typebox";
import { ALARM_STATUSES } from "../../../domain/monitoring/alarm-lifecycle";
import { DEVICE_TYPES } from "../../../domain/monitoring/device-types";
import { ALARM_RULE_KINDS } from "../../../domain/monitoring/rules";
import { DateTime, IsoDate, Items, NullableNumber, NullableString, OneOf, RiskLevel, Uuid } from "../../http/schemas";

// Devices

export const DeviceBody = Type.Object(
  {
    enterpriseId: Uuid,
    code: Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: "^[A-Za-z0-9._-]+$",
      description: "The device's own id, as used in MQTT topics",
    }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    deviceType: OneOf(DEVICE_TYPES),
    riskPointId: Type.Optional(Uuid),
    majorHazardUnitId: Type.Optional(Uuid),
    lng: Type.Optional(NullableNumber({ minimum: -180, maximum: 180 })),
    lat: Type.Optional(NullableNumber({ minimum: -90, maximum: 90 })),
    installDate: Type.Optional(IsoDate),
    calibrationDue: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);

export const DeviceListQuery = Type.Object({ enterpriseId: Type.Optional(Uuid) }, { additionalProperties: false });

export const Device = Type.Object({
  id: Uuid,
  enterpriseId: Uuid,
  enterpriseName: NullableString({ description: "null in the answer to a registration" }),
  code: Type.String(),
  name: Type.String(),
  deviceType: OneOf(DEVICE_TYPES),
  unit: Type.String(),
  riskPointId: NullableString({ format: "uuid" }),
  majorHazardUnitId: NullableString({ format: "uuid" }),
  lng: NullableNumber(),
  lat: NullableNumber(),
  installDate: NullableString({ format: "date" }),
  calibrationDue: NullableString({ format: "date" }),
  lastValue: NullableNumber(),
  lastTs: NullableString({ format: "date-time" }),
  credentialRotatedAt: NullableString({ format: "date-time" }),
  credentialRevokedAt: NullableString({ format: "date-time" }),
});

export const MqttAccess = Type.Union(
  [
    Type.Object({
      url: NullableString(),
      username: Type.String(),
      topic: Type.String(),
      routingKey: Type.String(),
    }),
    Type.Null(),
  ],
  { description: "How the device connects over MQTT; null when the installation runs no broker" },
);

/** Whether the broker took the change at once: false means the reconciliation job will; null without a broker. */
const BrokerUpdated = Type.Unsafe<boolean | null>({
  type: ["boolean", "null"],
  description: "The broker took the change at once (false: the reconciliation job will retry; null: no broker)",
});

export const RegisteredDevice = Type.Object({
  ...Device.properties,
  credential: Type.String({ description: "Shown once: the device authenticates with it" }),
  mqtt: MqttAccess,
  brokerUpdated: BrokerUpdated,
});

export const NewCredential = Type.Object({
  credential: Type.String({ description: "Shown once; the old credential stopped working" }),
  mqtt: MqttAccess,
  brokerUpdated: BrokerUpdated,
});

export const RevokedCredential = Type.Object({ revoked: Type.Literal(true), brokerUpdated: BrokerUpdated });

// Alarm rules (src/domain/monitoring/rules.ts)

const AlarmRule = Type.Object({
  id: Type.String(),
  kind: OneOf(ALARM_RULE_KINDS),
  severity: RiskLevel,
  enabled: Type.Optional(Type.Boolean()),
  threshold: Type.Optional(Type.Number()),
  clearThreshold: Type.Optional(Type.Number()),
  durationSeconds: Type.Optional(Type.Number()),
  ratePerMinute: Type.Optional(Type.Number()),
  direction: Type.Optional(OneOf(["above", "below"])),
  unit: Type.Optional(Type.String()),
});

const AlarmRuleOverride = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: true, description: "The fields given replace the default rule's with the same id" },
);

export const DeviceRulesBody = Type.Object(
  { overrides: Type.Array(AlarmRuleOverride, { maxItems: 50 }) },
  { additionalProperties: false },
);

export const DeviceRules = Type.Object({
  overrides: Type.Array(AlarmRuleOverride),
  rules: Type.Array(AlarmRule, { description: "The rules in force: the type's defaults with the overrides applied" }),
});

// Readings

export const ReadingsQuery = Type.Object(
  {
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
    limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 1000 }),
  },
  { additionalProperties: false },
);

export const DeviceReadings = Type.Object({
  device: Device,
  mqtt: MqttAccess,
  readings: Type.Array(Type.Object({ ts: DateTime, value: Type.Number() })),
});

export const IngestBody = Type.Object(
  { readings: Type.Array(Type.Object({}, { additionalProperties: true })) },
  { additionalProperties: false },
);

export const IngestResult = Type.Object(
  {
    accepted: Type.Integer({ description: "Readings stored now" }),
    duplicates: Type.Integer({ description: "Readings already stored earlier (a resend)" }),
    rejected: Type.Array(
      Type.Object({
        index: Type.Integer({ description: "Position of the reading in the batch" }),
        deviceId: NullableString(),
        reason: Type.String(),
        message: Type.String({ description: "What was wrong, in the caller's language" }),
      }),
    ),
  },
  { description: "200 when anything was stored or was already stored; 422 when every reading was rejected" },
);

export const DeadLetterQuery = Type.Object(
  {
    enterpriseId: Type.Optional(Uuid),
    deviceCode: Type.Optional(Type.String({ maxLength: 64 })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);

export const DeadLetter = Type.Object({
  id: Uuid,
  enterpriseId: Uuid,
  enterpriseName: Type.String(),
  deviceCode: Type.String(),
  channel: Type.String(),
  reason: Type.String(),
  message: Type.String({ description: "The reason in the caller's language, with what to do" }),
  detail: NullableString(),
  payloadExcerpt: Type.String(),
  count: Type.Integer(),
  firstAt: DateTime,
  lastAt: DateTime,
});

export const IngestCount = Type.Object({
  day: IsoDate,
  channel: Type.String(),
  outcome: Type.String({ description: "accepted, duplicate or the reason a reading was rejected" }),
  count: Type.Integer(),
});

// Alarms

export const AlarmListQuery = Type.Object(
  {
    enterpriseId: Type.Optional(Uuid),
    deviceId: Type.Optional(Uuid),
    territoryId: Type.Optional(Uuid),
    severity: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
    status: Type.Optional(OneOf(ALARM_STATUSES)),
    open: Type.Optional(Type.Boolean({ description: "only alarms still active or waiting for acknowledgement" })),
    pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);

export const Alarm = Type.Object({
  id: Uuid,
  enterpriseId: Uuid,
  enterpriseName: Type.String(),
  deviceId: NullableString({ format: "uuid", description: "null for an alarm on management data" }),
  deviceName: NullableString(),
  deviceCode: NullableString(),
  ruleId: Type.String(),
  ruleKind: Type.String(),
  severity: RiskLevel,
  status: OneOf(ALARM_STATUSES),
  message: Type.String({ description: "In the caller's language" }),
  lastValue: NullableNumber(),
  peak: NullableNumber(),
  raisedAt: DateTime,
  lastUpdateAt: DateTime,
  acknowledgedAt: NullableString({ format: "date-time" }),
  acknowledgeNote: NullableString(),
  clearedAt: NullableString({ format: "date-time" }),
  disposals: Type.Array(
    Type.Object({ cause: Type.String(), actionTaken: Type.String(), by: Type.String(), at: DateTime }),
  ),
});

export const AlarmList = Items(Alarm);

export const AcknowledgeBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);

export const DisposeBody = Type.Object(
  {
    cause: Type.String({ minLength: 2, maxLength: 1000 }),
    actionTaken: Type.String({ minLength: 2, maxLength: 1000 }),
  },
  { additionalProperties: false },
);

// EventSource cannot send Accept-Language, so the page passes its language here.
export const AlarmStreamQuery = Type.Object({ lang: Type.Optional(OneOf(["zh-CN", "en"])) });

/** A text answer that is not JSON (an event stream, an XML feed). */
const TextResponse = (contentType: string, description: string) =>
  Type.Unsafe<string>({ type: "string", description, "x-content-type": contentType });

export const AlarmStream = TextResponse(
  "text/event-stream",
  "Events: `alarm` carrying an Alarm whenever one changes, `ping` every 15 s, `end` when the caller's access ends",
);

export const CapFeedQuery = Type.Object(
  { territory: Type.Optional(Type.String({ maxLength: 20 })) },
  { additionalProperties: false },
);

export const CapFeed = TextResponse("application/atom+xml", "An Atom feed whose entries are OASIS CAP 1.2 alerts");
