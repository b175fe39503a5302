import { randomBytes } from "node:crypto";
import amqp from "amqplib";
import { sql } from "kysely";
import mqtt, { type MqttClient } from "mqtt";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reconcileDeviceAccounts } from "../modules/monitoring/device-broker-accounts";
import { maintainReadingPartitions } from "../modules/monitoring/reading-partitions";
import { bearerFor, createTestContext, type TestContext } from "../testing/test-app";
import { startTestBroker, type TestBroker } from "../testing/test-broker";
import { testDatabaseKinds } from "../testing/test-database";
import { DEVICE_ACCOUNT_TAG } from "./broker-admin";
import { type ReadingQueue, startReadingQueue } from "./reading-queue";

/**
 * Devices publish over MQTT to a RabbitMQ node of the test's own, with
 * authentication on; the server consumes the durable queue. Proves: each
 * device publishes only with its own credential and only to its own topic,
 * rotation and revocation take effect at once, a message that can never be
 * stored becomes a dead letter instead of blocking the queue, and a database
 * outage leaves messages on the queue until it is back.
 */
let broker: TestBroker;
beforeAll(async () => {
  broker = await startTestBroker();
}, 120_000);
afterAll(async () => {
  await broker?.stop();
});

const connectDevice = (username: string, password: string) =>
  new Promise<MqttClient>((resolve, reject) => {
    const client = mqtt.connect(broker.mqttUrl, { username, password, protocolVersion: 4, reconnectPeriod: 0 });
    client.once("connect", () => resolve(client));
    client.once("error", (error) => {
      client.end(true);
      reject(error);
    });
  });

/** Publishes with QoS 1 and says whether the broker acknowledged it (true) or closed the connection (false). */
const publish = (client: MqttClient, topic: string, payload: string) =>
  Promise.race([
    client.publishAsync(topic, payload, { qos: 1 }).then(() => true),
    new Promise<boolean>((resolve) => client.once("close", () => resolve(false))),
  ]).catch(() => false);

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await probe();
  }
  return value;
}

describe.each(testDatabaseKinds())("device readings through the broker on $name", (kind) => {
  let context: TestContext;
  let queue: ReadingQueue;
  let safety: Record<string, string>;
  let enterpriseId: string;
  const queueName = `test.readings.${kind.name}`;
  type Device = { id: string; code: string; credential: string; mqtt: { username: string; topic: string } };
  const devices: Device[] = [];

  const admin = (path: string, init: RequestInit = {}) => {
    const url = new URL(broker.adminUrl);
    return fetch(`http://${url.host}/api${path}`, {
      ...init,
      headers: {
        authorization: `Basic ${Buffer.from(`${url.username}:${url.password}`).toString("base64")}`,
        "content-type": "application/json",
      },
    });
  };
  /** Messages waiting for a consumer, and how many consumers the queue has (the management API's counts lag 5 s). */
  const queueDepth = async (name = queueName) => {
    const connection = await amqp.connect(broker.amqpUrl);
    try {
      const { messageCount, consumerCount } = await (await connection.createChannel()).checkQueue(name);
      return { ready: messageCount, consumers: consumerCount };
    } finally {
      await connection.close();
    }
  };
  const readingsOf = async (deviceId: string) =>
    Number(
      (
        await context.database.db
          .selectFrom("reading")
          .select(sql<number>`count(*)`.as("n"))
          .where("device_id", "=", deviceId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const register = async (code: string): Promise<Device> => {
    const response = await context.app.inject({
      method: "POST",
      url: "/api/v1/devices",
      headers: safety,
      payload: { enterpriseId, code, name: `探测器 ${code}`, deviceType: "combustible_gas" },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().brokerUpdated).toBe(true);
    return response.json();
  };

  beforeAll(async () => {
    context = await createTestContext(kind, {
      enterprises: 20,
      config: {
        broker: {
          url: broker.amqpUrl,
          adminUrl: broker.adminUrl,
          vhost: "/",
          queue: queueName,
          mqttUrl: broker.mqttUrl,
        },
      },
    });
    await maintainReadingPartitions(context.database.db, new Date());
    queue = await startReadingQueue({
      url: broker.amqpUrl,
      queue: queueName,
      batcher: context.app.ingest,
      db: context.database.db,
      log: { info() {}, warn() {}, error() {} },
    });
    safety = await bearerFor(context, "chem.safety");
    enterpriseId = (await context.app.inject({ url: "/api/v1/auth/me", headers: safety })).json().user.enterpriseIds[0];
    const suffix = randomBytes(2).toString("hex");
    devices.push(await register(`GT-${suffix}-1`), await register(`GT.${suffix}.2`));
  }, 120_000);
  afterAll(async () => {
    await queue?.stop();
    await context?.close();
  });

  it("stores a device's QoS 1 readings once, a redelivered duplicate changing nothing, and raises the leak's alarms", async () => {
    const [device] = devices;
    expect(device.mqtt).toMatchObject({
      username: device.id,
      topic: `dualguard/${enterpriseId}/${device.code}/readings`,
    });
    const client = await connectDevice(device.mqtt.username, device.credential);
    const ts = Date.now() - 10_000;
    const payload = JSON.stringify([
      { ts, value: 5 },
      { ts: ts + 1000, value: 6 },
    ]);
    expect(await publish(client, device.mqtt.topic, payload)).toBe(true);
    expect(await publish(client, device.mqtt.topic, payload)).toBe(true);
    expect(
      await until(
        () => readingsOf(device.id),
        (n) => n >= 2,
      ),
    ).toBe(2);
    expect(await publish(client, device.mqtt.topic, JSON.stringify({ ts: Date.now(), value: 60 }))).toBe(true);
    const alarms = () =>
      context.database.db.selectFrom("alarm").select("rule_id").where("device_id", "=", device.id).execute();
    expect(await until(alarms, (rows) => rows.length >= 2)).toHaveLength(2);
    await client.endAsync();
  });

  it("takes a device code with dots on its topic", async () => {
    const device = devices[1];
    const client = await connectDevice(device.mqtt.username, device.credential);
    expect(await publish(client, device.mqtt.topic, JSON.stringify({ ts: Date.now() - 1000, value: 1 }))).toBe(true);
    expect(
      await until(
        () => readingsOf(device.id),
        (n) => n >= 1,
      ),
    ).toBe(1);
    await client.endAsync();
  });

  it("refuses a wrong password and anonymous devices, and disconnects a device publishing on another device's topic", async () => {
    const [first, second] = devices;
    await expect(connectDevice(first.mqtt.username, "dgd_wrong")).rejects.toThrow(/password|authori[sz]ed/i);
    await expect(connectDevice("", "")).rejects.toThrow();
    const client = await connectDevice(first.mqtt.username, first.credential);
    const before = await readingsOf(second.id);
    expect(await publish(client, second.mqtt.topic, JSON.stringify({ ts: Date.now(), value: 99 }))).toBe(false);
    client.end(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(await readingsOf(second.id)).toBe(before);
  });

  it("rotates a credential: the connected device is cut off, the old credential refused, the new one works", async () => {
    const device = devices[0];
    const client = await connectDevice(device.mqtt.username, device.credential);
    const closed = new Promise<void>((resolve) => client.once("close", () => resolve()));
    const rotated = await context.app.inject({
      method: "POST",
      url: `/api/v1/devices/${device.id}/credential`,
      headers: safety,
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect(rotated.json().brokerUpdated).toBe(true);
    await closed;
    await expect(connectDevice(device.mqtt.username, device.credential)).rejects.toThrow();
    const old = await context.app.inject({
      method: "POST",
      url: "/api/v1/ingest/readings",
      headers: { authorization: `Bearer ${device.credential}` },
      payload: { readings: [{ ts: Date.now(), value: 1 }] },
    });
    expect(old.statusCode).toBe(401);
    device.credential = rotated.json().credential;
    const renewed = await connectDevice(device.mqtt.username, device.credential);
    expect(await publish(renewed, device.mqtt.topic, JSON.stringify({ ts: Date.now() - 500, value: 2 }))).toBe(true);
    await renewed.endAsync();
  });

  it("revokes a credential: the device can neither connect nor send over HTTP until given a new one", async () => {
    const device = devices[1];
    const client = await connectDevice(device.mqtt.username, device.credential);
    const closed = new Promise<void>((resolve) => client.once("close", () => resolve()));
    const revoked = await context.app.inject({
      method: "DELETE",
      url: `/api/v1/devices/${device.id}/credential`,
      headers: safety,
    });
    expect(revoked.json()).toEqual({ revoked: true, brokerUpdated: true });
    await closed;
    await expect(connectDevice(device.mqtt.username, device.credential)).rejects.toThrow();
    const http = await context.app.inject({
      method: "POST",
      url: "/api/v1/ingest/readings",
      headers: { authorization: `Bearer ${device.credential}` },
      payload: { readings: [{ ts: Date.now(), value: 1 }] },
    });
    expect(http.statusCode).toBe(401);
    const listed = (await context.app.inject({ url: `/api/v1/devices?enterpriseId=${enterpriseId}`, headers: safety }))
      .json()
      .items.find((d: { id: string }) => d.id === device.id);
    expect(listed.credentialRevokedAt).not.toBeNull();
  });

  it("acknowledges and keeps as dead letters the messages that can never be stored, and goes on with the next", async () => {
    const device = devices[0];
    const client = await connectDevice(device.mqtt.username, device.credential);
    const before = await readingsOf(device.id);
    expect(await publish(client, device.mqtt.topic, "{not json")).toBe(true);
    expect(await publish(client, device.mqtt.topic, JSON.stringify({ ts: -8.64e15, value: 1 }))).toBe(true);
    const many = Array.from({ length: 14_000 }, (_, i) => ({ ts: i, value: 1 }));
    expect(await publish(client, device.mqtt.topic, JSON.stringify(many))).toBe(true);
    expect(
      await publish(client, device.mqtt.topic, JSON.stringify({ ts: 1, value: 1, pad: "x".repeat(600_000) })),
    ).toBe(true);
    expect(await publish(client, device.mqtt.topic, JSON.stringify({ ts: Date.now() - 200, value: 3 }))).toBe(true);
    expect(
      await until(
        () => readingsOf(device.id),
        (n) => n > before,
      ),
    ).toBe(before + 1);
    const letters = (
      await context.app.inject({ url: "/api/v1/ingest/dead-letters", headers: { ...safety, "accept-language": "en" } })
    ).json().items as { reason: string; deviceCode: string; message: string; payloadExcerpt: string }[];
    expect(letters.map((l) => l.reason).sort()).toEqual(["not_json", "too_large", "too_many_readings", "too_old"]);
    expect(letters.every((l) => l.deviceCode === device.code)).toBe(true);
    expect(letters.find((l) => l.reason === "not_json")).toMatchObject({ payloadExcerpt: "{not json" });
    expect(letters.find((l) => l.reason === "too_many_readings")?.message).toContain("1,000");
    // Another enterprise does not see them.
    const other = await bearerFor(context, "housing.dept");
    const foreign = (await context.app.inject({ url: "/api/v1/ingest/dead-letters", headers: other })).json().items;
    expect(foreign.filter((l: { deviceCode: string }) => l.deviceCode === device.code)).toEqual([]);
    await client.endAsync();
  });

  it("puts back a device account deleted on the broker and removes one the database does not know", async () => {
    const device = devices[0];
    await admin(`/users/${device.id}`, { method: "DELETE" });
    await admin("/users/stray-device", {
      method: "PUT",
      body: JSON.stringify({ password: "x", tags: DEVICE_ACCOUNT_TAG }),
    });
    const mended = await reconcileDeviceAccounts(context.app.brokerAdmin!, context.database.db);
    // Accounts of the other database's run share this broker; one installation per vhost keeps them apart in production.
    expect(mended.written).toBe(1);
    expect(mended.removed).toBeGreaterThanOrEqual(1);
    expect((await admin("/users/stray-device")).status).toBe(404);
    const client = await connectDevice(device.mqtt.username, device.credential);
    await client.endAsync();
  });

  it.runIf(kind.name === "postgres")(
    "leaves messages on the queue while the database is unreachable and stores them once it is back",
    async () => {
      const database = new URL(process.env.DATABASE_URL!);
      const name = (await sql<{ name: string }>`SELECT current_database() AS name`.execute(context.database.db)).rows[0]
        .name;
      const superuser = new pg.Client({ connectionString: database.toString() });
      await superuser.connect();
      const device = devices[0];
      const before = await readingsOf(device.id);
      const client = await connectDevice(device.mqtt.username, device.credential);
      try {
        await superuser.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
        await superuser.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [name]);
        const ts = Date.now() - 3000;
        for (let i = 0; i < 5; i++)
          expect(await publish(client, device.mqtt.topic, JSON.stringify({ ts: ts + i, value: 1 }))).toBe(true);
        // The consumer hands them back and stops taking messages until the database answers again.
        expect(await until(queueDepth, (d) => d.ready === 5 && d.consumers === 0, 10_000)).toEqual({
          ready: 5,
          consumers: 0,
        });
      } finally {
        await superuser.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
        await superuser.end();
      }
      expect(
        await until(
          () => readingsOf(device.id),
          (n) => n >= before + 5,
          30_000,
        ),
      ).toBe(before + 5);
      const letters = (await context.app.inject({ url: "/api/v1/ingest/dead-letters", headers: safety })).json().items;
      expect(letters.filter((l: { reason: string }) => l.reason === "unprocessable")).toEqual([]);
      await client.endAsync();
    },
    60_000,
  );

  it("stops with every message it took acknowledged: nothing is left on the queue or parked", async () => {
    await queue.stop();
    expect(await queueDepth()).toEqual({ ready: 0, consumers: 0 });
    expect(await queueDepth(`${queueName}.parked`)).toEqual({ ready: 0, consumers: 0 });
  });
});
