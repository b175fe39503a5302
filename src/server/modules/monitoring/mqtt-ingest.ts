import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import mqtt, { type IPublishPacket, type MqttClient } from "mqtt";
import type { DB } from "../../db/schema";
import { evaluateStoredReadings } from "./evaluate-alarms";
import { type IncomingReading, ingestReadings } from "./ingest-readings";

// Topic dualguard/{enterprise id}/{device code}/readings; the shared subscription splits the load between server processes.
export const READINGS_TOPIC = "dualguard/+/+/readings";
export const SHARED_SUBSCRIPTION = `$share/dualguard/${READINGS_TOPIC}`;

/** A payload is one reading `{ ts, value }`, an array of them, or `{ readings: [...] }`. */
export function readingsFromPayload(deviceCode: string, payload: Buffer): IncomingReading[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString("utf8"));
  } catch {
    return null;
  }
  const list = Array.isArray(parsed)
    ? parsed
    : parsed && typeof parsed === "object" && Array.isArray((parsed as { readings?: unknown }).readings)
      ? (parsed as { readings: unknown[] }).readings
      : [parsed];
  return list.map(
    (item) => ({ ...(item && typeof item === "object" ? item : {}), deviceId: deviceCode }) as IncomingReading,
  );
}

export interface MqttIngest {
  client: MqttClient;
  stop(): Promise<void>;
}

/**
 * Subscribes with QoS 1 and acknowledges each message only after its readings
 * are committed: a crash before the commit makes the broker deliver it again,
 * and storing is idempotent on (device, ts), so nothing is lost or doubled.
 */
export async function startMqttIngest(options: {
  url: string;
  db: Kysely<DB>;
  log: FastifyBaseLogger | Console;
  clientId?: string;
  /** The shared-subscription group; processes of one installation share one. */
  group?: string;
  /**
   * How long the broker keeps this client's session (and its unacknowledged messages) after a disconnect. A
   * restarted server with the same client id picks them up; a server that never comes back keeps taking its share of
   * a shared subscription until the session expires, so this is an hour by default, not a day.
   */
  sessionExpirySeconds?: number;
  onStored?: (stored: number) => void;
}): Promise<MqttIngest> {
  const client = mqtt.connect(options.url, {
    clientId: options.clientId ?? `dualguard-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
    clean: false,
    protocolVersion: 5,
    // MQTT 5 ends a session at disconnect unless told otherwise.
    properties: { sessionExpiryInterval: options.sessionExpirySeconds ?? 3600 },
    reconnectPeriod: 2000,
  });
  client.handleMessage = (packet: IPublishPacket, done) => {
    const parts = packet.topic.split("/");
    const [prefix, enterpriseId, deviceCode, suffix] = parts;
    const finish = (error?: Error) => done(error);
    if (parts.length !== 4 || prefix !== "dualguard" || suffix !== "readings") return finish();
    const readings = readingsFromPayload(deviceCode, packet.payload as Buffer);
    if (!readings) {
      options.log.warn({ topic: packet.topic }, "MQTT payload is not JSON; dropped");
      return finish();
    }
    options.db
      .transaction()
      .execute(async (trx) => {
        const now = new Date();
        const ingested = await ingestReadings(
          trx,
          { kind: "gateway", enterpriseIds: [enterpriseId] },
          readings,
          now,
          "mqtt",
        );
        // Rules run in the same transaction: the message is acknowledged once readings and alarms are committed.
        await evaluateStoredReadings(trx, ingested.stored, now);
        return ingested;
      })
      .then((result) => {
        if (result.rejected.length > 0)
          options.log.warn(
            { topic: packet.topic, rejected: result.rejected.map((r) => r.reason) },
            "MQTT readings rejected",
          );
        options.onStored?.(result.accepted);
        finish();
      })
      .catch((error) => {
        // Not acknowledged: the broker redelivers after a reconnect.
        options.log.error({ err: error, topic: packet.topic }, "MQTT readings not stored");
        client.end(true, () => client.reconnect());
      });
  };
  await new Promise<void>((resolve, reject) => {
    client.once("connect", () => resolve());
    client.once("error", reject);
  });
  await client.subscribeAsync(`$share/${options.group ?? "dualguard"}/${READINGS_TOPIC}`, { qos: 1 });
  return {
    client,
    async stop() {
      await client.endAsync();
    },
  };
}
