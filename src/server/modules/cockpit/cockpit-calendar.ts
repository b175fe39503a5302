import type { Granularity } from "./schema";

// Calendar periods (trend buckets, the default year) are read in China Standard Time, as the hidden-danger statistics are.
const CST_OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 86_400_000;
/** Trend points shown: a year of months or a quarter of weeks. Practice, not a standard. */
export const TREND_BUCKETS = 12;

/** The current year in China Standard Time, e.g. "2026". */
export function currentYear(now: Date): string {
  return String(new Date(now.getTime() + CST_OFFSET_MS).getUTCFullYear());
}

/** The China Standard Time calendar date of an instant ("2026-01-01"). */
export function cstDate(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Start of each trend bucket as a CST calendar date ("2026-03-01"; weeks start on Monday), oldest first. */
export function trendBucketStarts(now: Date, granularity: Granularity, count = TREND_BUCKETS): string[] {
  const local = new Date(now.getTime() + CST_OFFSET_MS);
  const starts: string[] = [];
  for (let back = count - 1; back >= 0; back--) {
    let start: Date;
    if (granularity === "month") {
      start = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - back, 1));
    } else {
      const monday =
        Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) -
        ((local.getUTCDay() + 6) % 7) * DAY_MS;
      start = new Date(monday - back * 7 * DAY_MS);
    }
    starts.push(start.toISOString().slice(0, 10));
  }
  return starts;
}
