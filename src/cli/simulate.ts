import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import mqtt, { type MqttClient } from "mqtt";
import type { DeviceType } from "../domain/monitoring/device-types";
import { type Anomaly, simulatedDevice } from "../domain/monitoring/simulated-signal";

const TYPES: DeviceType[] = ["combustible_gas", "toxic_gas", "oxygen", "temperature", "pressure", "liquid_level"];

/**
 * `dualguard simulate`: registers N simulated devices for an enterprise through
 * the API and sends R readings per second in total, over HTTP (as a gateway with
 * the API token) or MQTT (each device on its own connection with its own
 * credential, as real devices do), until stopped or --duration seconds have passed.
 */
export async function simulate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: "string", default: "http://localhost:3000" },
      token: { type: "string" },
      enterprise: { type: "string" },
      devices: { type: "string", default: "10" },
      rate: { type: "string", default: "10" },
      mqtt: { type: "string" },
      http: { type: "boolean", default: false },
      anomalies: { type: "boolean", default: false },
      duration: { type: "string" },
    },
  });
  const token = values.token ?? process.env.DUALGUARD_TOKEN;
  if (!token) {
    console.error(
      "simulate needs --token (an API token of an enterprise safety manager: dualguard token create --username chem.safety)",
    );
    return 2;
  }
  const count = Number(values.devices);
  const rate = Number(values.rate);
  if (!Number.isInteger(count) || count < 1 || !(rate > 0)) {
    console.error("--devices must be a positive whole number and --rate a positive number of readings per second");
    return 2;
  }
  const api = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${values.url}/api/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...(init.headers ?? {}) },
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  };
  const me = await api("/auth/me");
  const enterpriseId: string | undefined = values.enterprise ?? me.user.enterpriseIds?.[0];
  if (!enterpriseId) {
    console.error("the token's user acts for no enterprise; pass --enterprise ID");
    return 2;
  }
  const run = randomBytes(2).toString("hex");
  const devices = [];
  const useMqtt = Boolean(values.mqtt) && !values.http;
  const clients = new Map<string, MqttClient>();
  for (let i = 0; i < count; i++) {
    const type = TYPES[i % TYPES.length];
    const code = `SIM-${run}-${String(i + 1).padStart(4, "0")}`;
    const registered = await api("/devices", {
      method: "POST",
      body: JSON.stringify({ enterpriseId, code, name: `模拟${code}`, deviceType: type }),
    });
    if (useMqtt) {
      if (!registered.mqtt) {
        console.error("the server runs without a broker (BROKER_URL unset): use --http");
        return 2;
      }
      clients.set(
        code,
        await mqtt.connectAsync(values.mqtt as string, {
          username: registered.mqtt.username,
          password: registered.credential,
          protocolVersion: 4,
        }),
      );
    }
    const anomalies: Anomaly[] = [];
    if (values.anomalies && i === 0) anomalies.push({ kind: "leak", startSeconds: 20, rampSeconds: 40, peak: 60 });
    if (values.anomalies && i === 1) anomalies.push({ kind: "silence", startSeconds: 30, durationSeconds: 600 });
    devices.push(simulatedDevice(code, type, i + 1, anomalies));
  }
  console.log(
    `simulating ${count} devices at ${rate} readings/s over ${useMqtt ? "MQTT" : "HTTP"} for enterprise ${enterpriseId}`,
  );
  const perDevicePerSecond = rate / count;
  const started = Date.now();
  const stopAt = values.duration ? started + Number(values.duration) * 1000 : Number.POSITIVE_INFINITY;
  let sent = 0;
  let carry = 0;
  let stopping = false;
  process.once("SIGINT", () => {
    stopping = true;
  });
  while (!stopping && Date.now() < stopAt) {
    const tickStart = Date.now();
    const second = (tickStart - started) / 1000;
    carry += perDevicePerSecond;
    const each = Math.floor(carry);
    carry -= each;
    const batch: { deviceId: string; ts: number; value: number }[] = [];
    for (const device of devices) {
      for (let k = 0; k < each; k++) {
        const value = device.valueAt(second + k / Math.max(each, 1));
        if (value !== null)
          batch.push({ deviceId: device.code, ts: tickStart + Math.floor((k * 1000) / Math.max(each, 1)), value });
      }
    }
    if (useMqtt) {
      const byDevice = new Map<string, { ts: number; value: number }[]>();
      for (const r of batch)
        byDevice.set(r.deviceId, [...(byDevice.get(r.deviceId) ?? []), { ts: r.ts, value: r.value }]);
      await Promise.all(
        [...byDevice].map(([code, readings]) =>
          clients
            .get(code)!
            .publishAsync(`dualguard/${enterpriseId}/${code}/readings`, JSON.stringify(readings), { qos: 1 }),
        ),
      );
    } else {
      for (let i = 0; i < batch.length; i += 5000)
        await api("/ingest/readings", { method: "POST", body: JSON.stringify({ readings: batch.slice(i, i + 5000) }) });
    }
    sent += batch.length;
    if (Math.floor(second) % 10 === 0 && batch.length > 0)
      console.log(`${Math.floor(second)} s: ${sent} readings sent`);
    await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - tickStart))));
  }
  await Promise.all([...clients.values()].map((c) => c.endAsync()));
  console.log(`done: ${sent} readings`);
  return 0;
}
