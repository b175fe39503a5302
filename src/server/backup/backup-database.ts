import { type Kysely, sql } from "kysely";
import type { Database } from "../db/database";
import { listMigrations } from "../db/migrate";
import type { DB } from "../db/schema";
import { monthlyPartition } from "../modules/monitoring/reading-partitions";

// Short-lived rows that a restored installation does not need.
const SKIPPED_TABLES = new Set(["session", "login_failure", "schema_migration"]);
// Self-referencing tables: parents must come before children.
const ROW_ORDER: Record<string, string> = { territory: "length(path), path", audit_log: "seq" };
const ROWS_PER_STATEMENT = 500;

/** What a backup holds, written into the file and checked by the restore before it commits. */
export interface BackupManifest {
  /** Rows per table, counted as written. */
  tables: Record<string, number>;
  /** The newest audit entry of the snapshot; the restored chain must end exactly there. */
  auditHead: { seq: number; hash: string } | null;
}

export const MANIFEST_MARK = "-- DualGuard backup manifest: ";

/** Tables of the public schema, ordered so that every foreign key points to a table already restored. */
async function tablesInDependencyOrder(db: Kysely<DB>): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`.execute(db);
  const edges = await sql<{ child: string; parent: string }>`
    SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE k.contype = 'f' AND n.nspname = 'public' AND c.oid <> p.oid`.execute(db);
  const ordered: string[] = [];
  const pending = new Set(tables.rows.map((t) => t.name));
  while (pending.size > 0) {
    const ready = [...pending].filter((name) =>
      edges.rows.every((edge) => edge.child !== name || !pending.has(edge.parent)),
    );
    if (ready.length === 0) throw new Error(`circular foreign keys among ${[...pending].join(", ")}`);
    for (const name of ready) {
      ordered.push(name);
      pending.delete(name);
    }
  }
  return ordered;
}

/** Rows are written in primary-key order, so the same data always gives the same file. */
async function primaryKeyOrder(db: Kysely<DB>, table: string): Promise<string> {
  const { rows } = await sql<{ name: string }>`
    SELECT a.attname AS name FROM pg_index i
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
    WHERE i.indrelid = ${table}::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`.execute(db);
  if (rows.length === 0) throw new Error(`table ${table} has no primary key; give it one or an order in ROW_ORDER`);
  return rows.map((r) => `"${r.name}"`).join(", ");
}

/**
 * The monthly partitions of `reading` the restored rows need: the ones the
 * source has, and one for every month that holds a reading (rows that sat in
 * the default partition move to their month, so the partition job can later
 * create and drop months without tripping over them).
 */
async function readingPartitions(db: Kysely<DB>): Promise<string[]> {
  const existing = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
    WHERE p.relname = 'reading' AND c.relname ~ '^reading_[0-9]{6}$'`.execute(db);
  const months = await sql<{ month: string }>`
    SELECT DISTINCT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM') AS month FROM reading`.execute(db);
  const starts = [
    ...existing.rows.map((r) => `${r.name.slice(8, 12)}-${r.name.slice(12, 14)}`),
    ...months.rows.map((r) => r.month),
  ];
  const statements = new Map<string, string>();
  for (const month of starts) {
    const partition = monthlyPartition(new Date(`${month}-01T00:00:00Z`));
    statements.set(partition.name, partition.statement);
  }
  return [...statements.keys()].sort().map((name) => statements.get(name)!);
}

/** Tables with triggers of their own (rating marks, audit guards): switched off while rows are loaded. */
async function tablesWithTriggers(db: Kysely<DB>): Promise<Set<string>> {
  const { rows } = await sql<{ name: string }>`
    SELECT DISTINCT c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal`.execute(db);
  return new Set(rows.map((r) => r.name));
}

/** Identity columns, whose sequences must continue after the highest restored value. */
async function identityColumns(db: Kysely<DB>): Promise<{ table: string; column: string }[]> {
  const { rows } = await sql<{ table: string; column: string }>`
    SELECT c.relname AS table, a.attname AS column FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND a.attidentity <> '' AND NOT a.attisdropped`.execute(db);
  return rows;
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Writes the whole installation as one SQL script: the schema (the migrations
 * that built it) and every row, as plain INSERTs that psql or PGlite can run
 * into an empty database. Everything is read in one REPEATABLE READ, READ
 * ONLY transaction, so the rows of all tables (and the audit head kept beside
 * the chain) come from the same instant even while the server keeps writing.
 * The script ends by checking the row counts and the audit head it restored
 * against the manifest, and rolls back if they differ.
 */
export async function backupDatabase(
  database: Database,
  write: (chunk: string) => void,
): Promise<{ tables: number; rows: number; manifest: BackupManifest }> {
  return database.db
    .transaction()
    .setIsolationLevel("repeatable read")
    .setAccessMode("read only")
    .execute(async (trx) => {
      const applied = await trx.selectFrom("schema_migration").select("version").orderBy("version").execute();
      const known = listMigrations();
      write(`-- DualGuard backup, ${new Date().toISOString()}, from ${database.kind}\n`);
      write(
        "-- Load into an EMPTY database: psql -v ON_ERROR_STOP=1 -f this-file.sql, or `dualguard restore this-file.sql`\n",
      );
      write("SET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\nBEGIN;\n");
      write(
        "CREATE TABLE schema_migration (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());\n",
      );
      for (const { version } of applied) {
        const migration = known.find((m) => m.version === version);
        if (!migration) throw new Error(`migration ${version} is applied in the database but unknown to this build`);
        write(`\n-- migration ${version}\n${migration.script}\n`);
        write(`INSERT INTO schema_migration (version) VALUES (${literal(version)});\n`);
      }
      const tables = (await tablesInDependencyOrder(trx)).filter((t) => !SKIPPED_TABLES.has(t));
      if (tables.includes("reading")) {
        write("\n-- monthly partitions of reading\n");
        for (const statement of await readingPartitions(trx)) write(`${statement};\n`);
      }
      // Rows are copied as they were: triggers that would derive more rows (rating marks) stay off meanwhile.
      const triggered = [...(await tablesWithTriggers(trx))].filter((t) => tables.includes(t));
      write("\n");
      for (const table of triggered) write(`ALTER TABLE ${table} DISABLE TRIGGER USER;\n`);

      const manifest: BackupManifest = { tables: {}, auditHead: null };
      let rows = 0;
      for (const table of tables) {
        const order = ROW_ORDER[table] ?? (await primaryKeyOrder(trx, table));
        let offset = 0;
        manifest.tables[table] = 0;
        for (;;) {
          const page = await sql<{ row: unknown }>`
            SELECT row_to_json(t) AS row FROM ${sql.table(table)} t ORDER BY ${sql.raw(order)} LIMIT ${ROWS_PER_STATEMENT} OFFSET ${offset}`.execute(
            trx,
          );
          if (page.rows.length === 0) break;
          const json = JSON.stringify(page.rows.map((r) => r.row));
          write(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, ${literal(json)});\n`);
          rows += page.rows.length;
          offset += page.rows.length;
          manifest.tables[table] += page.rows.length;
          if (page.rows.length < ROWS_PER_STATEMENT) break;
        }
      }
      for (const table of triggered) write(`ALTER TABLE ${table} ENABLE TRIGGER USER;\n`);
      for (const { table, column } of await identityColumns(trx)) {
        if (!tables.includes(table)) continue;
        write(
          `SELECT setval(pg_get_serial_sequence(${literal(table)}, ${literal(column)}), coalesce(max("${column}"), 0) + 1, false) FROM ${table};\n`,
        );
      }

      const last = await trx
        .selectFrom("audit_log")
        .select(["seq", "hash"])
        .orderBy("seq", "desc")
        .limit(1)
        .executeTakeFirst();
      manifest.auditHead = last ? { seq: Number(last.seq), hash: last.hash } : null;
      write(`\n${MANIFEST_MARK}${JSON.stringify(manifest)}\n`);
      write(verificationBlock(manifest));
      write("COMMIT;\n");
      return { tables: tables.length, rows, manifest };
    });
}

/** A DO block that aborts the restore (and so rolls it back) when what was loaded differs from the manifest. */
function verificationBlock(manifest: BackupManifest): string {
  const checks = Object.entries(manifest.tables).map(
    ([table, count]) =>
      `  SELECT count(*) INTO n FROM ${table};\n  IF n <> ${count} THEN RAISE EXCEPTION 'restore incomplete: ${table} holds % rows, the backup ${count}', n; END IF;`,
  );
  const head = manifest.auditHead;
  if (head) {
    checks.push(
      `  IF (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) IS DISTINCT FROM ${literal(head.hash)} THEN RAISE EXCEPTION 'restore incomplete: the audit chain does not end at entry ${head.seq} of the backup'; END IF;`,
    );
  }
  return `DO $verify$\nDECLARE n bigint;\nBEGIN\n${checks.join("\n")}\nEND\n$verify$;\n`;
}

/** The manifest a backup file carries, or null for a file written before backups had one. */
export function readManifest(script: string): BackupManifest | null {
  const at = script.lastIndexOf(MANIFEST_MARK);
  if (at < 0) return null;
  const end = script.indexOf("\n", at);
  return JSON.parse(script.slice(at + MANIFEST_MARK.length, end < 0 ? undefined : end)) as BackupManifest;
}
