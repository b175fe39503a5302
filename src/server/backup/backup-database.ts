import { sql } from "kysely";
import type { Database } from "../db/database";
import { listMigrations } from "../db/migrate";

// Short-lived rows that a restored installation does not need.
const SKIPPED_TABLES = new Set(["session", "login_failure", "schema_migration"]);
// Self-referencing tables: parents must come before children.
const ROW_ORDER: Record<string, string> = { territory: "length(path), path", audit_log: "seq" };
const ROWS_PER_STATEMENT = 500;

/** Tables of the public schema, ordered so that every foreign key points to a table already restored. */
async function tablesInDependencyOrder(database: Database): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`.execute(
    database.db,
  );
  const edges = await sql<{ child: string; parent: string }>`
    SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE k.contype = 'f' AND n.nspname = 'public' AND c.oid <> p.oid`.execute(database.db);
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
async function primaryKeyOrder(database: Database, table: string): Promise<string> {
  const { rows } = await sql<{ name: string }>`
    SELECT a.attname AS name FROM pg_index i
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
    WHERE i.indrelid = ${table}::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`.execute(
    database.db,
  );
  if (rows.length === 0) throw new Error(`table ${table} has no primary key; give it one or an order in ROW_ORDER`);
  return rows.map((r) => `"${r.name}"`).join(", ");
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Writes the whole installation as one SQL script: the schema (the migrations
 * that built it) and every row, as plain INSERTs that psql or PGlite can run
 * into an empty database.
 */
export async function backupDatabase(
  database: Database,
  write: (chunk: string) => void,
): Promise<{ tables: number; rows: number }> {
  const applied = await database.db.selectFrom("schema_migration").select("version").orderBy("version").execute();
  const known = listMigrations();
  write(`-- DualGuard backup, ${new Date().toISOString()}, from ${database.kind}\n`);
  write(
    "-- Load into an EMPTY database: psql -v ON_ERROR_STOP=1 -f this-file.sql, or `dualguard restore this-file.sql`\n",
  );
  write("SET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\nBEGIN;\n");
  write("CREATE TABLE schema_migration (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());\n");
  for (const { version } of applied) {
    const migration = known.find((m) => m.version === version);
    if (!migration) throw new Error(`migration ${version} is applied in the database but unknown to this build`);
    write(`\n-- migration ${version}\n${migration.script}\n`);
    write(`INSERT INTO schema_migration (version) VALUES (${literal(version)});\n`);
  }
  let rows = 0;
  let tables = 0;
  for (const table of await tablesInDependencyOrder(database)) {
    if (SKIPPED_TABLES.has(table)) continue;
    tables++;
    const order = ROW_ORDER[table] ?? (await primaryKeyOrder(database, table));
    let offset = 0;
    for (;;) {
      const page = await sql<{ row: unknown }>`
        SELECT row_to_json(t) AS row FROM ${sql.table(table)} t ORDER BY ${sql.raw(order)} LIMIT ${ROWS_PER_STATEMENT} OFFSET ${offset}`.execute(
        database.db,
      );
      if (page.rows.length === 0) break;
      const json = JSON.stringify(page.rows.map((r) => r.row));
      write(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, ${literal(json)});\n`);
      rows += page.rows.length;
      offset += page.rows.length;
      if (page.rows.length < ROWS_PER_STATEMENT) break;
    }
  }
  write("COMMIT;\n");
  return { tables, rows };
}
