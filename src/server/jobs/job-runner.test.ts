import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../testing/test-database";
import { testDatabaseKinds } from "../testing/test-database";
import { ManualClock } from "./clock";
import { type Job, JobRunner } from "./job-runner";

describe.each(testDatabaseKinds())("job runner on $name", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await kind.open();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  function countingJob(name: string, everySeconds: number, runs: string[], work?: () => Promise<void>): Job {
    return {
      name,
      everySeconds,
      async run() {
        runs.push(name);
        await work?.();
      },
    };
  }

  it("runs a due job in one of two processes only, and again only after its interval", async () => {
    const clock = new ManualClock("2026-03-01T00:00:00Z");
    const runs: string[] = [];
    const job = countingJob("daily-check", 3600, runs);
    const context = { db: database.db, clock, log: console };
    const first = new JobRunner(context, [job]);
    const second = new JobRunner(context, [job]);
    await Promise.all([first.tick(), second.tick()]);
    expect(runs).toEqual(["daily-check"]);
    clock.advance(30 * 60_000);
    await Promise.all([first.tick(), second.tick()]);
    expect(runs).toHaveLength(1);
    clock.advance(31 * 60_000);
    await Promise.all([second.tick(), first.tick()]);
    expect(runs).toHaveLength(2);
  });

  it("does not start a job while another process is still running it, and takes over once its lease expires", async () => {
    const clock = new ManualClock("2026-03-02T00:00:00Z");
    const runs: string[] = [];
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const context = { db: database.db, clock, log: console };
    const slow = new JobRunner(context, [countingJob("slow", 1, runs, () => blocked)]);
    const other = new JobRunner(context, [countingJob("slow", 1, runs)]);
    const inFlight = slow.tick();
    await new Promise((resolve) => setTimeout(resolve, 50));
    clock.advance(10_000);
    expect(await other.tick()).toEqual([]);
    // The holder "dies" (its lease runs out without finishing): another process takes over.
    clock.advance(301_000);
    expect(await other.tick()).toEqual(["slow"]);
    release();
    await inFlight;
    expect(runs).toEqual(["slow", "slow"]);
  });

  it("records a failing job's error and runs it again at the next interval", async () => {
    const clock = new ManualClock("2026-03-03T00:00:00Z");
    let attempts = 0;
    const runner = new JobRunner({ db: database.db, clock, log: { error() {} } as unknown as Console }, [
      {
        name: "flaky",
        everySeconds: 60,
        async run() {
          attempts++;
          if (attempts === 1) throw new Error("SMTP server unreachable");
        },
      },
    ]);
    expect(await runner.tick()).toEqual([]);
    const lease = await database.db
      .selectFrom("job_lease")
      .selectAll()
      .where("name", "=", "flaky")
      .executeTakeFirstOrThrow();
    expect(lease.last_error).toBe("SMTP server unreachable");
    clock.advance(61_000);
    expect(await runner.tick()).toEqual(["flaky"]);
  });
});
