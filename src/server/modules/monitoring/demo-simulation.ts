import type { Kysely } from "kysely";
import type { DeviceType } from "../../../domain/monitoring/device-types";
import { type SimulatedDevice, simulatedDevice } from "../../../domain/monitoring/simulated-signal";
import type { DB } from "../../db/schema";
import type { IngestBatcher } from "../../ingestion/ingest-batcher";

// The demo city's devices send a reading every 5 s; a leak on the first gas detector every 15 minutes keeps the console alive.
const INTERVAL_MS = 5000;
const LEAK_EVERY_SECONDS = 900;

/** Readings for the demo devices (codes starting DEMO-), ingested in-process like any other. */
export function startDemoSimulation(
  db: Kysely<DB>,
  ingest: IngestBatcher,
  log: { warn(o: object, m: string): void },
): { stop(): void } {
  let devices: (SimulatedDevice & { enterpriseId: string })[] | null = null;
  const started = Date.now();
  const tick = async () => {
    devices ??= (
      await db
        .selectFrom("device")
        .select(["enterprise_id", "code", "device_type"])
        .where("code", "like", "DEMO-%")
        .orderBy("code")
        .execute()
    ).map((d, i) => ({
      ...simulatedDevice(
        d.code,
        d.device_type as DeviceType,
        i + 1,
        i === 0
          ? Array.from({ length: 96 }, (_, k) => ({
              kind: "leak" as const,
              startSeconds: 60 + k * LEAK_EVERY_SECONDS,
              rampSeconds: 60,
              peak: 55,
            }))
          : [],
      ),
      enterpriseId: d.enterprise_id,
    }));
    const now = new Date();
    const seconds = (now.getTime() - started) / 1000;
    const readings = devices.flatMap((device) => {
      const value = device.valueAt(seconds);
      return value === null
        ? []
        : [{ enterpriseId: device.enterpriseId, deviceId: device.code, ts: now.getTime(), value }];
    });
    await Promise.all(
      readings.map(({ enterpriseId, ...reading }) =>
        ingest.submit({
          caller: { kind: "gateway", enterpriseIds: [enterpriseId] },
          readings: [reading],
          channel: "http",
        }),
      ),
    );
  };
  const timer = setInterval(() => {
    tick().catch((error) => log.warn({ err: error }, "demo simulation tick failed"));
  }, INTERVAL_MS);
  return { stop: () => clearInterval(timer) };
}
