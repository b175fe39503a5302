import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import type { Database } from "./database";

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "migrations");
// Any constant will do; it only has to be the same in every process.
const MIGRATION_LOCK = 4_242_001;

export interface Migration {
  version: string;
  script: string;
}

/** The migrations shipped with this build, in order (file names sort by version). */
export function listMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((file) => file.endsWith(".sql"))
    .sort()
    .map((file) => ({ version: file.replace(/\.sql$/, ""), script: readFileSync(join(MIGRATIONS_DIR, file), "utf8") }));
}

/**
 * Applies pending migrations, each in its own transaction, under an advisory
 * lock so that several server processes starting together apply each once.
 */
export async function migrate(database: Database): Promise<string[]> {
  await database.exec(
    "CREATE TABLE IF NOT EXISTS schema_migration (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
  );
  const applied: string[] = [];
  for (const migration of listMigrations()) {
    await database.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
      const done = await trx
        .selectFrom("schema_migration")
        .select("version")
        .where("version", "=", migration.version)
        .executeTakeFirst();
      if (done) return;
      await database.exec(migration.script, trx);
      await trx.insertInto("schema_migration").values({ version: migration.version }).execute();
      applied.push(migration.version);
    });
  }
  return applied;
}
