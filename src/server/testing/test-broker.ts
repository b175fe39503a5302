import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A RabbitMQ node of the test's own (MQTT plugin for devices, AMQP for the
 * servers, the management API for device accounts) on spare ports, with
 * authentication on and anonymous MQTT off, as production runs it. Tests that
 * need a broker start one; `restart` stops it gracefully and starts it again
 * on the same data, which is what "the broker restarted under load" means.
 */
export interface TestBroker {
  /** What DualGuard servers consume from (BROKER_URL). */
  amqpUrl: string;
  /** The management API the servers keep device accounts in (BROKER_ADMIN_URL). */
  adminUrl: string;
  /** What devices publish to (MQTT_URL). */
  mqttUrl: string;
  /** The environment a server process needs to use this broker. */
  env: Record<string, string>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const SERVER_SCRIPT = "/usr/lib/rabbitmq/bin/rabbitmq-server";
const ADMIN_USER = "dualguard-test";
const ADMIN_PASSWORD = "test-broker-password";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** The uid and gid of the rabbitmq account when we are root: RabbitMQ will not run as root. */
function brokerAccount(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(execFileSync("id", ["-u", "rabbitmq"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "rabbitmq"], { encoding: "utf8" }).trim());
  return { uid, gid };
}

function chownTree(path: string, account: { uid: number; gid: number }) {
  chownSync(path, account.uid, account.gid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) chownTree(child, account);
    else chownSync(child, account.uid, account.gid);
  }
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs: number, log: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`test broker: ${what} did not come up within ${timeoutMs / 1000} s\n${log()}`);
}

export async function startTestBroker(): Promise<TestBroker> {
  if (!existsSync(SERVER_SCRIPT)) {
    throw new Error("The broker tests need RabbitMQ: apt-get install rabbitmq-server (the CI script installs it)");
  }
  const [amqpPort, mqttPort, adminPort, distPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const dir = mkdtempSync(join(tmpdir(), "dualguard-broker-"));
  const nodeName = `dgtest${amqpPort}@localhost`;
  mkdirSync(join(dir, "mnesia"));
  mkdirSync(join(dir, "log"));
  writeFileSync(
    join(dir, "rabbitmq.conf"),
    [
      `listeners.tcp.default = 127.0.0.1:${amqpPort}`,
      `mqtt.listeners.tcp.default = 127.0.0.1:${mqttPort}`,
      `management.tcp.port = ${adminPort}`,
      "management.tcp.ip = 127.0.0.1",
      "mqtt.allow_anonymous = false",
      `default_user = ${ADMIN_USER}`,
      `default_pass = ${ADMIN_PASSWORD}`,
      "default_permissions.configure = .*",
      "default_permissions.read = .*",
      "default_permissions.write = .*",
      "default_user_tags.administrator = true",
      // A test machine's disk may be nearly full; the default 50 MB alarm would block publishers.
      "disk_free_limit.absolute = 1MB",
      "log.console = false",
      // Queue depths in the management API refresh twice a second instead of every 5 s.
      "collect_statistics_interval = 500",
      "log.file.level = warning",
      "",
    ].join("\n"),
  );
  writeFileSync(join(dir, "enabled_plugins"), "[rabbitmq_mqtt,rabbitmq_management].\n");
  const account = brokerAccount();
  if (account) chownTree(dir, account);
  const env = {
    ...process.env,
    HOME: dir,
    RABBITMQ_NODENAME: nodeName,
    RABBITMQ_CONFIG_FILE: join(dir, "rabbitmq"),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, "enabled_plugins"),
    RABBITMQ_MNESIA_BASE: join(dir, "mnesia"),
    RABBITMQ_LOG_BASE: join(dir, "log"),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_PID_FILE: join(dir, "pid"),
    RABBITMQ_FEATURE_FLAGS_FILE: join(dir, "feature_flags"),
  };
  const adminUrl = `http://${ADMIN_USER}:${ADMIN_PASSWORD}@127.0.0.1:${adminPort}`;
  const authorization = `Basic ${Buffer.from(`${ADMIN_USER}:${ADMIN_PASSWORD}`).toString("base64")}`;
  let child: ChildProcess | null = null;
  let output = "";
  const log = () => output.slice(-4000);

  const listening = (port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
      socket.connect(port, "127.0.0.1");
    });

  const start = async () => {
    output = "";
    child = spawn(SERVER_SCRIPT, [], {
      env,
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
      ...(account ?? {}),
    });
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const exited = new Promise<never>((_, reject) =>
      child!.once("exit", (code) => reject(new Error(`test broker exited with ${code}\n${log()}`))),
    );
    exited.catch(() => {});
    await Promise.race([
      (async () => {
        await waitFor(
          async () => (await fetch(`http://127.0.0.1:${adminPort}/api/overview`, { headers: { authorization } })).ok,
          "the management API",
          60_000,
          log,
        );
        await waitFor(() => listening(amqpPort), "AMQP", 30_000, log);
        await waitFor(() => listening(mqttPort), "MQTT", 30_000, log);
      })(),
      exited,
    ]);
  };
  const stopNode = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
    running.kill("SIGTERM");
    const timer = setTimeout(() => running.kill("SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
    child = null;
  };
  // A test that dies must not leave an Erlang node behind.
  const onExit = () => child?.kill("SIGKILL");
  process.once("exit", onExit);

  await start();
  return {
    amqpUrl: `amqp://${ADMIN_USER}:${ADMIN_PASSWORD}@127.0.0.1:${amqpPort}`,
    adminUrl,
    mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
    env: {
      BROKER_URL: `amqp://${ADMIN_USER}:${ADMIN_PASSWORD}@127.0.0.1:${amqpPort}`,
      BROKER_ADMIN_URL: adminUrl,
      MQTT_URL: `mqtt://127.0.0.1:${mqttPort}`,
    },
    async restart() {
      await stopNode();
      await start();
    },
    async stop() {
      await stopNode();
      process.removeListener("exit", onExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
