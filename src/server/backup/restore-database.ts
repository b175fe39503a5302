import { sql } from "kysely";
import type { Database } from "../db/database";
import { type BackupManifest, readManifest } from "./backup-database";

export class RestoreRefusedError extends Error {}

/**
 * Loads a backup script into an empty database; refuses one that already
 * holds a schema. The script checks its own row counts and audit head before
 * it commits; the manifest it carries is returned for the report.
 */
export async function restoreDatabase(database: Database, script: string): Promise<BackupManifest | null> {
  const tables = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`.execute(database.db);
  if (Number(tables.rows[0]?.n) > 0) {
    throw new RestoreRefusedError(
      "The target database is not empty. Restore only into a new database: for embedded mode point DATA_DIR at a new directory; for PostgreSQL create a new database and point DATABASE_URL at it.",
    );
  }
  if (!script.includes("-- DualGuard backup")) {
    throw new RestoreRefusedError("This file is not a DualGuard backup (it lacks the '-- DualGuard backup' header).");
  }
  await database.exec(script);
  return readManifest(script);
}
