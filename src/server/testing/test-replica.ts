import { type ChildProcess, execFile, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "./test-broker";

/**
 * A PostgreSQL streaming replica of the test cluster (the server DATABASE_URL names) on a spare port: a base
 * backup taken with pg_basebackup and run by Debian's postgres binary of the primary's major version, in hot
 * standby, as production runs a read replica. `stop` shuts it down and removes its data.
 */
export interface TestReplica {
  port: number;
  /** The primary's URL with the host and port of the replica: the same database, read-only. */
  urlOf(primaryUrl: string): string;
  /** Runs one query on the replica (database `postgres` unless given). */
  query<Row extends pg.QueryResultRow>(text: string, values?: unknown[], database?: string): Promise<Row[]>;
  /** Resolves once the replica has replayed everything the primary had written when called; the time it took. */
  caughtUp(timeoutMs?: number): Promise<number>;
  /** Stops applying the primary's changes (they keep arriving); reads see the data as it was. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  output(): string;
  stop(): Promise<void>;
}

/** The uid and gid of the postgres account when we are root: PostgreSQL will not run as root. */
function postgresAccount(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  return { uid, gid };
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** What the primary must allow for a streaming replica; each problem says how to fix it. */
async function replicationSettings(primaryUrl: string): Promise<{ major: number; limits: Record<string, string> }> {
  return withClient(primaryUrl, async (client) => {
    const setting = async (name: string) =>
      (await client.query<{ setting: string }>("SELECT setting FROM pg_settings WHERE name = $1", [name])).rows[0]
        .setting;
    const walLevel = await setting("wal_level");
    if (walLevel === "minimal") {
      throw new Error("test replica: the primary has wal_level = minimal; set it to replica and restart PostgreSQL");
    }
    if (Number(await setting("max_wal_senders")) < 2) {
      throw new Error(
        "test replica: the primary needs max_wal_senders ≥ 2 (pg_basebackup streams its WAL beside the copy)",
      );
    }
    // A hot standby must allow at least as much as its primary for these, or it refuses to start.
    const names = [
      "max_connections",
      "max_worker_processes",
      "max_wal_senders",
      "max_prepared_transactions",
      "max_locks_per_transaction",
    ];
    const limits: Record<string, string> = {};
    for (const name of names) limits[name] = await setting(name);
    return { major: Math.floor(Number(await setting("server_version_num")) / 10000), limits };
  });
}

function run(command: string, args: string[], options: { uid?: number; gid?: number; env: NodeJS.ProcessEnv }) {
  return new Promise<void>((resolve, reject) => {
    execFile(command, args, { ...options, timeout: 300_000 }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      if (stderr.includes("no pg_hba.conf entry for replication connection")) {
        return reject(
          new Error(
            `test replica: the primary refuses replication connections. Allow them from 127.0.0.1 in its pg_hba.conf (SHOW hba_file), e.g. "host replication all 127.0.0.1/32 trust", and reload; .ci/run does this in CI.\n${stderr}`,
          ),
        );
      }
      reject(new Error(`test replica: ${command} failed: ${stderr || error.message}`));
    });
  });
}

export async function startTestReplica(primaryUrl: string): Promise<TestReplica> {
  const { major, limits } = await replicationSettings(primaryUrl);
  const bin = `/usr/lib/postgresql/${major}/bin`;
  if (!existsSync(join(bin, "postgres"))) {
    throw new Error(
      `test replica: a replica must run the primary's major version ${major}; apt-get install postgresql-${major}`,
    );
  }
  const primary = new URL(primaryUrl);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "dualguard-replica-"));
  const dataDir = join(dir, "data");
  const account = postgresAccount();
  // The postgres account owns the directory: it writes the backup, its socket and (when we are root) runs the server.
  if (account) chownSync(dir, account.uid, account.gid);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(primary.password) || process.env.PGPASSWORD };
  try {
    // -R writes standby.signal and primary_conninfo; -c fast checkpoints at once instead of spreading it over minutes.
    await run(
      "pg_basebackup",
      [
        ...["-h", primary.hostname, "-p", primary.port || "5432", "-U", decodeURIComponent(primary.username)],
        ...["-D", dataDir, "-R", "-X", "stream", "-c", "fast", "--no-sync"],
      ],
      { ...(account ?? {}), env },
    );
    // Debian keeps the cluster's configuration in /etc, so the copy has none: the replica gets its own.
    const file = (name: string, text: string) => {
      writeFileSync(join(dataDir, name), text);
      if (account) chownSync(join(dataDir, name), account.uid, account.gid);
    };
    file(
      "postgresql.conf",
      [
        "listen_addresses = '127.0.0.1'",
        "hot_standby = on",
        "shared_buffers = 32MB",
        "fsync = off",
        "log_min_messages = warning",
        ...Object.entries(limits).map(([name, value]) => `${name} = ${value}`),
        "",
      ].join("\n"),
    );
    file("pg_hba.conf", "local all all trust\nhost all all 127.0.0.1/32 trust\n");
    file("pg_ident.conf", "");
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  let output = "";
  const child: ChildProcess = spawn(join(bin, "postgres"), ["-D", dataDir, "-p", String(port), "-k", dir], {
    cwd: dir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    ...(account ?? {}),
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  // A test that dies must not leave a server behind.
  const onExit = () => child.kill("SIGKILL");
  process.once("exit", onExit);

  const replicaUrl = (database: string) => {
    const url = new URL(primaryUrl);
    url.hostname = "127.0.0.1";
    url.port = String(port);
    url.pathname = `/${database}`;
    return url.toString();
  };
  const query = async <Row extends pg.QueryResultRow>(text: string, values: unknown[] = [], database = "postgres") =>
    withClient(replicaUrl(database), async (client) => (await client.query<Row>(text, values)).rows);

  // Kept open, so that measuring the lag does not measure connecting.
  const primaryClient = new pg.Client({ connectionString: primaryUrl });
  const replicaClient = new pg.Client({ connectionString: replicaUrl("postgres") });
  const stop = async () => {
    await primaryClient.end().catch(() => {});
    await replicaClient.end().catch(() => {});
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      // SIGINT is PostgreSQL's fast shutdown: open sessions are ended rather than waited for.
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    }
    process.removeListener("exit", onExit);
    rmSync(dir, { recursive: true, force: true });
  };

  // Up when it answers as a standby whose WAL receiver streams from the primary.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`test replica: postgres exited with ${child.exitCode}\n${output.slice(-4000)}`);
    }
    const streaming = await query<{ status: string }>("SELECT status FROM pg_stat_wal_receiver").then(
      (rows) => rows[0]?.status === "streaming",
      () => false,
    );
    if (streaming) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`test replica: not streaming from the primary within 60 s\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  try {
    await primaryClient.connect();
    await replicaClient.connect();
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    port,
    urlOf(url) {
      return replicaUrl(new URL(url).pathname.slice(1));
    },
    query,
    async caughtUp(timeoutMs = 30_000) {
      const started = Date.now();
      const target = (await primaryClient.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn")).rows[0]
        .lsn;
      for (;;) {
        const { rows } = await replicaClient.query<{ done: boolean }>(
          "SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done",
          [target],
        );
        if (rows[0].done) return Date.now() - started;
        if (Date.now() - started > timeoutMs) {
          throw new Error(`test replica: did not replay up to ${target} within ${timeoutMs} ms`);
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    async pauseReplay() {
      await replicaClient.query("SELECT pg_wal_replay_pause()");
      // The request takes effect at the next record; wait until replay has really stopped.
      const state = async () =>
        (await replicaClient.query<{ state: string }>("SELECT pg_get_wal_replay_pause_state() AS state")).rows[0].state;
      while ((await state()) !== "paused") await new Promise((r) => setTimeout(r, 20));
    },
    async resumeReplay() {
      await replicaClient.query("SELECT pg_wal_replay_resume()");
    },
    output: () => output,
    stop,
  };
}
