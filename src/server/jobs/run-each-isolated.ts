import type { JobContext } from "./job-runner";

/**
 * Runs a job's work one item at a time. An item that fails (a corrupt row, a
 * notification that cannot be stored) is logged with what it was and
 * skipped; the others are still done, so one bad row never stops reminders
 * and escalations for everyone else. Each item's work should own its own
 * transaction, so a failure leaves nothing half-written.
 */
export async function runEachIsolated<T>(
  items: Iterable<T>,
  options: { job: string; log: JobContext["log"]; describe: (item: T) => Record<string, unknown> },
  work: (item: T) => Promise<void>,
): Promise<{ done: number; failed: number }> {
  let done = 0;
  let failed = 0;
  for (const item of items) {
    try {
      await work(item);
      done++;
    } catch (error) {
      failed++;
      options.log.error({ job: options.job, ...options.describe(item), err: error }, "job skipped an item that failed");
    }
  }
  return { done, failed };
}
