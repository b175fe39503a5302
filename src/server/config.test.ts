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
      trustProxy: false,
      openapiDocs: true,
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
    [{ MQTT_URL: "http://broker", BROKER_URL: "amqp://b", BROKER_ADMIN_URL: "http://b" }, "MQTT_URL"],
    [{ MQTT_URL: "mqtt://broker" }, "BROKER_URL"],
    [{ BROKER_URL: "mqtt://broker" }, "BROKER_URL"],
    [{ BROKER_URL: "amqp://broker" }, "BROKER_ADMIN_URL"],
    [{ BROKER_URL: "amqp://broker", BROKER_ADMIN_URL: "http://b", BROKER_QUEUE: "a queue" }, "BROKER_QUEUE"],
    [{ WEBHOOK_ALLOW_HOSTS: "receiver.internal" }, "WEBHOOK_ALLOW_HOSTS"],
    [{ TILE_URL: "ftp://tiles" }, "TILE_URL"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ SESSION_SECRET: "short" }, "SESSION_SECRET"],
    [{ DATABASE_URL: "postgres://db/x" }, "SESSION_SECRET"],
    [{ DATABASE_READ_URL: "postgres://replica/x" }, "DATABASE_READ_URL"],
    [{ DATABASE_URL: "postgres://db/x", DATABASE_READ_URL: "mysql://replica/x" }, "DATABASE_READ_URL"],
    [{ SEED_DEMO: "yes" }, "SEED_DEMO"],
    [{ DEMO_SIMULATION: "on" }, "DEMO_SIMULATION"],
    [{ TRUST_PROXY: "true" }, "TRUST_PROXY"],
    [{ TRUST_PROXY: "*" }, "TRUST_PROXY"],
    [{ TRUST_PROXY: "10.0.0.1,proxy.example" }, "TRUST_PROXY"],
    [{ TRUST_PROXY: "10.0.0.0/33" }, "TRUST_PROXY"],
    [{ OPENAPI_DOCS: "off" }, "OPENAPI_DOCS"],
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
      BROKER_URL: "amqp://dualguard:secret@broker:5672/city%2Fa",
      BROKER_ADMIN_URL: "http://dualguard:secret@broker:15672",
      MQTT_URL: "mqtts://broker.example:8883",
      TILE_URL: "https://tiles.example/{z}/{x}/{y}.png",
      PORT: "8080",
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: "postgresql://u@db:5432/dualguard",
      broker: {
        url: "amqp://dualguard:secret@broker:5672/city%2Fa",
        adminUrl: "http://dualguard:secret@broker:15672",
        vhost: "city/a",
        queue: "dualguard.readings",
        mqttUrl: "mqtts://broker.example:8883",
      },
    });
  });

  it("reads from a replica only beside a primary: DATABASE_READ_URL without DATABASE_URL says to set both", () => {
    const server = { DATABASE_URL: "postgres://db/dualguard", SESSION_SECRET: "s".repeat(40) };
    expect(loadConfig(server).databaseReadUrl).toBeUndefined();
    expect(loadConfig({ ...server, DATABASE_READ_URL: "postgres://replica/dualguard" }).databaseReadUrl).toBe(
      "postgres://replica/dualguard",
    );
    expect(() => loadConfig({ DATA_DIR: dataDir, DATABASE_READ_URL: "postgres://replica/dualguard" })).toThrow(
      /needs DATABASE_URL, the primary every write goes to/,
    );
  });

  it("starts a PostgreSQL installation empty: no demo city unless SEED_DEMO=true asks for it", () => {
    const server = { DATABASE_URL: "postgres://db/dualguard", SESSION_SECRET: "s".repeat(40) };
    expect(loadConfig(server)).toMatchObject({ seedDemo: false, demoSimulation: false });
    expect(loadConfig({ ...server, SEED_DEMO: "true" }).seedDemo).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDir, SEED_DEMO: "false" }).seedDemo).toBe(false);
  });

  it("believes forwarded headers only from the proxies TRUST_PROXY names, and can turn the API documentation off", () => {
    expect(loadConfig({ DATA_DIR: dataDir }).trustProxy).toBe(false);
    expect(
      loadConfig({ DATA_DIR: dataDir, TRUST_PROXY: "10.0.0.5, 10.0.1.0/24,loopback,fd00::/8" }).trustProxy,
    ).toEqual(["10.0.0.5", "10.0.1.0/24", "loopback", "fd00::/8"]);
    expect(loadConfig({ DATA_DIR: dataDir, OPENAPI_DOCS: "false" }).openapiDocs).toBe(false);
    expect(() => loadConfig({ DATA_DIR: dataDir, TRUST_PROXY: "true" })).toThrow(/list the reverse proxies' addresses/);
  });
});
