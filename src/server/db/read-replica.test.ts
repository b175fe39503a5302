import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCity,
  createEnterprise,
  createSupervisor,
  TEST_PASSWORD,
  type TestEnterprise,
} from "../testing/factories";
import { type ServerProcess, signInOver, startServerProcess } from "../testing/server-process";
import { createTestContext, type TestContext } from "../testing/test-app";
import { testDatabaseKinds } from "../testing/test-database";
import { startTestReplica, type TestReplica } from "../testing/test-replica";

/**
 * A server with DATABASE_URL on the test cluster and DATABASE_READ_URL on a streaming replica of it: the map
 * and the cockpit answer from the replica (while the replica's replay is paused they miss a write the primary
 * already holds), everything else from the primary, and a write shows on both pages within the replica's lag.
 */
const CITY_BOX = "119.5,29.5,122.5,31.5";
const READ_POOL = "dualguard-read";

describe.skipIf(!process.env.DATABASE_URL)(
  "a read replica (skipped without DATABASE_URL: the replica streams from that PostgreSQL server)",
  () => {
    let context: TestContext;
    let replica: TestReplica;
    let server: ServerProcess;
    let database: string;
    let enterprise: TestEnterprise;
    let cityId: string;
    let supervisor: { headers: Record<string, string> };
    let safety: { headers: Record<string, string> };

    beforeAll(async () => {
      const postgres = testDatabaseKinds().find((kind) => kind.name === "postgres")!;
      context = await createTestContext(postgres, { demoCity: false });
      const { app } = context;
      const city = await createCity(app, { districts: 1, towns: 1 });
      cityId = city.id;
      enterprise = await createEnterprise(app, { territory: city.districts[0].towns[0], lng: 120.2, lat: 30.2 });
      const chief = await createSupervisor(app, city);
      database = (await sql<{ name: string }>`SELECT current_database() AS name`.execute(context.database.db)).rows[0]
        .name;
      replica = await startTestReplica(process.env.DATABASE_URL!);
      const primaryUrl = new URL(process.env.DATABASE_URL!);
      primaryUrl.pathname = `/${database}`;
      // The application name tells the server's replica connections apart in the replica's pg_stat_activity.
      const readUrl = new URL(replica.urlOf(primaryUrl.toString()));
      readUrl.searchParams.set("application_name", READ_POOL);
      await replica.caughtUp();
      server = await startServerProcess({
        DATABASE_URL: primaryUrl.toString(),
        DATABASE_READ_URL: readUrl.toString(),
        SESSION_SECRET: "read-replica-test-session-secret-0123456789",
      });
      expect(server.output()).toContain("read from DATABASE_READ_URL");
      supervisor = await signInOver(server.url, chief.username, TEST_PASSWORD);
      safety = await signInOver(server.url, enterprise.safetyManager.username, TEST_PASSWORD);
    }, 180_000);

    afterAll(async () => {
      await server?.stop("SIGTERM");
      await replica?.stop();
      await context?.close();
    });

    const get = async (path: string, headers: Record<string, string>) => {
      const response = await fetch(`${server.url}${path}`, { headers });
      if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
      return response.json();
    };
    const onMap = async () => {
      const map = await get(`/api/v1/map/features?bbox=${CITY_BOX}&zoom=10&layers=hiddenDangers`, supervisor.headers);
      return (map.layers.hiddenDangers.features as { id: string }[]).map((feature) => feature.id);
    };
    const foundOnCockpit = async () =>
      (await get(`/api/v1/cockpit?territoryId=${cityId}`, supervisor.headers)).hiddenDangers.found as number;
    /** What the map and the cockpit show of hidden dangers: the map's ids, the cockpit's count found this year. */
    const shown = async () => ({ onMap: await onMap(), found: await foundOnCockpit() });
    /**
     * Whether the server's replica connections ran a query naming `table` during `request`, from the replica's
     * pg_stat_activity. It shows only each connection's latest statement, and a page runs several in parallel, so
     * the request is repeated a few times until one of its hidden-danger queries is the latest on its connection.
     */
    const replicaRanDuring = async (request: () => Promise<unknown>, table: string) => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const { rows } = await sql<{ now: Date }>`SELECT clock_timestamp() AS now`.execute(context.database.db);
        await request();
        const reads = await replica.query<{ query: string }>(
          "SELECT query FROM pg_stat_activity WHERE datname = $1 AND application_name = $2 AND query_start >= $3",
          [database, READ_POOL, rows[0].now],
        );
        if (reads.some((read) => read.query.includes(table))) return true;
      }
      return false;
    };
    const report = async (description: string): Promise<string> => {
      const response = await fetch(`${server.url}/api/v1/hidden-dangers`, {
        method: "POST",
        headers: safety.headers,
        body: JSON.stringify({ enterpriseId: enterprise.id, description, categoryCode: "3" }),
      });
      if (response.status !== 201) throw new Error(`report: ${response.status} ${await response.text()}`);
      return (await response.json()).id;
    };
    /** Polls the map and the cockpit until both show `id` (and `found` hidden dangers); the milliseconds it took. */
    const untilShown = async (id: string, found: number, since: number) => {
      for (;;) {
        const now = await shown();
        if (now.onMap.includes(id) && now.found === found) return Date.now() - since;
        if (Date.now() - since > 10_000) throw new Error(`not shown within 10 s: ${JSON.stringify(now)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };

    it("answers the map and the cockpit from the replica: with its replay paused they miss a write the primary holds", async () => {
      expect(await shown()).toEqual({ onMap: [], found: 0 });
      await replica.pauseReplay();
      let resumed = false;
      try {
        const id = await report("消防通道堆放杂物（副本暂停时上报）");
        // The write went to the primary (the replica is read-only and would refuse it) and is there at once…
        const onPrimary = await context.database.db
          .selectFrom("hidden_danger")
          .select("id")
          .where("id", "=", id)
          .execute();
        expect(onPrimary).toHaveLength(1);
        // …and the hidden danger's own page, read from the primary, shows it…
        const own = await get(`/api/v1/hidden-dangers/${id}`, safety.headers);
        expect(own.id).toBe(id);
        // …while the replica has not replayed it, and the map and the cockpit, read there, do not show it.
        expect(await replica.query("SELECT id FROM hidden_danger WHERE id = $1", [id], database)).toEqual([]);
        expect(await shown()).toEqual({ onMap: [], found: 0 });
        // The server's connections to the replica are the ones that ran those pages' queries.
        expect(await replicaRanDuring(onMap, "hidden_danger")).toBe(true);
        expect(await replicaRanDuring(foundOnCockpit, "hidden_danger")).toBe(true);

        const resumedAt = Date.now();
        await replica.resumeReplay();
        resumed = true;
        const ms = await untilShown(id, 1, resumedAt);
        console.info(`read replica: the paused write showed on the map and the cockpit ${ms} ms after resuming replay`);
      } finally {
        if (!resumed) await replica.resumeReplay();
      }
    }, 60_000);

    it("shows a write made through the API on the map and the cockpit within the replica's lag", async () => {
      const shownAfter: number[] = [];
      for (let i = 0; i < 5; i++) {
        const id = await report(`配电箱未接地（第 ${i + 1} 次）`);
        const written = Date.now();
        // The replica's own lag (its replay reaching the primary's WAL position) and what the pages show, side by side.
        const [replayed, shown] = await Promise.all([replica.caughtUp(), untilShown(id, 2 + i, written)]);
        shownAfter.push(shown);
        console.info(`read replica: write ${i + 1} replayed within ${replayed} ms, on both pages after ${shown} ms`);
      }
      // Streaming on one machine replays within tens of milliseconds; the rest is the pages' own time on a busy machine.
      expect(Math.max(...shownAfter)).toBeLessThan(2_000);
    }, 60_000);

    it("reports itself not ready while the replica is down, since the map and the cockpit depend on it", async () => {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      await replica.stop();
      expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    }, 60_000);
  },
);
