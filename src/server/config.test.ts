import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

describe("configuration", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "dualguard-config-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("defaults to port 3000 and embedded data, generating a session secret it keeps", () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({
      port: 3000,
      dataDir,
      databaseUrl: undefined,
      logLevel: "info",
      seedDemo: true,
      demoSimulation: true,
      webhookAllowHosts: [],
    });
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dataDir, "session-secret"), "utf8").trim()).toBe(config.sessionSecret);
    expect(loadConfig({ DATA_DIR: dataDir }).sessionSecret).toBe(config.sessionSecret);
  });

  it.each([
    [{ PORT: "70000" }, "PORT"],
    [{ PORT: "http" }, "PORT"],
    [{ DATABASE_URL: "mysql://localhost/x" }, "DATABASE_URL"],
    [{ DATABASE_URL: "not a url" }, "DATABASE_URL"],
    [{ WEBHOOK_ALLOW_HOSTS: "receiver.internal" }, "WEBHOOK_ALLOW_HOSTS"],
    [{ MQTT_URL: "http://broker" }, "MQTT_URL"],
    [{ TILE_URL: "ftp://tiles" }, "TILE_URL"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ SESSION_SECRET: "short" }, "SESSION_SECRET"],
    [{ DATABASE_URL: "postgres://db/x" }, "SESSION_SECRET"],
    [{ SEED_DEMO: "yes" }, "SEED_DEMO"],
    [{ DEMO_SIMULATION: "on" }, "DEMO_SIMULATION"],
  ])("names the bad variable in %j", (env, variable) => {
    expect(() => loadConfig({ DATA_DIR: dataDir, ...env })).toThrow(ConfigError);
    try {
      loadConfig({ DATA_DIR: dataDir, ...env });
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).toMatch(new RegExp(`^${variable}: .+`));
    }
  });

  it("takes a PostgreSQL server and broker from the environment", () => {
    const config = loadConfig({
      DATABASE_URL: "postgresql://u@db:5432/dualguard",
      SESSION_SECRET: "s".repeat(40),
      MQTT_URL: "mqtt://127.0.0.1:1883",
      TILE_URL: "https://tiles.example/{z}/{x}/{y}.png",
      PORT: "8080",
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: "postgresql://u@db:5432/dualguard",
      mqttUrl: "mqtt://127.0.0.1:1883",
    });
  });
});
