import type { FastifyServerOptions } from "fastify";
import { sql } from "kysely";
import { buildApp } from "./app";
import type { Config } from "./config";
import { openDatabase } from "./db/database";
import { prepareDatabase } from "./db/prepare-database";
import { type ReadingQueue, startReadingQueue } from "./ingestion/reading-queue";
import { systemClock } from "./jobs/clock";
import { JobRunner } from "./jobs/job-runner";
import { scheduledJobs } from "./jobs/scheduled-jobs";
import { startDemoSimulation } from "./modules/monitoring/demo-simulation";
import { reconcileDeviceAccounts } from "./modules/monitoring/device-broker-accounts";
import { deviceAccountJob } from "./modules/monitoring/ingest-jobs";
import { DEMO_PASSWORD, generatedDemoPassword, seedDemo } from "./seed/seed-demo";
import { seedDemoRegister } from "./seed/seed-demo-register";
import type { App } from "./types";

export const DEMO_ENTERPRISES = 200;

/** Logged at every start while the database has no user: the first administrator is made on the command line. */
export const NO_USER_YET =
  "The database has no user yet, so nobody can sign in. Create the first administrator with the same DATABASE_URL (or DATA_DIR): npx dualguard user create --username admin --password '<a strong password>' --role admin — the demo accounts are seeded only into the embedded demo (SEED_DEMO)";

export interface RunningServer {
  app: App;
  url: string;
  stop(): Promise<void>;
}

/**
 * Opens the database, migrates it, seeds the demo city into an empty one, and
 * listens. `stop` is graceful: no new connections, in-flight requests finish,
 * then the database is checkpointed and closed.
 */
export async function startServer(
  config: Config,
  options: { installSignalHandlers?: boolean; logger?: FastifyServerOptions["logger"] } = {},
): Promise<RunningServer> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    databaseReadUrl: config.databaseReadUrl,
    dataDir: config.dataDir,
  });
  let app: App | undefined;
  let jobs: JobRunner | undefined;
  let readingQueue: ReadingQueue | undefined;
  let demo: { stop(): void } | undefined;
  try {
    const { migrations } = await prepareDatabase(database);
    app = await buildApp({ config, database, logger: options.logger });
    if (migrations.length > 0) app.log.info({ migrations }, "database migrated");
    if (config.databaseReadUrl) app.log.info("the map, cockpit, statistics and exports read from DATABASE_READ_URL");
    if (config.seedDemo) {
      // The published demo password is for the embedded demo; a demo on a PostgreSQL server gets its own.
      const password = config.databaseUrl ? generatedDemoPassword() : DEMO_PASSWORD;
      const seeded = await seedDemo(database, { enterprises: DEMO_ENTERPRISES, password });
      if (seeded.seeded) {
        app.log.info(seeded, "demo city seeded into the empty database");
        if (config.databaseUrl) {
          app.log.warn(
            { password },
            "SEED_DEMO=true on a PostgreSQL server: the demo accounts were given this generated password, not the published one; disable them before real use",
          );
        }
        const register = await seedDemoRegister(database);
        app.log.info(register, "demo risk registers seeded and enterprises rated");
      }
    }
    const users = await sql<{ n: string }>`SELECT count(*) AS n FROM app_user`.execute(database.db);
    if (Number(users.rows[0]?.n ?? 0) === 0) app.log.warn(NO_USER_YET);
    await app.listen({ port: config.port, host: config.host });
    const brokerJobs = app.brokerAdmin ? [deviceAccountJob(app.brokerAdmin)] : [];
    jobs = new JobRunner({ db: database.db, clock: systemClock, log: app.log }, [
      ...scheduledJobs(config),
      ...brokerJobs,
    ]);
    jobs.start();
    if (config.seedDemo && config.demoSimulation) {
      demo = startDemoSimulation(database.db, app.ingest, app.log);
      app.log.info("demo devices are fed with simulated readings (DEMO_SIMULATION=false turns this off)");
    }
    const brokerAdmin = app.brokerAdmin;
    if (config.broker && brokerAdmin) {
      // Competing consumers on one durable queue: what a stopped process held goes to the others at once.
      readingQueue = await startReadingQueue({
        url: config.broker.url,
        queue: config.broker.queue,
        batcher: app.ingest,
        db: database.db,
        log: app.log,
      });
      // Accounts written while the broker was away (or on a new broker) exist before devices reconnect.
      const log = app.log;
      await reconcileDeviceAccounts(brokerAdmin, database.db).catch((error) =>
        log.warn({ err: error }, "device accounts not reconciled with the broker yet; the job retries"),
      );
      app.log.info({ queue: config.broker.queue }, "ingesting device readings from the broker");
    }
  } catch (error) {
    await app?.close().catch(() => {});
    await database.close().catch(() => {});
    throw error;
  }
  const running = app;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      running.log.info("shutting down: finishing requests and jobs");
      demo?.stop();
      await readingQueue?.stop();
      await jobs?.stop();
      await running.close();
      await database.close();
      running.log.info("database closed; bye");
    })();
    return stopping;
  };
  if (options.installSignalHandlers) {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(signal, () => {
        stop().then(
          () => process.exit(0),
          (error) => {
            running.log.error({ err: error }, "shutdown failed");
            process.exit(1);
          },
        );
      });
    }
  }
  const address = running.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  return { app: running, url: `http://127.0.0.1:${port}`, stop };
}
