import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, sql, type Transaction } from "kysely";
import pg from "pg";
import { PGliteDialect } from "./pglite-dialect";
import type { DB } from "./schema";

/** One open database: Kysely for queries, plus what differs between the two engines. */
export interface Database {
  kind: "pglite" | "postgres";
  db: Kysely<DB>;
  /**
   * Where the map, cockpit, statistics and exports read: the replica's pool when DATABASE_READ_URL is set
   * (stale by the replica's lag, and read-only), `db` itself otherwise. Never write through it.
   */
  read: Kysely<DB>;
  /**
   * Runs a script of several statements (migrations, restore). Inside a
   * transaction pass it, so the script runs on the transaction's connection.
   */
  exec(script: string, trx?: Transaction<DB>): Promise<void>;
  close(): Promise<void>;
}

// Both engines return the same JS types: int8 and numeric as numbers, date as 'YYYY-MM-DD'.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const toNumber = (value: string) => Number(value);
const asText = (value: string) => value;

export class DataDirectoryInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data directory ${dataDir} is in use by process ${pid}. Only one DualGuard process may own an embedded database: stop that process, or give this one another DATA_DIR, or use a PostgreSQL server via DATABASE_URL.`,
    );
  }
}

/** A pool on `url` whose connections parse values as PGlite does; fails fast with the server's own message. */
async function postgresPool(url: string, max: number): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: {
      getTypeParser(oid: number, format?: "text" | "binary") {
        if (oid === INT8 || oid === NUMERIC) return toNumber;
        if (oid === DATE) return asText;
        // biome-ignore lint/suspicious/noExplicitAny: pg's own overloaded signature
        return (pg.types.getTypeParser as any)(oid, format);
      },
    },
  });
  // An idle connection closed by the server (restart, DROP DATABASE … FORCE) must not crash the process;
  // the pool replaces it on next use.
  pool.on("error", () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}

/** The primary at `url`, and when `readUrl` is given a second pool on that replica for `read`. */
export async function openPostgres(url: string, options: { max?: number; readUrl?: string } = {}): Promise<Database> {
  const max = options.max ?? 10;
  const pool = await postgresPool(url, max);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let read = db;
  if (options.readUrl) {
    try {
      read = new Kysely<DB>({ dialect: new PostgresDialect({ pool: await postgresPool(options.readUrl, max) }) });
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }
  return {
    kind: "postgres",
    db,
    read,
    async exec(script, trx) {
      // No parameters: node-postgres uses the simple protocol, which accepts several statements.
      if (trx) await sql.raw(script).execute(trx);
      else await pool.query(script);
    },
    async close() {
      if (read !== db) await read.destroy();
      await db.destroy();
    },
  };
}

/**
 * Opens PGlite in `dataDir` (or in memory when `dataDir` is undefined). A lock
 * file keeps a second process from opening the same directory: two PGlite
 * instances on one directory would corrupt it.
 */
export async function openPGlite(dataDir?: string): Promise<Database> {
  let releaseLock = () => {};
  let pgDir: string | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    releaseLock = lockDataDirectory(dataDir);
    pgDir = join(dataDir, "pgdata");
  }
  let pglite: PGlite;
  try {
    pglite = new PGlite({
      dataDir: pgDir,
      parsers: { [INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: asText },
    });
    await pglite.waitReady;
  } catch (error) {
    releaseLock();
    throw error;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  let closed = false;
  return {
    kind: "pglite",
    db,
    // One instance: its single connection serves reads and writes alike.
    read: db,
    async exec(script, trx) {
      // The transaction already holds PGlite's only connection.
      if (trx) {
        await pglite.exec(script);
        return;
      }
      // Otherwise through Kysely's connection queue, so a script never interleaves with a transaction.
      await db.connection().execute(async () => {
        await pglite.exec(script);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      // PGlite does not fsync; CHECKPOINT flushes the WAL into the data files before exit.
      await sql`CHECKPOINT`.execute(db);
      await db.destroy();
      await pglite.close();
      releaseLock();
    },
  };
}

function lockDataDirectory(dataDir: string): () => void {
  const lockFile = join(dataDir, "dualguard.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number(readFileSync(lockFile, "utf8").trim());
      if (pid && pid !== process.pid && isAlive(pid)) throw new DataDirectoryInUseError(dataDir, pid);
      if (pid === process.pid) throw new DataDirectoryInUseError(dataDir, pid);
      // The owner died without cleaning up: the lock is stale.
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not lock ${lockFile}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function openDatabase(options: {
  databaseUrl?: string;
  databaseReadUrl?: string;
  dataDir?: string;
}): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, { readUrl: options.databaseReadUrl })
    : openPGlite(options.dataDir);
}

export function dataDirectoryExists(dataDir: string): boolean {
  return existsSync(join(dataDir, "pgdata"));
}
