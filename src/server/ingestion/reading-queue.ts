import amqp, { type Channel, type ChannelModel, type ConsumeMessage } from "amqplib";
import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema";
import { MAX_READINGS_PER_MESSAGE } from "../modules/monitoring/store-readings";
import { deviceFromRoutingKey } from "./broker-admin";
import { type DeadLetter, excerptOf } from "./dead-letters";
import { databaseReachable, type IngestBatcher, UnprocessableMessageError } from "./ingest-batcher";
import { isTransientDatabaseError } from "./transient-errors";

// Devices publish MQTT to dualguard/{enterprise}/{device code}/readings; RabbitMQ's MQTT plugin routes it through
// amq.topic with the slashes as dots ("#" because a device code may itself hold dots).
export const READINGS_BINDING = "dualguard.*.#.readings";
export const DEFAULT_QUEUE = "dualguard.readings";
// A message delivered this often without being acknowledged (it keeps crashing its consumer) is parked, not retried.
const DELIVERY_LIMIT = 20;
// A device message is one reading, an array, or { readings: [...] }; anything bigger is a misconfigured sender.
export const MAX_MESSAGE_BYTES = 512 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ReadingQueue {
  /** Whether the consumer is connected and taking messages. */
  connected(): boolean;
  /** Stops taking messages, finishes and acknowledges those in hand, and disconnects. */
  stop(): Promise<void>;
}

export interface ReadingQueueOptions {
  url: string;
  queue?: string;
  batcher: IngestBatcher;
  db: Kysely<DB>;
  log: FastifyBaseLogger | Pick<Console, "info" | "warn" | "error">;
  /** Messages in hand per process; the broker hands the rest to other processes. */
  prefetch?: number;
}

type Parsed = { ok: true; readings: Record<string, unknown>[] } | { ok: false; letter: Omit<DeadLetter, "channel"> };

/** Reads a device message; a message that can never be stored says why. */
export function parseDeviceMessage(enterpriseId: string, deviceCode: string, payload: Buffer): Parsed {
  const excerpt = () => excerptOf(payload);
  const refuse = (reason: DeadLetter["reason"], detail?: string): Parsed => ({
    ok: false,
    letter: { enterpriseId, deviceCode, reason, detail, payloadExcerpt: excerpt() },
  });
  if (payload.length > MAX_MESSAGE_BYTES) return refuse("too_large", `${payload.length} bytes > ${MAX_MESSAGE_BYTES}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString("utf8"));
  } catch {
    return refuse("not_json");
  }
  const list = Array.isArray(parsed)
    ? parsed
    : parsed && typeof parsed === "object" && Array.isArray((parsed as { readings?: unknown }).readings)
      ? (parsed as { readings: unknown[] }).readings
      : parsed && typeof parsed === "object"
        ? [parsed]
        : null;
  if (!list || list.length === 0) return refuse("not_readings");
  if (list.length > MAX_READINGS_PER_MESSAGE)
    return refuse("too_many_readings", `${list.length} > ${MAX_READINGS_PER_MESSAGE}`);
  return {
    ok: true,
    readings: list.map((item) => (item && typeof item === "object" ? item : {}) as Record<string, unknown>),
  };
}

/**
 * Consumes device readings from the broker's durable queue: competing
 * consumers, one per server process, each acknowledging a message only after
 * its readings are committed. A process that stops, crashes or never returns
 * leaves its unacknowledged messages to the broker, which hands them at once
 * to the processes still running. A message that can never be stored is
 * recorded as a dead letter and acknowledged, so it cannot block the queue;
 * when the database is unreachable the consumer hands its messages back and
 * waits for it.
 */
export async function startReadingQueue(options: ReadingQueueOptions): Promise<ReadingQueue> {
  const queue = options.queue ?? DEFAULT_QUEUE;
  const parked = `${queue}.parked`;
  const { batcher, log } = options;
  let connection: ChannelModel | null = null;
  let channel: Channel | null = null;
  let stopping = false;
  let pausing: Promise<void> | null = null;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let consumerTags: string[] = [];
  const inHand = new Set<Promise<unknown>>();

  const settle = (message: ConsumeMessage, from: Channel, work: Promise<void>) => {
    const tracked = work
      .then(() => {
        // A message from a channel that has since closed was handed back already; acknowledging it would fail.
        if (from === channel) from.ack(message);
      })
      .catch((error) => {
        if (isTransientDatabaseError(error)) return pause(error);
        log.error({ err: error }, "a device message could not be handled; it stays on the queue");
      })
      .finally(() => inHand.delete(tracked));
    inHand.add(tracked);
  };

  const handle = (message: ConsumeMessage, from: Channel) => {
    const device = deviceFromRoutingKey(message.fields.routingKey);
    if (!device || !UUID.test(device.enterpriseId)) {
      // Only device accounts publish here, each to its own topic; anything else has no enterprise to tell.
      log.warn({ routingKey: message.fields.routingKey }, "a message on an unexpected topic was dropped");
      from.ack(message);
      return;
    }
    const parsed = parseDeviceMessage(device.enterpriseId, device.deviceCode, message.content);
    if (!parsed.ok) {
      settle(message, from, batcher.deadLetter({ ...parsed.letter, channel: "mqtt" }));
      return;
    }
    const work = batcher
      .submit(
        {
          caller: { kind: "topic", enterpriseId: device.enterpriseId, deviceCode: device.deviceCode },
          readings: parsed.readings,
          channel: "mqtt",
        },
        { ...device, payloadExcerpt: excerptOf(message.content) },
      )
      .then(
        () => undefined,
        (error) => {
          if (!(error instanceof UnprocessableMessageError)) throw error;
          return batcher.deadLetter({
            ...device,
            channel: "mqtt",
            reason: "unprocessable",
            detail: error.message.slice(0, 500),
            payloadExcerpt: excerptOf(message.content),
          });
        },
      );
    settle(message, from, work);
  };

  const handleParked = (message: ConsumeMessage, from: Channel) => {
    const device = deviceFromRoutingKey(message.fields.routingKey);
    if (!device || !UUID.test(device.enterpriseId)) {
      from.ack(message);
      return;
    }
    const deliveries = Number(message.properties.headers?.["x-delivery-count"] ?? DELIVERY_LIMIT);
    settle(
      message,
      from,
      batcher.deadLetter({
        ...device,
        channel: "mqtt",
        reason: "redelivery_limit",
        detail: `delivered ${deliveries} times without being stored`,
        payloadExcerpt: excerptOf(message.content),
      }),
    );
  };

  const connect = async () => {
    const model = await amqp.connect(options.url, { clientProperties: { connection_name: "dualguard-ingest" } });
    model.on("error", (error) => log.warn({ err: error }, "broker connection error"));
    model.on("close", () => {
      if (connection !== model) return;
      connection = null;
      channel = null;
      if (!stopping && !pausing) {
        log.warn("lost the broker; reconnecting");
        scheduleReconnect(1000);
      }
    });
    const ch = await model.createChannel();
    ch.on("error", (error) => log.warn({ err: error }, "broker channel error"));
    await ch.assertQueue(parked, { durable: true, arguments: { "x-queue-type": "quorum" } });
    await ch.assertQueue(queue, {
      durable: true,
      arguments: {
        "x-queue-type": "quorum",
        "x-delivery-limit": DELIVERY_LIMIT,
        "x-dead-letter-exchange": "",
        "x-dead-letter-routing-key": parked,
      },
    });
    await ch.bindQueue(queue, "amq.topic", READINGS_BINDING);
    await ch.prefetch(options.prefetch ?? 500);
    connection = model;
    channel = ch;
    consumerTags = [
      (await ch.consume(queue, (message) => message && handle(message, ch), { noAck: false })).consumerTag,
      (await ch.consume(parked, (message) => message && handleParked(message, ch), { noAck: false })).consumerTag,
    ];
  };

  const scheduleReconnect = (delayMs: number) => {
    if (stopping || reconnectTimer) return;
    reconnectTimer = setTimeout(async () => {
      reconnectTimer = null;
      try {
        await connect();
        log.info("consuming device readings from the broker again");
      } catch (error) {
        log.warn({ err: error }, "broker not reachable; retrying");
        scheduleReconnect(Math.min(delayMs * 2, 15_000));
      }
    }, delayMs);
  };

  // The database is gone: hand every message back to the broker (other processes may still reach the database)
  // and take messages again only once it answers.
  const pause = (error: unknown) => {
    if (pausing || stopping) return pausing ?? Promise.resolve();
    log.error({ err: error }, "database unreachable; handing device messages back to the broker");
    const model = connection;
    connection = null;
    channel = null;
    pausing = (async () => {
      await model?.close().catch(() => {});
      let wait = 500;
      while (!stopping && !(await databaseReachable(options.db))) {
        await new Promise((r) => setTimeout(r, wait));
        wait = Math.min(wait * 2, 10_000);
      }
      pausing = null;
      if (!stopping) scheduleReconnect(1);
    })();
    return pausing;
  };

  await connect();
  return {
    connected: () => channel !== null,
    async stop() {
      stopping = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      const ch = channel;
      // No new deliveries; what is in hand is stored and acknowledged before the connection closes.
      if (ch) for (const tag of consumerTags) await ch.cancel(tag).catch(() => {});
      await Promise.allSettled([...inHand]);
      await batcher.drain();
      await Promise.allSettled([...inHand]);
      const model = connection;
      connection = null;
      channel = null;
      await model?.close().catch(() => {});
      await pausing;
    },
  };
}
