import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema";
import type { Clock } from "./clock";

export interface JobContext {
  db: Kysely<DB>;
  clock: Clock;
  log: FastifyBaseLogger | Console;
}

/** A piece of scheduled work: it runs at most once per interval across all server processes. */
export interface Job {
  name: string;
  everySeconds: number;
  run(context: JobContext): Promise<unknown>;
}

// A lease outlives a normal run; if its holder dies, another process takes the job after this.
const LEASE_SECONDS = 300;

/**
 * Runs jobs under a lease row per job in the database, so that when several
 * server processes run, each job runs in one of them at a time and at most
 * once per interval. Time comes from the clock, so tests drive it.
 */
export class JobRunner {
  readonly holder = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly context: JobContext,
    private readonly jobs: Job[],
  ) {}

  /** Takes the lease of a job that is due; false when another process holds it or it ran recently. */
  private async acquire(job: Job, now: Date): Promise<boolean> {
    const expires = new Date(now.getTime() + LEASE_SECONDS * 1000);
    const dueBefore = new Date(now.getTime() - job.everySeconds * 1000);
    const taken = await this.context.db
      .insertInto("job_lease")
      .values({ name: job.name, holder: this.holder, expires_at: expires, last_started_at: now })
      .onConflict((oc) =>
        oc
          .column("name")
          .doUpdateSet({ holder: this.holder, expires_at: expires, last_started_at: now })
          // Free (expired or finished) and due: last started an interval ago or never.
          .where((eb) =>
            eb.and([
              eb.or([
                eb("job_lease.expires_at", "<=", now),
                eb("job_lease.last_finished_at", ">=", eb.ref("job_lease.last_started_at")),
              ]),
              eb.or([eb("job_lease.last_started_at", "is", null), eb("job_lease.last_started_at", "<=", dueBefore)]),
            ]),
          ),
      )
      .returning("holder")
      .executeTakeFirst();
    return taken?.holder === this.holder;
  }

  /** Runs every due job once; returns the names of the jobs this process ran. */
  async tick(): Promise<string[]> {
    const ran: string[] = [];
    for (const job of this.jobs) {
      const now = this.context.clock.now();
      if (!(await this.acquire(job, now))) continue;
      let error: string | null = null;
      try {
        await job.run(this.context);
        ran.push(job.name);
      } catch (failure) {
        error = failure instanceof Error ? failure.message : String(failure);
        this.context.log.error({ job: job.name, err: failure }, "job failed");
      }
      await this.context.db
        .updateTable("job_lease")
        .set({ last_finished_at: this.context.clock.now(), expires_at: this.context.clock.now(), last_error: error })
        .where("name", "=", job.name)
        .where("holder", "=", this.holder)
        .execute();
    }
    return ran;
  }

  start(intervalMs = 15_000): void {
    const loop = () => {
      this.running = this.tick()
        .then(() => undefined)
        .catch((error) => this.context.log.error({ err: error }, "job tick failed"))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(loop, intervalMs);
        });
    };
    this.timer = setTimeout(loop, 1000);
  }

  /** Stops scheduling and waits for a tick in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
