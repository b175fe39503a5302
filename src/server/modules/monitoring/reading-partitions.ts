import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema";

// Practice: keep raw readings about 13 months, enough for a year-on-year look; configurable in settings.
export const DEFAULT_RETENTION_DAYS = 400;
const MONTHS_AHEAD = 2;

const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1));
const partitionName = (start: Date) =>
  `reading_${start.getUTCFullYear()}${String(start.getUTCMonth() + 1).padStart(2, "0")}`;

/** The monthly partition holding readings of the month (UTC) that starts at or contains `at`. */
export function monthlyPartition(at: Date): { name: string; statement: string } {
  const start = monthStart(at.getUTCFullYear(), at.getUTCMonth());
  const end = monthStart(start.getUTCFullYear(), start.getUTCMonth() + 1);
  const name = partitionName(start);
  return {
    name,
    statement: `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF reading FOR VALUES FROM ('${start.toISOString()}') TO ('${end.toISOString()}')`,
  };
}

/**
 * Creates the monthly partitions of `reading` from this month to two months
 * ahead, and drops those wholly older than the retention. Idempotent.
 */
export async function maintainReadingPartitions(
  db: Kysely<DB>,
  now: Date,
): Promise<{ created: string[]; dropped: string[] }> {
  const setting = await db
    .selectFrom("setting")
    .select("value")
    .where("key", "=", "monitoring.retention_days")
    .executeTakeFirst();
  const retentionDays = Number(setting?.value ?? DEFAULT_RETENTION_DAYS);
  const existing = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
    WHERE p.relname = 'reading' AND c.relname ~ '^reading_[0-9]{6}$'`.execute(db);
  const names = new Set(existing.rows.map((r) => r.name));
  const created: string[] = [];
  for (let offset = 0; offset <= MONTHS_AHEAD; offset++) {
    const { name, statement } = monthlyPartition(monthStart(now.getUTCFullYear(), now.getUTCMonth() + offset));
    if (names.has(name)) continue;
    await sql.raw(statement).execute(db);
    created.push(name);
  }
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const dropped: string[] = [];
  for (const name of names) {
    const year = Number(name.slice(8, 12));
    const month = Number(name.slice(12, 14)) - 1;
    if (monthStart(year, month + 1) <= cutoff) {
      await sql`DROP TABLE IF EXISTS ${sql.table(name)}`.execute(db);
      dropped.push(name);
    }
  }
  return { created, dropped };
}
