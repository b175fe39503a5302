import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mqtt from "mqtt";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";

/**
 * Kills the server with SIGKILL in the middle of sustained ingestion over MQTT
 * and HTTP, restarts it, and checks that every reading the server acknowledged
 * (HTTP 200) or the broker accepted (QoS 1) is stored once, and that the
 * alarms the leak raised exist once each.
 */
const BIN = join(import.meta.dirname, "../../../../bin/dualguard.mjs");
const BROKER = process.env.MQTT_TEST_URL ?? "mqtt://127.0.0.1:1883";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function start(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, "serve"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${env.PORT}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok && output.includes("ingesting readings over MQTT")) return { child, url };
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill("SIGKILL");
  throw new Error(`server did not start:\n${output}`);
}

describe("ingestion survives a crash", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "dualguard-crash-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("stores every acknowledged reading exactly once and loses or doubles no alarm after SIGKILL", async () => {
    const port = await freePort();
    const env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: "",
      MQTT_URL: BROKER,
      MQTT_CLIENT_ID: `dualguard-crash-test-${port}`,
      MQTT_SHARE_GROUP: `crash${port}`,
      DEMO_SIMULATION: "false",
      LOG_LEVEL: "info",
    };
    let server = await start(env);
    onTestFinished(() => {
      // Whatever happens, no server is left running after the test.
      server.child.kill("SIGKILL");
    });
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "chem.safety", password: "Demo@2026" }),
    });
    const { csrfToken, user } = await login.json();
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    const enterpriseId = user.enterpriseIds[0];
    const device = await (
      await fetch(`${server.url}/api/v1/devices`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
        body: JSON.stringify({ enterpriseId, code: "CRASH-GAS", name: "崩溃测试探头", deviceType: "combustible_gas" }),
      })
    ).json();

    // A leak ramp from 0 to 60 %LEL over 300 readings, 1 s apart on the device clock, ending now.
    const total = 300;
    const t0 = Date.now() - total * 1000;
    const reading = (i: number) => ({ ts: t0 + i * 1000, value: Math.round((60 * i) / total) });
    const publisher = await mqtt.connectAsync(BROKER);
    const topic = `dualguard/${enterpriseId}/${device.code}/readings`;
    const httpAcknowledged: number[] = [];
    let killed = false;
    for (let i = 0; i < total; i += 2) {
      await publisher.publishAsync(topic, JSON.stringify(reading(i)), { qos: 1 });
      if (!killed) {
        // The odd readings go over HTTP; only a 200 counts as acknowledged.
        const response = await fetch(`${server.url}/api/v1/ingest/readings`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${device.credential}` },
          body: JSON.stringify({ readings: [{ deviceId: device.code, ...reading(i + 1) }] }),
        }).catch(() => null);
        if (response?.ok) httpAcknowledged.push(i + 1);
      }
      if (i === 120) {
        server.child.kill("SIGKILL");
        killed = true;
        await new Promise((r) => server.child.once("exit", r));
      }
    }
    await publisher.endAsync();
    expect(killed).toBe(true);
    expect(httpAcknowledged.length).toBeGreaterThan(30);

    server = await start(env);
    const readingsUrl = `${server.url}/api/v1/devices/${device.id}/readings?from=${new Date(t0 - 1000).toISOString()}&limit=10000`;
    let stored: { ts: string; value: number }[] = [];
    for (let i = 0; i < 60; i++) {
      stored = (await (await fetch(readingsUrl, { headers: { cookie } })).json()).readings;
      if (stored.length >= total / 2 + httpAcknowledged.length) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const storedTs = new Set(stored.map((r) => new Date(r.ts).getTime()));
    const mqttMissing = Array.from({ length: total / 2 }, (_, k) => 2 * k).filter((i) => !storedTs.has(reading(i).ts));
    const httpMissing = httpAcknowledged.filter((i) => !storedTs.has(reading(i).ts));
    expect(mqttMissing).toEqual([]);
    expect(httpMissing).toEqual([]);
    expect(storedTs.size).toBe(stored.length);
    const alarms = (
      await (await fetch(`${server.url}/api/v1/alarms?pageSize=500`, { headers: { cookie } })).json()
    ).items.filter((a: { deviceId: string }) => a.deviceId === device.id);
    const byRule = new Map<string, number>();
    for (const a of alarms) byRule.set(a.ruleId, (byRule.get(a.ruleId) ?? 0) + 1);
    expect([...byRule.values()].every((n) => n === 1)).toBe(true);
    expect(alarms.map((a: { severity: number }) => a.severity).sort()).toEqual([1, 2]);
    server.child.kill("SIGTERM");
    await new Promise((r) => server.child.once("exit", r));
    // Leave no persistent session behind on the shared broker.
    const cleanup = await mqtt.connectAsync(BROKER, {
      clientId: env.MQTT_CLIENT_ID,
      clean: true,
      protocolVersion: 5,
      properties: { sessionExpiryInterval: 0 },
    });
    await cleanup.endAsync();
  }, 180_000);
});
