import { describe, expect, it } from "vitest";
import { simulatedDevice } from "./simulated-signal";

describe("simulated signals", () => {
  it("stays near the baseline of a gas detector without anomalies, the same for the same seed", () => {
    const a = simulatedDevice("G1", "combustible_gas", 7);
    const b = simulatedDevice("G1", "combustible_gas", 7);
    const values = Array.from({ length: 600 }, (_, t) => a.valueAt(t) as number);
    expect(values).toEqual(Array.from({ length: 600 }, (_, t) => b.valueAt(t)));
    expect(Math.max(...values)).toBeLessThan(5);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
  });

  it("ramps a leak up to its peak, holds it, then decays", () => {
    const device = simulatedDevice("G2", "combustible_gas", 3, [
      { kind: "leak", startSeconds: 100, rampSeconds: 60, peak: 60 },
    ]);
    expect(device.valueAt(90) as number).toBeLessThan(5);
    expect(device.valueAt(130) as number).toBeGreaterThan(25);
    expect(device.valueAt(190) as number).toBeGreaterThan(55);
    expect(device.valueAt(400) as number).toBeLessThan(10);
  });

  it("goes silent during a silence anomaly", () => {
    const device = simulatedDevice("G3", "oxygen", 1, [{ kind: "silence", startSeconds: 10, durationSeconds: 5 }]);
    expect(device.valueAt(9)).not.toBeNull();
    expect(device.valueAt(12)).toBeNull();
    expect(device.valueAt(15)).not.toBeNull();
  });
});
