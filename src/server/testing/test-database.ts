import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, openPGlite, openPostgres } from "../db/database";
import { prepareDatabase } from "../db/prepare-database";

/**
 * The databases every database test runs against: PGlite always, and a fresh
 * PostgreSQL database when DATABASE_URL is set (as CI sets it).
 */
export interface TestDatabaseKind {
  name: "pglite" | "postgres";
  open(): Promise<TestDatabase>;
}

export interface TestDatabase extends Database {
  /** Closes and, for PostgreSQL, drops the per-file database. */
  destroy(): Promise<void>;
}

export function testDatabaseKinds(): TestDatabaseKind[] {
  const kinds: TestDatabaseKind[] = [{ name: "pglite", open: openTestPGlite }];
  if (process.env.DATABASE_URL)
    kinds.push({ name: "postgres", open: () => openTestPostgres(process.env.DATABASE_URL!) });
  return kinds;
}

async function openTestPGlite(): Promise<TestDatabase> {
  const database = await openPGlite();
  await prepareDatabase(database);
  return { ...database, destroy: () => database.close() };
}

/** A fresh database on the server for one test file, dropped afterwards. */
async function openTestPostgres(url: string): Promise<TestDatabase> {
  const name = `dg_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openPostgres(target.toString(), { max: 5 });
  await prepareDatabase(database);
  return {
    ...database,
    async destroy() {
      await database.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
