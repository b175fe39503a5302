import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { recordAudit } from "../audit/record-audit";
import { type Database, openPGlite, openPostgres } from "../db/database";
import { prepareDatabase } from "../db/prepare-database";
import { maintainReadingPartitions } from "../modules/monitoring/reading-partitions";
import { seedDemo } from "../seed/seed-demo";
import { type BackupManifest, backupDatabase, readManifest } from "./backup-database";

const BIN = join(import.meta.dirname, "../../../bin/dualguard.mjs");

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "warn", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Readings in three recent months and one older than the retention, all in the default partition at first. */
async function addReadings(database: Database): Promise<void> {
  const device = await database.db
    .selectFrom("device")
    .select(["enterprise_id", "id"])
    .where("code", "=", "DEMO-GAS-1")
    .executeTakeFirstOrThrow();
  const now = new Date();
  const months = [-1, -2, -3, -20].map(
    (offset) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 15)),
  );
  await database.db
    .insertInto("reading")
    .values(
      months.flatMap((day) =>
        [0, 1, 2].map((hour) => ({
          enterprise_id: device.enterprise_id,
          device_id: device.id,
          ts: new Date(day.getTime() + hour * 3_600_000),
          value: 3 + hour,
        })),
      ),
    )
    .execute();
}

/**
 * Appends audit entries back to back, as a busy server does, until stopped.
 * On PGlite the queries finish without giving timers a turn, so waiting is
 * done on the writer's own progress (`reached`), never on a timer.
 */
function appendAuditEntries(database: Database) {
  let stopped = false;
  const committed: number[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  const loop = (async () => {
    for (let i = 0; !stopped; i++) {
      await database.db.transaction().execute(async (trx) => {
        await recordAudit(
          trx,
          { userId: null, name: "backup test writer", ip: "" },
          { action: "update", entityType: "setting", entityId: `writer-${i}`, after: { i } },
        );
        // A second table written in the same transaction, as real changes do.
        await trx
          .insertInto("setting")
          .values({ key: `backup.test.${i}`, value: JSON.stringify(i), updated_at: new Date() })
          .execute();
      });
      committed.push(Date.now());
      for (const w of waiting.filter((w) => committed.length >= w.count)) w.resolve();
    }
  })();
  return {
    /** Resolves once `more` further entries have been committed. */
    reached: (more: number) =>
      new Promise<void>((resolve) => waiting.push({ count: committed.length + more, resolve })),
    async stop() {
      stopped = true;
      await loop;
      return committed.length;
    },
    during: (from: number, to: number) => committed.filter((t) => t >= from && t <= to).length,
  };
}

/** The restored database holds exactly what the manifest says, its chain ends at the snapshot's head, and partitions work. */
async function expectRestoredAsTheManifestSays(restored: Database, manifest: BackupManifest) {
  expect(Object.keys(manifest.tables).length).toBeGreaterThan(20);
  for (const [table, count] of Object.entries(manifest.tables)) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(restored.db);
    expect(Number(rows[0].n), table).toBe(count);
  }
  const last = await restored.db
    .selectFrom("audit_log")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
  expect({ seq: Number(last.seq), hash: last.hash }).toEqual(manifest.auditHead);
  const head = await restored.db
    .selectFrom("setting")
    .select("value")
    .where("key", "=", "audit.head")
    .executeTakeFirst();
  expect(head?.value).toMatchObject(manifest.auditHead!);
  // Every restored reading sits in its month's partition, none in the default one.
  const inDefault = await sql<{ n: number }>`SELECT count(*)::int AS n FROM reading_default`.execute(restored.db);
  expect(Number(inDefault.rows[0].n)).toBe(0);
  expect(manifest.tables.reading).toBe(12);
  // So the partition job runs as before: it adds the months ahead and drops the month past the retention.
  const now = new Date();
  const maintained = await maintainReadingPartitions(restored.db, now);
  const old = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 20, 1));
  expect(maintained.dropped).toEqual([
    `reading_${old.getUTCFullYear()}${String(old.getUTCMonth() + 1).padStart(2, "0")}`,
  ]);
  expect(maintained.created.length).toBeGreaterThanOrEqual(1);
  const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM reading`.execute(restored.db);
  expect(Number(left.rows[0].n)).toBe(9);
}

describe("backup and restore on PGlite", () => {
  const directories: string[] = [];
  afterAll(() => {
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  });

  it("takes one snapshot while audit entries are appended, and restores it with the chain and every count intact", async () => {
    const sourceDir = mkdtempSync(join(tmpdir(), "dualguard-backup-src-"));
    const targetDir = mkdtempSync(join(tmpdir(), "dualguard-backup-dst-"));
    directories.push(sourceDir, targetDir);
    const file = join(sourceDir, "..", `dualguard-backup-${randomBytes(4).toString("hex")}.sql`);
    directories.push(file);
    const source = await openPGlite(sourceDir);
    await prepareDatabase(source);
    await seedDemo(source, { enterprises: 20 });
    await addReadings(source);
    const writer = appendAuditEntries(source);
    await writer.reached(5);
    const chunks: string[] = [];
    const result = await backupDatabase(source, (chunk) => chunks.push(chunk));
    // Let the writer go on after the snapshot, so the source moves past it.
    await writer.reached(5);
    await writer.stop();
    const sourceHead = await source.db
      .selectFrom("audit_log")
      .select(source.db.fn.max("seq").as("seq"))
      .executeTakeFirstOrThrow();
    await source.close();
    expect(result.manifest.auditHead!.seq).toBeLessThan(Number(sourceHead.seq));
    writeFileSync(file, chunks.join(""));
    expect(readManifest(chunks.join(""))).toEqual(result.manifest);

    const restored = await run(["restore", file], { DATA_DIR: targetDir });
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain("counts checked");
    const verify = await run(["audit", "verify"], { DATA_DIR: targetDir });
    expect(verify.code, verify.stderr).toBe(0);
    const copy = await openPGlite(targetDir);
    try {
      await expectRestoredAsTheManifestSays(copy, result.manifest);
    } finally {
      await copy.close();
    }
  }, 240_000);

  it("refuses to commit a restore whose rows differ from the manifest", async () => {
    const source = await openPGlite();
    await prepareDatabase(source);
    await seedDemo(source, { enterprises: 5 });
    const chunks: string[] = [];
    await backupDatabase(source, (chunk) => chunks.push(chunk));
    await source.close();
    // The audit rows lost in transit: the script's own check stops it and nothing is committed.
    const script = chunks.join("").replace(/^INSERT INTO audit_log .*\n/m, "");
    expect(script.length).toBeLessThan(chunks.join("").length);
    const target = await openPGlite();
    try {
      await expect(target.exec(script)).rejects.toThrow(/restore incomplete: audit_log holds 0 rows/);
      await target.exec("ROLLBACK");
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE s.nspname = 'public' AND c.relkind IN ('r', 'p')`.execute(target.db);
      expect(Number(rows[0].n)).toBe(0);
    } finally {
      await target.close();
    }
  }, 120_000);
});

const postgresUrl = process.env.DATABASE_URL;
if (!postgresUrl) console.info("backup on PostgreSQL: skipped, set DATABASE_URL to run it (CI does)");

describe.skipIf(!postgresUrl)("backup and restore on PostgreSQL (needs DATABASE_URL)", () => {
  const admin = () => new pg.Client({ connectionString: postgresUrl });
  const databaseUrl = (name: string) => {
    const url = new URL(postgresUrl!);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const created: string[] = [];
  const createDatabase = async () => {
    const name = `dg_backup_${randomBytes(4).toString("hex")}`;
    const client = admin();
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    created.push(name);
    return name;
  };
  afterAll(async () => {
    const client = admin();
    await client.connect();
    for (const name of created) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  });

  it("runs `dualguard backup` while another connection appends audit entries, and the restore matches the snapshot", async () => {
    const sourceName = await createDatabase();
    const source = await openPostgres(databaseUrl(sourceName), { max: 3 });
    const file = join(tmpdir(), `dualguard-backup-${randomBytes(4).toString("hex")}.sql`);
    try {
      await prepareDatabase(source);
      await seedDemo(source, { enterprises: 20 });
      await addReadings(source);
      const env = { SESSION_SECRET: "s".repeat(40) };
      const writer = appendAuditEntries(source);
      await writer.reached(5);
      const started = Date.now();
      const backup = await run(["backup", "--out", file], { ...env, DATABASE_URL: databaseUrl(sourceName) });
      const finished = Date.now();
      await writer.reached(5);
      const appended = await writer.stop();
      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stderr).toContain("one consistent snapshot");
      // The writer really ran alongside the backup, and went on after it.
      expect(writer.during(started, finished)).toBeGreaterThan(0);
      const manifest = readManifest(readFileSync(file, "utf8"))!;
      const sourceHead = await source.db
        .selectFrom("audit_log")
        .select(source.db.fn.max("seq").as("seq"))
        .executeTakeFirstOrThrow();
      expect(manifest.auditHead!.seq).toBeLessThan(Number(sourceHead.seq));
      expect(appended).toBeGreaterThan(5);

      const targetName = await createDatabase();
      const restored = await run(["restore", file], { ...env, DATABASE_URL: databaseUrl(targetName) });
      expect(restored.code, restored.stderr).toBe(0);
      const verify = await run(["audit", "verify"], { ...env, DATABASE_URL: databaseUrl(targetName) });
      expect(verify.code, verify.stderr).toBe(0);
      const copy = await openPostgres(databaseUrl(targetName), { max: 2 });
      try {
        await expectRestoredAsTheManifestSays(copy, manifest);
      } finally {
        await copy.close();
      }
    } finally {
      await source.close();
      rmSync(file, { force: true });
    }
  }, 240_000);
});
