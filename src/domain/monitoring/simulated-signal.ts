import { createRandom } from "../geo/random";
import type { DeviceType } from "./device-types";

/**
 * Plausible readings for demos and benchmarks: a baseline with noise and slow
 * drift per device type, and optional anomalies — a gas leak that ramps up and
 * decays, and a device that goes silent for a while. Deterministic per seed.
 */
export type Anomaly =
  | { kind: "leak"; startSeconds: number; rampSeconds: number; peak: number }
  | { kind: "silence"; startSeconds: number; durationSeconds: number };

export interface SimulatedDevice {
  code: string;
  deviceType: DeviceType;
  /** The value at `secondsSinceStart`, or null while the device is silent. */
  valueAt(secondsSinceStart: number): number | null;
}

// Practice: typical quiet readings of each kind of device.
const BASELINES: Record<DeviceType, { base: number; noise: number; drift: number; decimals: number }> = {
  combustible_gas: { base: 1.5, noise: 0.6, drift: 0.8, decimals: 1 },
  toxic_gas: { base: 0.5, noise: 0.3, drift: 0.4, decimals: 1 },
  oxygen: { base: 20.9, noise: 0.05, drift: 0.1, decimals: 2 },
  temperature: { base: 25, noise: 0.3, drift: 3, decimals: 1 },
  pressure: { base: 0.6, noise: 0.01, drift: 0.05, decimals: 3 },
  liquid_level: { base: 4.2, noise: 0.02, drift: 0.5, decimals: 2 },
  flow: { base: 35, noise: 1.5, drift: 5, decimals: 1 },
  switch_state: { base: 0, noise: 0, drift: 0, decimals: 0 },
};

export function simulatedDevice(
  code: string,
  deviceType: DeviceType,
  seed: number,
  anomalies: readonly Anomaly[] = [],
): SimulatedDevice {
  const random = createRandom(seed);
  const profile = BASELINES[deviceType];
  const phase = random() * Math.PI * 2;
  const period = 600 + random() * 1800;
  return {
    code,
    deviceType,
    valueAt(t) {
      for (const anomaly of anomalies) {
        if (
          anomaly.kind === "silence" &&
          t >= anomaly.startSeconds &&
          t < anomaly.startSeconds + anomaly.durationSeconds
        )
          return null;
      }
      let value =
        profile.base +
        profile.drift * Math.sin(phase + (2 * Math.PI * t) / period) +
        (random() - 0.5) * 2 * profile.noise;
      for (const anomaly of anomalies) {
        if (anomaly.kind !== "leak" || t < anomaly.startSeconds) continue;
        const since = t - anomaly.startSeconds;
        // Up linearly to the peak, hold as long as the ramp took, then decay with a half-life of a ramp.
        const level =
          since <= anomaly.rampSeconds
            ? since / anomaly.rampSeconds
            : since <= 2 * anomaly.rampSeconds
              ? 1
              : 0.5 ** ((since - 2 * anomaly.rampSeconds) / anomaly.rampSeconds);
        value += level * anomaly.peak;
      }
      const factor = 10 ** profile.decimals;
      return Math.max(0, Math.round(value * factor) / factor);
    },
  };
}
