import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type Database, openPGlite, openPostgres } from "../src/server/db/database";

/**
 * Runs one measurement on a fresh PGlite directory and, when DATABASE_URL is
 * set, on a fresh PostgreSQL database that is dropped afterwards.
 */
export async function onEachDatabase<T>(
  measure: (database: Database, label: "pglite" | "postgres") => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  const dir = mkdtempSync(join(tmpdir(), "dualguard-bench-"));
  const embedded = await openPGlite(dir);
  try {
    results.push(await measure(embedded, "pglite"));
  } finally {
    await embedded.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.DATABASE_URL) {
    const name = `dg_bench_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    const server = await openPostgres(url.toString(), { max: 10 });
    try {
      results.push(await measure(server, "postgres"));
    } finally {
      await server.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }
  return results;
}

/** Writes a benchmark's results to bench/results/<name>.json. */
export function writeResults(name: string, results: unknown): void {
  const dir = join(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
}
