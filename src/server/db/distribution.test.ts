import { readFileSync } from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testDatabaseKinds } from "../testing/test-database";
import { citusScript, DISTRIBUTED_TABLES, LOCAL_TABLES, REFERENCE_TABLES } from "./distribution";

interface TableRow {
  table: string;
  columns: string[];
  primaryKey: string[];
}

interface ForeignKeyRow {
  name: string;
  from: string;
  to: string;
  fromColumns: string[];
  toColumns: string[];
}

async function catalogue(database: TestDatabase) {
  const tables = await sql<TableRow>`
    SELECT c.relname AS "table",
      ARRAY(SELECT a.attname::text FROM pg_attribute a
            WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) AS "columns",
      ARRAY(SELECT a.attname::text FROM pg_index i
            CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = c.oid AND i.indisprimary ORDER BY k.n) AS "primaryKey"
    FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
    WHERE ns.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    ORDER BY 1`.execute(database.db);
  const foreignKeys = await sql<ForeignKeyRow>`
    SELECT con.conname AS "name", src.relname AS "from", dst.relname AS "to",
      ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, n)
            JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS "fromColumns",
      ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, n)
            JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.n) AS "toColumns"
    FROM pg_constraint con
    JOIN pg_class src ON src.oid = con.conrelid
    JOIN pg_class dst ON dst.oid = con.confrelid
    JOIN pg_namespace ns ON ns.oid = con.connamespace
    WHERE con.contype = 'f' AND ns.nspname = current_schema() AND NOT src.relispartition
    ORDER BY 1`.execute(database.db);
  return { tables: tables.rows, foreignKeys: foreignKeys.rows };
}

/**
 * The schema stays ready to be spread over Citus workers by enterprise: every
 * table is placed (distributed, reference or local), a distributed table has
 * its distribution column in its primary key, and no foreign key needs rows
 * of another shard. The placement itself is in distribution.ts, which the
 * scale-out script uses.
 */
describe.each(testDatabaseKinds())("distribution by enterprise on $name", (kind) => {
  let database: TestDatabase;
  let tables: TableRow[];
  let foreignKeys: ForeignKeyRow[];

  beforeAll(async () => {
    database = await kind.open();
    ({ tables, foreignKeys } = await catalogue(database));
  });
  afterAll(async () => {
    await database?.destroy();
  });

  const placement = (table: string) =>
    table in DISTRIBUTED_TABLES
      ? "distributed"
      : REFERENCE_TABLES.includes(table)
        ? "reference"
        : table in LOCAL_TABLES
          ? "local"
          : "unplaced";

  it("places every table, and names no table that does not exist", () => {
    expect(tables.filter((t) => placement(t.table) === "unplaced").map((t) => t.table)).toEqual([]);
    const names = new Set(tables.map((t) => t.table));
    const placed = [...Object.keys(DISTRIBUTED_TABLES), ...REFERENCE_TABLES, ...Object.keys(LOCAL_TABLES)];
    expect(placed.filter((name) => !names.has(name))).toEqual([]);
  });

  it("distributes every table that carries an enterprise_id or owner_id, unless it says why not", () => {
    const owned = tables.filter((t) => t.columns.includes("enterprise_id") || t.columns.includes("owner_id"));
    expect(owned.filter((t) => placement(t.table) === "reference").map((t) => t.table)).toEqual([]);
  });

  it("keeps the distribution column in every distributed table's primary key", () => {
    const offenders = tables
      .filter((t) => t.table in DISTRIBUTED_TABLES)
      .filter((t) => !t.primaryKey.includes(DISTRIBUTED_TABLES[t.table]))
      .map((t) => `${t.table}: primary key (${t.primaryKey.join(", ")}) lacks ${DISTRIBUTED_TABLES[t.table]}`);
    expect(offenders).toEqual([]);
  });

  it("has no foreign key that would cross shards", () => {
    const offenders = foreignKeys.flatMap((fk) => {
      const from = placement(fk.from);
      const to = placement(fk.to);
      if (to === "reference") return [];
      if (from === "local" && to === "local") return [];
      if (from === "distributed" && to === "distributed") {
        const position = fk.fromColumns.indexOf(DISTRIBUTED_TABLES[fk.from]);
        if (position >= 0 && fk.toColumns[position] === DISTRIBUTED_TABLES[fk.to]) return [];
        return [`${fk.name}: ${fk.from} → ${fk.to} does not pair the distribution columns`];
      }
      return [`${fk.name}: a ${from} table (${fk.from}) refers to a ${to} one (${fk.to})`];
    });
    expect(offenders).toEqual([]);
  });
});

describe("the scale-out page", () => {
  it("shows the placement script as distribution.ts makes it", () => {
    const page = readFileSync(new URL("../../../docs/scale-out.md", import.meta.url), "utf8");
    expect(page).toContain(`\`\`\`sql\n${citusScript()}\n\`\`\``);
  });
});
