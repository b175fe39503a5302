import { buildApp } from "../src/server/app";
import type { Database } from "../src/server/db/database";
import { prepareDatabase } from "../src/server/db/prepare-database";
import { createApiToken } from "../src/server/modules/tokens/create-api-token";
import { seedDemo } from "../src/server/seed/seed-demo";
import { TEST_CONFIG } from "../src/server/testing/test-app";
import { onEachDatabase, writeResults } from "./bench-databases";

/**
 * Seeds a 100,000-enterprise city and times the enterprise list as the web page
 * calls it (through the HTTP layer, as a city supervisor): first, middle and
 * last pages, a name search, a territory filter and an industry filter.
 */

const ENTERPRISES = 100_000;
const REPEAT = 20;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(database: Database, label: string) {
  await prepareDatabase(database);
  const seedStart = performance.now();
  await seedDemo(database, { enterprises: ENTERPRISES });
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const app = await buildApp({ config: TEST_CONFIG, database, logger: false, webRoot: "/nonexistent" });
  const user = await database.db
    .selectFrom("app_user")
    .select("id")
    .where("username", "=", "city.supervisor")
    .executeTakeFirstOrThrow();
  const { token } = await createApiToken(
    database.db,
    { userId: null, name: "bench", ip: "" },
    { userId: user.id, name: "bench", days: 1 },
  );
  const district = await database.db
    .selectFrom("territory")
    .select("id")
    .where("code", "=", "990102")
    .executeTakeFirstOrThrow();
  const queries: Record<string, string> = {
    firstPage: "page=1&pageSize=20",
    middlePage: "page=2500&pageSize=20",
    lastPage: `page=${ENTERPRISES / 20}&pageSize=20`,
    nameSearch: `q=${encodeURIComponent("化工")}&pageSize=20`,
    districtFilter: `territoryId=${district.id}&pageSize=20&page=10`,
    industryFilter: "industry=C&pageSize=20&page=100",
  };
  const results: Record<string, { p50Ms: number; p99Ms: number }> = {};
  for (const [name, query] of Object.entries(queries)) {
    const times: number[] = [];
    for (let i = 0; i < REPEAT + 2; i++) {
      const start = performance.now();
      const response = await app.inject({
        url: `/api/v1/enterprises?${query}`,
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.statusCode !== 200) throw new Error(`${name}: ${response.statusCode} ${response.body}`);
      if (i >= 2) times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    results[name] = {
      p50Ms: Number(percentile(times, 50).toFixed(1)),
      p99Ms: Number(percentile(times, 99).toFixed(1)),
    };
  }
  await app.close();
  return { database: label, enterprises: ENTERPRISES, seedSeconds: Number(seedSeconds.toFixed(1)), list: results };
}

export async function run() {
  const out = await onEachDatabase(measure);
  for (const result of out as {
    database: string;
    seedSeconds: number;
    list: Record<string, { p50Ms: number; p99Ms: number }>;
  }[]) {
    console.log(
      `\n${result.database}: seeded ${ENTERPRISES} enterprises in ${result.seedSeconds} s (goal < 120 s: ratio ${(result.seedSeconds / 120).toFixed(2)})`,
    );
    console.log("query            p50 ms   p99 ms");
    for (const [name, t] of Object.entries(result.list))
      console.log(`${name.padEnd(16)} ${String(t.p50Ms).padStart(6)}   ${String(t.p99Ms).padStart(6)}`);
  }
  writeResults("enterprises", out);
}
