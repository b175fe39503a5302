import { sql } from "kysely";
import mqtt, { type MqttClient } from "mqtt";
import { buildApp } from "../src/server/app";
import type { Database } from "../src/server/db/database";
import { prepareDatabase } from "../src/server/db/prepare-database";
import { startReadingQueue } from "../src/server/ingestion/reading-queue";
import { reconcileDeviceAccounts } from "../src/server/modules/monitoring/device-broker-accounts";
import { maintainReadingPartitions } from "../src/server/modules/monitoring/reading-partitions";
import { newDeviceCredential } from "../src/server/modules/monitoring/rotate-device-credential";
import { createApiToken } from "../src/server/modules/tokens/create-api-token";
import { seedDemo } from "../src/server/seed/seed-demo";
import { TEST_CONFIG } from "../src/server/testing/test-app";
import { startTestBroker, type TestBroker } from "../src/server/testing/test-broker";
import { onEachDatabase, writeResults } from "./bench-databases";

/**
 * Ingest throughput with every alarm rule evaluated, over MQTT (devices
 * publishing to RabbitMQ with their own accounts, the server consuming the
 * durable queue) and HTTP (gateways posting batches of 500), against the raw
 * rate of inserting the same rows (one INSERT per 1,000 rows), plus the
 * latency from publishing a leak reading to its alarm being committed, on
 * PGlite and (with DATABASE_URL) PostgreSQL.
 */
const DEVICES = 200;
const PHASE_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MESSAGE_SIZE = 100; // readings per MQTT message
const HTTP_BATCH = 500;
const HTTP_SENDERS = 4;
const LATENCY_RATE = 5000; // readings per second while measuring alarm latency

let peakRss = 0;
const rssTimer = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

async function countReadings(database: Database): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM reading`.execute(database.db);
  return Number(rows[0].n);
}

async function measure(database: Database, label: string, broker: TestBroker) {
  peakRss = 0;
  await prepareDatabase(database);
  await seedDemo(database, { enterprises: 20 });
  await maintainReadingPartitions(database.db, new Date());
  const enterprise = await database.db
    .selectFrom("user_enterprise")
    .innerJoin("app_user", "app_user.id", "user_enterprise.user_id")
    .select(["user_enterprise.enterprise_id", "app_user.id as user_id"])
    .where("app_user.username", "=", "chem.safety")
    .executeTakeFirstOrThrow();
  const enterpriseId = enterprise.enterprise_id;
  const codes = Array.from({ length: DEVICES }, (_, i) => `BENCH-${String(i).padStart(4, "0")}`);
  const credentials = codes.map(() => newDeviceCredential());
  await database.db
    .insertInto("device")
    .values(
      codes.map((code, i) => ({
        enterprise_id: enterpriseId,
        code,
        name: code,
        device_type: "combustible_gas" as const,
        unit: "%LEL",
        risk_point_id: null,
        major_hazard_unit_id: null,
        lng: null,
        lat: null,
        install_date: null,
        calibration_due: null,
        credential_hash: credentials[i].credentialHash,
        broker_password_hash: credentials[i].brokerPasswordHash,
        rule_overrides: "[]",
        rule_state: "{}",
        last_value: null,
        last_ts: null,
      })),
    )
    .execute();
  const devices = await database.db
    .selectFrom("device")
    .select(["id", "code"])
    .where("code", "like", "BENCH-%")
    .orderBy("code")
    .execute();
  const queue = `bench.${label}`;
  const config = {
    ...TEST_CONFIG,
    broker: { url: broker.amqpUrl, adminUrl: broker.adminUrl, vhost: "/", queue, mqttUrl: broker.mqttUrl },
  };
  const app = await buildApp({ config, database, logger: false, webRoot: "/nonexistent" });
  await app.listen({ port: 0, host: "127.0.0.1" });
  await reconcileDeviceAccounts(app.brokerAdmin!, database.db);
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const { token } = await createApiToken(
    database.db,
    { userId: null, name: "bench", ip: "" },
    { userId: enterprise.user_id, name: "bench", days: 1 },
  );
  // Timestamps march forward from an hour ago, one millisecond per reading, so nothing is a duplicate.
  let clockMs = Date.now() - 3600_000;
  const nextBatch = (n: number, value = () => 1 + Math.random() * 3) =>
    Array.from({ length: n }, (_, i) => ({
      deviceId: codes[i % DEVICES],
      ts: clockMs++,
      value: Math.round(value() * 10) / 10,
    }));

  // HTTP: gateways posting 500-reading batches at once; the server stores concurrent requests in shared transactions.
  const httpBefore = await countReadings(database);
  const httpStart = performance.now();
  const httpEnd = httpStart + PHASE_SECONDS * 1000;
  const sender = async () => {
    while (performance.now() < httpEnd) {
      const response = await fetch(`${base}/api/v1/ingest/readings`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ readings: nextBatch(HTTP_BATCH) }),
      });
      if (!response.ok) throw new Error(`HTTP ingest: ${response.status} ${await response.text()}`);
    }
  };
  await Promise.all(Array.from({ length: HTTP_SENDERS }, sender));
  const httpSeconds = (performance.now() - httpStart) / 1000;
  const httpReadingsPerSecond = ((await countReadings(database)) - httpBefore) / httpSeconds;

  // MQTT: every device on its own connection with its own credential, 100 readings per message.
  const consumer = await startReadingQueue({
    url: broker.amqpUrl,
    queue,
    batcher: app.ingest,
    db: database.db,
    log: { info() {}, warn() {}, error: (o: unknown, m?: string) => console.error(m, o) },
  });
  const clients: MqttClient[] = await Promise.all(
    devices.map((device) =>
      mqtt.connectAsync(broker.mqttUrl, {
        username: device.id,
        password: credentials[codes.indexOf(device.code)].credential,
        protocolVersion: 4,
      }),
    ),
  );
  const topicOf = (code: string) => `dualguard/${enterpriseId}/${code}/readings`;
  const clientOf = new Map(devices.map((d, i) => [d.code, clients[i]]));
  const publishBatch = (batch: { deviceId: string; ts: number; value: number }[]) =>
    clientOf
      .get(batch[0].deviceId)!
      .publishAsync(topicOf(batch[0].deviceId), JSON.stringify(batch.map((r) => ({ ts: r.ts, value: r.value }))), {
        qos: 1,
      });
  const perDevice = (n: number) => {
    // n readings spread over the devices, MESSAGE_SIZE per message, each message for one device.
    const readings = nextBatch(n);
    const messages: (typeof readings)[] = [];
    for (let m = 0; m < n / MESSAGE_SIZE; m++) {
      const code = codes[m % DEVICES];
      messages.push(readings.slice(m * MESSAGE_SIZE, (m + 1) * MESSAGE_SIZE).map((r) => ({ ...r, deviceId: code })));
    }
    return messages;
  };
  const mqttBefore = await countReadings(database);
  let published = 0;
  const mqttStart = performance.now();
  const publishEnd = mqttStart + PHASE_SECONDS * 1000;
  // Closed loop: at most MAX_BACKLOG readings published and not yet stored, as a fleet of devices would pace itself.
  const MAX_BACKLOG = 100_000;
  while (performance.now() < publishEnd) {
    if (published - ((await countReadings(database)) - mqttBefore) > MAX_BACKLOG) {
      await new Promise((r) => setTimeout(r, 20));
      continue;
    }
    const messages = perDevice(20 * MESSAGE_SIZE);
    await Promise.all(messages.map(publishBatch));
    published += messages.length * MESSAGE_SIZE;
  }
  let lastCount = -1;
  let stalledSince = performance.now();
  for (;;) {
    const stored = (await countReadings(database)) - mqttBefore;
    if (stored >= published) break;
    if (stored !== lastCount) {
      lastCount = stored;
      stalledSince = performance.now();
    } else if (performance.now() - stalledSince > 20_000) {
      throw new Error(`MQTT ingest stalled at ${stored} of ${published} readings`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const mqttSeconds = (performance.now() - mqttStart) / 1000;
  const mqttReadingsPerSecond = ((await countReadings(database)) - mqttBefore) / mqttSeconds;

  // Alarm latency at a steady 5,000 readings per second: every 200 ms one device leaks (60 %LEL) and later recovers.
  const latencies: number[] = [];
  const latencyEnd = performance.now() + PHASE_SECONDS * 1000;
  let leakIndex = 0;
  while (performance.now() < latencyEnd) {
    const tickStart = performance.now();
    await Promise.all(perDevice(LATENCY_RATE / 5).map(publishBatch));
    const device = devices[leakIndex++ % DEVICES];
    const publishedAt = new Date();
    await clientOf
      .get(device.code)!
      .publishAsync(topicOf(device.code), JSON.stringify([{ ts: Date.now(), value: 60 }]), { qos: 1 });
    void (async () => {
      for (let i = 0; i < 200; i++) {
        const alarm = await database.db
          .selectFrom("alarm")
          .select("changed_at")
          .where("device_id", "=", device.id)
          .where("rule_id", "like", "%high_high%")
          .where("changed_at", ">=", publishedAt)
          .executeTakeFirst();
        if (alarm) {
          latencies.push(alarm.changed_at.getTime() - publishedAt.getTime());
          return;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    await new Promise((r) => setTimeout(r, Math.max(0, 200 - (performance.now() - tickStart))));
  }
  await new Promise((r) => setTimeout(r, 2000));
  await Promise.all(clients.map((c) => c.endAsync()));
  await consumer.stop();
  await app.close();

  // The ceiling: the same kind of rows, one INSERT of 1,000 rows at a time, no rules, no HTTP, no broker.
  const rawTotal = Math.max(20_000, Math.round(Math.max(httpReadingsPerSecond, mqttReadingsPerSecond) * 3));
  const rawStart = performance.now();
  for (let i = 0; i < rawTotal; i += 1000) {
    await database.db
      .insertInto("reading")
      .values(
        nextBatch(1000).map((r, j) => ({
          enterprise_id: enterpriseId,
          device_id: devices[(i + j) % DEVICES].id,
          ts: new Date(r.ts),
          value: r.value,
        })),
      )
      .execute();
  }
  const rawInsertPerSecond = rawTotal / ((performance.now() - rawStart) / 1000);
  return {
    database: label,
    mqttReadingsPerSecond: Math.round(mqttReadingsPerSecond),
    httpReadingsPerSecond: Math.round(httpReadingsPerSecond),
    rawInsertPerSecond: Math.round(rawInsertPerSecond),
    mqttRatio: Number((mqttReadingsPerSecond / rawInsertPerSecond).toFixed(3)),
    httpRatio: Number((httpReadingsPerSecond / rawInsertPerSecond).toFixed(3)),
    alarmLatencyP50Ms: Math.round(percentile(latencies, 50)),
    alarmLatencyP99Ms: Math.round(percentile(latencies, 99)),
    alarmSamples: latencies.length,
    peakRssMb: Math.round(peakRss / 1024 / 1024),
  };
}

export async function run() {
  const broker = await startTestBroker();
  let results: Awaited<ReturnType<typeof measure>>[];
  try {
    results = await onEachDatabase((database, label) => measure(database, label, broker));
  } finally {
    clearInterval(rssTimer);
    await broker.stop();
  }
  console.log("\ndatabase   mqtt r/s   http r/s   raw r/s   mqtt/raw   http/raw   alarm p50   alarm p99   peak RSS");
  for (const r of results) {
    console.log(
      `${r.database.padEnd(10)} ${String(r.mqttReadingsPerSecond).padStart(8)} ${String(r.httpReadingsPerSecond).padStart(10)} ${String(r.rawInsertPerSecond).padStart(9)} ${String(r.mqttRatio).padStart(10)} ${String(r.httpRatio).padStart(10)} ${`${r.alarmLatencyP50Ms} ms`.padStart(11)} ${`${r.alarmLatencyP99Ms} ms`.padStart(11)} ${`${r.peakRssMb} MB`.padStart(10)}`,
    );
  }
  console.log(
    "targets (PostgreSQL, 2 cores): MQTT ≥ 20,000 readings/s with rules, HTTP ≥ 15,000/s in batches of 500, ratio ≥ 0.5, alarm p99 < 1,000 ms at 5,000 readings/s, peak RSS < 600 MB",
  );
  writeResults("ingest", results);
}
