import type { FastifyBaseLogger } from "fastify";
import { type Kysely, sql, type Transaction } from "kysely";
import type { DB } from "../db/schema";
import type { AlarmChange } from "../modules/monitoring/alarm-book";
import { DEFAULT_RETENTION_DAYS } from "../modules/monitoring/reading-partitions";
import {
  countOutcomes,
  type IngestResult,
  type ReadingSubmission,
  type RejectReason,
  storeReadings,
} from "../modules/monitoring/store-readings";
import { type DeadLetter, type DeadLetterReason, recordDeadLetters } from "./dead-letters";
import { isTransientDatabaseError } from "./transient-errors";

/** A broker message as received, for the dead-letter record when all or part of it cannot be stored. */
export interface MessageOrigin {
  enterpriseId: string;
  deviceCode: string;
  payloadExcerpt: string;
}

type Pending =
  | {
      kind: "readings";
      submission: ReadingSubmission;
      origin?: MessageOrigin;
      resolve(result: IngestResult): void;
      reject(error: unknown): void;
    }
  | { kind: "dead-letter"; letter: DeadLetter; resolve(): void; reject(error: unknown): void };

/** A storing error that will not go away by retrying: the message is dead-lettered, not redelivered. */
export class UnprocessableMessageError extends Error {
  constructor(cause: unknown) {
    super(`could not be stored: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

const rejectedSummary = (result: IngestResult, total: number) => {
  const counts = new Map<RejectReason, number>();
  for (const r of result.rejected) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
  const [reason] = [...counts].sort((a, b) => b[1] - a[1])[0];
  return {
    reason: reason as DeadLetterReason,
    detail: `${result.rejected.length}/${total}: ${[...counts].map(([r, n]) => `${r} ${n}`).join(", ")}`,
  };
};

/**
 * Group commit for readings: everything submitted while the previous
 * transaction runs (HTTP requests and broker messages alike) is stored by the
 * next one, so the number of transactions per second stays small however many
 * readings arrive, and an idle server adds no delay. A batch that fails for a
 * reason other than the database being unreachable is retried submission by
 * submission, so one bad message never holds back the others.
 */
export class IngestBatcher {
  private queue: Pending[] = [];
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private listeners: ((changes: AlarmChange[]) => void)[] = [];

  constructor(
    private readonly db: Kysely<DB>,
    private readonly log: FastifyBaseLogger | Pick<Console, "warn" | "error">,
    private readonly options: { maxReadings?: number; lingerMs?: number } = {},
  ) {}

  /** Called after each commit with the alarms it raised, updated or cleared. */
  onAlarms(listener: (changes: AlarmChange[]) => void): void {
    this.listeners.push(listener);
  }

  /** Resolves once the readings are committed (or refused item by item); rejects when they could not be stored. */
  submit(submission: ReadingSubmission, origin?: MessageOrigin): Promise<IngestResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ kind: "readings", submission, origin, resolve, reject });
      this.schedule();
    });
  }

  /** Records a message that cannot be stored at all; resolves once the record is committed. */
  deadLetter(letter: DeadLetter): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ kind: "dead-letter", letter, resolve, reject });
      this.schedule();
    });
  }

  /** Waits until everything submitted so far is stored or refused. */
  async drain(): Promise<void> {
    while (this.running || this.queue.length > 0 || this.timer) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
        this.start();
      }
      await this.running;
    }
  }

  private schedule() {
    if (this.running || this.timer) return;
    // A short linger lets the messages of one socket read, or of concurrent requests, share a transaction.
    this.timer = setTimeout(() => {
      this.timer = null;
      this.start();
    }, this.options.lingerMs ?? 2);
  }

  private start() {
    if (this.running) return;
    this.running = (async () => {
      while (this.queue.length > 0) {
        const batch = this.take();
        await this.process(batch, true);
      }
    })().finally(() => {
      this.running = null;
      if (this.queue.length > 0) this.schedule();
    });
  }

  private take(): Pending[] {
    const limit = this.options.maxReadings ?? 10_000;
    let readings = 0;
    let count = 0;
    for (const pending of this.queue) {
      const size = pending.kind === "readings" ? pending.submission.readings.length : 1;
      if (count > 0 && readings + size > limit) break;
      readings += size;
      count++;
    }
    return this.queue.splice(0, count);
  }

  private async process(batch: Pending[], isolateOnFailure: boolean): Promise<void> {
    const now = new Date();
    let outcome: { results: IngestResult[]; alarms: AlarmChange[] };
    try {
      outcome = await this.db.transaction().execute((trx) => this.store(trx, batch, now));
    } catch (error) {
      if (isTransientDatabaseError(error)) {
        for (const pending of batch) pending.reject(error);
        return;
      }
      if (isolateOnFailure && batch.length > 1) {
        for (const pending of batch) await this.process([pending], false);
        return;
      }
      this.log.error({ err: error }, "a reading submission could not be stored");
      for (const pending of batch) pending.reject(new UnprocessableMessageError(error));
      return;
    }
    let i = 0;
    for (const pending of batch) {
      if (pending.kind === "readings") pending.resolve(outcome.results[i++]);
      else pending.resolve();
    }
    if (outcome.alarms.length > 0) for (const listener of this.listeners) listener(outcome.alarms);
  }

  private async store(trx: Transaction<DB>, batch: Pending[], now: Date) {
    const setting = await trx
      .selectFrom("setting")
      .select("value")
      .where("key", "=", "monitoring.retention_days")
      .executeTakeFirst();
    const retentionDays = Number(setting?.value ?? DEFAULT_RETENTION_DAYS);
    const readings = batch.filter((p) => p.kind === "readings");
    const outcome = await storeReadings(
      trx,
      readings.map((p) => p.submission),
      now,
      { retentionDays },
    );
    const letters: DeadLetter[] = batch.flatMap((p) => (p.kind === "dead-letter" ? [p.letter] : []));
    readings.forEach((pending, i) => {
      const result = outcome.results[i];
      if (pending.origin && result.rejected.length > 0) {
        letters.push({
          ...pending.origin,
          channel: pending.submission.channel,
          ...rejectedSummary(result, pending.submission.readings.length),
        });
      }
    });
    await recordDeadLetters(trx, letters, now);
    const counts = readings.flatMap((pending, i) => {
      const result = outcome.results[i];
      const channel = pending.submission.channel;
      return [
        { channel, outcome: "accepted", count: result.accepted },
        { channel, outcome: "duplicate", count: result.duplicates },
        ...result.rejected.map((r) => ({ channel, outcome: r.reason, count: 1 })),
      ];
    });
    for (const letter of batch)
      if (letter.kind === "dead-letter")
        counts.push({ channel: letter.letter.channel, outcome: letter.letter.reason, count: 1 });
    await countOutcomes(trx, now.toISOString().slice(0, 10), counts);
    return outcome;
  }
}

/** Whether the database answers: a consumer that lost it waits for this before taking messages again. */
export async function databaseReachable(db: Kysely<DB>): Promise<boolean> {
  try {
    await sql`SELECT 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
