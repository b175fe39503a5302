import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseAllowHosts } from "./notifications/webhook-address";

/** Everything the server reads from its environment, validated once at boot. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL server; absent means embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  mqttUrl?: string;
  smtpUrl?: string;
  sessionSecret: string;
  tileUrl?: string;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Seed the demo city into an empty database at start. */
  seedDemo: boolean;
  /** Feed the demo devices with simulated readings (embedded demo only). */
  demoSimulation: boolean;
  /** `host:port` pairs webhooks may reach although they resolve to internal addresses (none by default). */
  webhookAllowHosts?: string[];
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

function parseUrl(variable: string, value: string, protocols: string[]): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(variable, `"${value}" is not a URL; expected e.g. ${protocols[0]}//host:port`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(variable, `protocol ${url.protocol} is not supported; use one of ${protocols.join(", ")}`);
  }
  return value;
}

/**
 * Reads and validates the configuration. Every error names the variable and
 * says what a valid value looks like.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const portText = env.PORT ?? "3000";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    throw new ConfigError("PORT", `"${portText}" is not a port number; use an integer from 1 to 65535`);
  }
  const dataDir = resolve(env.DATA_DIR ?? "./data");
  const databaseUrl = env.DATABASE_URL
    ? parseUrl("DATABASE_URL", env.DATABASE_URL, ["postgres:", "postgresql:"])
    : undefined;
  const mqttUrl = env.MQTT_URL ? parseUrl("MQTT_URL", env.MQTT_URL, ["mqtt:", "mqtts:", "ws:", "wss:"]) : undefined;
  const smtpUrl = env.SMTP_URL ? parseUrl("SMTP_URL", env.SMTP_URL, ["smtp:", "smtps:"]) : undefined;
  const tileUrl = env.TILE_URL ? parseUrl("TILE_URL", env.TILE_URL, ["http:", "https:"]) : undefined;
  const logLevel = (env.LOG_LEVEL ?? "info") as Config["logLevel"];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError("LOG_LEVEL", `"${env.LOG_LEVEL}" is not a level; use one of ${LOG_LEVELS.join(", ")}`);
  }
  let sessionSecret = env.SESSION_SECRET;
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    throw new ConfigError("SESSION_SECRET", "is shorter than 32 characters; use a long random string");
  }
  if (!sessionSecret) {
    if (databaseUrl) {
      throw new ConfigError(
        "SESSION_SECRET",
        "is required when DATABASE_URL is set (all server processes must share it); set a random string of 32+ characters",
      );
    }
    sessionSecret = readOrCreateSecret(dataDir);
  }
  const seedText = env.SEED_DEMO ?? "true";
  if (!["true", "false"].includes(seedText)) {
    throw new ConfigError("SEED_DEMO", `"${seedText}" is not a boolean; use true or false`);
  }
  const webhookAllowHosts = parseAllowHosts(env.WEBHOOK_ALLOW_HOSTS);
  if (typeof webhookAllowHosts === "string") {
    throw new ConfigError(
      "WEBHOOK_ALLOW_HOSTS",
      `"${webhookAllowHosts}" is not host:port; list exact pairs separated by commas, e.g. receiver.internal:8443,[fd00::5]:443`,
    );
  }
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    dataDir,
    databaseUrl,
    mqttUrl,
    smtpUrl,
    sessionSecret,
    tileUrl,
    logLevel,
    seedDemo: seedText === "true",
    demoSimulation: parseBoolean("DEMO_SIMULATION", env.DEMO_SIMULATION, !databaseUrl),
    webhookAllowHosts,
  };
}

function parseBoolean(variable: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (value === "true") return true;
  if (value === "false") return false;
  throw new ConfigError(variable, `"${value}" is not a boolean; use true or false`);
}

/** Embedded mode keeps a generated secret next to the data so sessions survive restarts. */
function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
