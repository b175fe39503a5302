import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import { join, resolve } from "node:path";
import { parseAllowHosts } from "./notifications/webhook-address";

/** Everything the server reads from its environment, validated once at boot. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL server; absent means embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  /**
   * A streaming replica of that server: the map, cockpit, statistics and exports read from it (stale by its lag);
   * absent means they read from DATABASE_URL like everything else.
   */
  databaseReadUrl?: string;
  /**
   * The broker devices publish to (RabbitMQ with its MQTT plugin): servers consume the durable readings queue over
   * AMQP and keep the device accounts through the management API. Absent: readings arrive over HTTP only.
   */
  broker?: BrokerConfig;
  smtpUrl?: string;
  sessionSecret: string;
  tileUrl?: string;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Seed the demo city into an empty database at start; only the embedded demo does by default. */
  seedDemo: boolean;
  /**
   * Addresses of the reverse proxies whose X-Forwarded-For / -Proto are believed;
   * false (the default) believes no header, so a client cannot pick its own address.
   */
  trustProxy: false | string[];
  /** Serve the browsable API documentation (/api/docs and /api/openapi.json). */
  openapiDocs: boolean;
  /** Feed the demo devices with simulated readings (embedded demo only). */
  demoSimulation: boolean;
  /** `host:port` pairs webhooks may reach although they resolve to internal addresses (none by default). */
  webhookAllowHosts?: string[];
}

export interface BrokerConfig {
  /** BROKER_URL: amqp(s)://user:password@host:5672/vhost, what the servers consume from. */
  url: string;
  /** BROKER_ADMIN_URL: http(s)://user:password@host:15672, the management API that keeps device accounts. */
  adminUrl: string;
  vhost: string;
  /** BROKER_QUEUE: the durable readings queue (one per installation sharing a broker). */
  queue: string;
  /** MQTT_URL: the address devices are told to publish to. */
  mqttUrl?: string;
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
  const databaseReadUrl = loadDatabaseReadUrl(env, databaseUrl);
  const broker = loadBrokerConfig(env);
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
    databaseReadUrl,
    broker,
    smtpUrl,
    sessionSecret,
    tileUrl,
    logLevel,
    // A PostgreSQL server is a real installation: it starts empty unless the demo is asked for.
    seedDemo: parseBoolean("SEED_DEMO", env.SEED_DEMO, !databaseUrl),
    demoSimulation: parseBoolean("DEMO_SIMULATION", env.DEMO_SIMULATION, !databaseUrl),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    openapiDocs: parseBoolean("OPENAPI_DOCS", env.OPENAPI_DOCS, true),
    webhookAllowHosts,
  };
}

function loadDatabaseReadUrl(env: NodeJS.ProcessEnv, databaseUrl: string | undefined): string | undefined {
  if (!env.DATABASE_READ_URL) return undefined;
  if (!databaseUrl) {
    throw new ConfigError(
      "DATABASE_READ_URL",
      "is a replica of the PostgreSQL server and needs DATABASE_URL, the primary every write goes to; set DATABASE_URL too, or unset DATABASE_READ_URL (the embedded database has no replica)",
    );
  }
  return parseUrl("DATABASE_READ_URL", env.DATABASE_READ_URL, ["postgres:", "postgresql:"]);
}

function loadBrokerConfig(env: NodeJS.ProcessEnv): BrokerConfig | undefined {
  const mqttUrl = env.MQTT_URL ? parseUrl("MQTT_URL", env.MQTT_URL, ["mqtt:", "mqtts:", "ws:", "wss:"]) : undefined;
  if (!env.BROKER_URL) {
    if (mqttUrl || env.BROKER_ADMIN_URL) {
      throw new ConfigError(
        "BROKER_URL",
        "is required with MQTT_URL or BROKER_ADMIN_URL: the servers read device readings from the broker's durable queue over AMQP; set e.g. amqp://dualguard:secret@broker:5672/dualguard (see README, 'Running on a PostgreSQL server')",
      );
    }
    return undefined;
  }
  const url = parseUrl("BROKER_URL", env.BROKER_URL, ["amqp:", "amqps:"]);
  if (!env.BROKER_ADMIN_URL) {
    throw new ConfigError(
      "BROKER_ADMIN_URL",
      "is required with BROKER_URL: each device gets its own broker account through the management API; set e.g. http://dualguard:secret@broker:15672",
    );
  }
  const adminUrl = parseUrl("BROKER_ADMIN_URL", env.BROKER_ADMIN_URL, ["http:", "https:"]);
  const path = new URL(url).pathname;
  const vhost = path.length > 1 ? decodeURIComponent(path.slice(1)) : "/";
  const queue = env.BROKER_QUEUE ?? "dualguard.readings";
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(queue)) {
    throw new ConfigError("BROKER_QUEUE", `"${queue}" is not a queue name; use letters, digits, ".", "_" and "-"`);
  }
  return { url, adminUrl, vhost, queue, mqttUrl };
}

// Named address ranges the proxy-addr module understands.
const PROXY_RANGE_NAMES = ["loopback", "linklocal", "uniquelocal"];

/** A comma-separated list of proxy addresses or CIDR ranges; "true" or "*" is refused (anyone could forge). */
function parseTrustProxy(value: string | undefined): false | string[] {
  if (value === undefined || value.trim() === "" || value === "false") return false;
  const entries = value.split(",").map((entry) => entry.trim());
  for (const entry of entries) {
    if (PROXY_RANGE_NAMES.includes(entry)) continue;
    const [address, prefix, extra] = entry.split("/");
    const version = isIP(address ?? "");
    const maxPrefix = version === 6 ? 128 : 32;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
    if (version === 0 || !prefixOk || extra !== undefined) {
      throw new ConfigError(
        "TRUST_PROXY",
        `"${entry}" is not a proxy address; list the reverse proxies' addresses or CIDR ranges separated by commas (e.g. 10.0.0.5,10.0.1.0/24 or loopback), or leave it unset when clients connect directly`,
      );
    }
  }
  return entries;
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
