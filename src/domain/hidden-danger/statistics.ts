// The figures of hidden-danger governance: the enterprise sums them up every quarter and every year, and its
// principal person signs the summary (SAWS Decree 16 (2007) art. 14). The same rates serve the cockpit.

/** part ÷ whole to four decimals, or null when there is nothing to divide by. */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/** Rectification rate: closed ÷ (found − dismissed), a dismissed report never having been a hidden danger. */
export function rectificationRate(counts: { found: number; dismissed: number; rectified: number }): number | null {
  return ratio(counts.rectified, counts.found - counts.dismissed);
}

/** On-time rate: of those closed, the share closed by their rectification deadline. */
export function onTimeRate(counts: { rectified: number; onTime: number }): number | null {
  return ratio(counts.onTime, counts.rectified);
}

/** A summary's period: a year ("2026") or a quarter ("2026-Q1"). */
export const PERIOD_PATTERN = "^\\d{4}(-Q[1-4])?$";

// Periods are read in China Standard Time (UTC+8), as the enterprise's calendar is.
const OFFSET_MS = 8 * 3600_000;

/** "2026" or "2026-Q2" → [from, to) instants; null when the text is not a period. */
export function periodBounds(period: string): { from: Date; to: Date } | null {
  const year = /^(\d{4})$/.exec(period);
  if (year) {
    const y = Number(year[1]);
    return { from: new Date(Date.UTC(y, 0, 1) - OFFSET_MS), to: new Date(Date.UTC(y + 1, 0, 1) - OFFSET_MS) };
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) {
    const y = Number(quarter[1]);
    const q = Number(quarter[2]);
    return { from: new Date(Date.UTC(y, (q - 1) * 3, 1) - OFFSET_MS), to: new Date(Date.UTC(y, q * 3, 1) - OFFSET_MS) };
  }
  return null;
}
