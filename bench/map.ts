import { sql } from "kysely";
import { buildApp } from "../src/server/app";
import type { Database } from "../src/server/db/database";
import { prepareDatabase } from "../src/server/db/prepare-database";
import { rebuildClusterCells } from "../src/server/modules/map/cluster-cells";
import { recomputeRatings } from "../src/server/modules/ratings/compute-ratings";
import { createApiToken } from "../src/server/modules/tokens/create-api-token";
import { seedDemo } from "../src/server/seed/seed-demo";
import { TEST_CONFIG } from "../src/server/testing/test-app";
import { onEachDatabase, writeResults } from "./bench-databases";

/**
 * Seeds a city of 100,000 rated enterprises and 1,000,000 risk points and times the one map's viewport query
 * (all five layers, as the web page asks for them) through the HTTP layer as the city supervisor, at city,
 * district and street zoom over random viewports of a 1280×800 screen.
 */

const ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? 100_000);
const RISK_POINTS = Number(process.env.BENCH_RISK_POINTS ?? 1_000_000);
/** A share of the points are public-area ones owned by towns, as the register has them. */
const PUBLIC_SHARE = 0.02;
const REQUESTS_PER_ZOOM = 60;
const WARM_UP = 3;
const SCREEN = { width: 1280, height: 800 };
const LAYERS = "enterprises,riskPoints,majorHazards,alarms,hiddenDangers";

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A reproducible stream in [0, 1) so both databases see the same viewports. */
function randomStream(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * 1,000,000 risk points in one statement: each enterprise-owned point lies within ~200 m of its enterprise, each
 * public one inside its town's box; levels drawn 5 % red, 15 % orange, 40 % yellow, 40 % blue (practice-like).
 * The rating trigger is off during the load; the full recompute afterwards reads every point anyway.
 */
export async function seedRiskPointsForBench(database: Database) {
  const { db } = database;
  const publicCount = Math.round(RISK_POINTS * PUBLIC_SHARE);
  const level = sql`CASE WHEN r < 0.05 THEN 1 WHEN r < 0.20 THEN 2 WHEN r < 0.60 THEN 3 ELSE 4 END`;
  await sql`ALTER TABLE risk_point DISABLE TRIGGER risk_point_marks_rating`.execute(db);
  await sql`
    WITH owners AS (
      SELECT id, territory_path, lng, lat, row_number() OVER (ORDER BY id) - 1 AS rn
      FROM enterprise WHERE lng IS NOT NULL
    ), total AS (SELECT count(*) AS n FROM owners)
    INSERT INTO risk_point (owner_id, owner_kind, territory_path, kind, name, lng, lat, level, public_token)
    SELECT o.id, 'enterprise', o.territory_path, 'facility', '风险点 ' || g,
      o.lng + (random() - 0.5) * 0.004, o.lat + (random() - 0.5) * 0.004, ${level}, 'bench-e-' || g
    FROM (SELECT g, random() AS r FROM generate_series(1, ${RISK_POINTS - publicCount}) g) s
    JOIN owners o ON o.rn = s.g % (SELECT n FROM total)`.execute(db);
  await sql`
    WITH towns AS (
      SELECT id, path, min_lng, min_lat, max_lng, max_lat, row_number() OVER (ORDER BY code) - 1 AS rn
      FROM territory WHERE level = 'town'
    ), total AS (SELECT count(*) AS n FROM towns)
    INSERT INTO risk_point (owner_id, owner_kind, territory_path, kind, public_category, name, lng, lat, level, public_token)
    SELECT t.id, 'territory', t.path, 'place', 'crowded_place', '公共区域风险点 ' || g,
      t.min_lng + random() * (t.max_lng - t.min_lng), t.min_lat + random() * (t.max_lat - t.min_lat), ${level},
      'bench-p-' || g
    FROM (SELECT g, random() AS r FROM generate_series(1, ${publicCount}) g) s
    JOIN towns t ON t.rn = s.g % (SELECT n FROM total)`.execute(db);
  await sql`ALTER TABLE risk_point ENABLE TRIGGER risk_point_marks_rating`.execute(db);
  await sql`ANALYZE`.execute(db);
}

type Zoom = { name: "city" | "district" | "street"; zoom: number };

async function measure(database: Database, label: string) {
  await prepareDatabase(database);
  let t0 = performance.now();
  await seedDemo(database, { enterprises: ENTERPRISES });
  const seedSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  await seedRiskPointsForBench(database);
  const riskPointSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const rated = await recomputeRatings(database.db, null, new Date());
  const ratingSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const { cells } = await rebuildClusterCells(database.db);
  const cellSeconds = (performance.now() - t0) / 1000;
  await sql`ANALYZE`.execute(database.db);
  const levels = await database.db
    .selectFrom("enterprise_rating")
    .select(["level", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("level")
    .orderBy("level")
    .execute();
  console.log(
    `${label}: seeded ${ENTERPRISES} enterprises in ${seedSeconds.toFixed(1)} s, ${RISK_POINTS} risk points in ${riskPointSeconds.toFixed(1)} s, rated ${rated.rated} in ${ratingSeconds.toFixed(1)} s, ${cells} cluster cells in ${cellSeconds.toFixed(1)} s (levels ${levels.map((l) => `${l.level}: ${l.n}`).join(", ")})`,
  );

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
  const city = await database.db
    .selectFrom("territory")
    .select(["min_lng", "min_lat", "max_lng", "max_lat"])
    .where("parent_id", "is", null)
    .executeTakeFirstOrThrow();
  const [minLng, minLat, maxLng, maxLat] = [city.min_lng!, city.min_lat!, city.max_lng!, city.max_lat!];
  // The zoom at which the whole city fills the screen's width (256 pixels span 360° at zoom 0).
  const cityZoom = Math.floor(Math.log2((SCREEN.width * 360) / (256 * (maxLng - minLng))));
  const zooms: Zoom[] = [
    { name: "city", zoom: cityZoom },
    { name: "district", zoom: cityZoom + 2 },
    { name: "street", zoom: cityZoom + 4 },
  ];
  const random = randomStream(2026);
  const perZoom: Record<string, { p50Ms: number; p99Ms: number; maxBytes: number; meanFeatures: number }> = {};
  const all: number[] = [];
  let maxBytes = 0;
  for (const { name, zoom } of zooms) {
    const width = (SCREEN.width * 360) / (256 * 2 ** zoom);
    const height = ((SCREEN.height * 360) / (256 * 2 ** zoom)) * Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
    const times: number[] = [];
    let bytes = 0;
    let features = 0;
    for (let i = 0; i < REQUESTS_PER_ZOOM + WARM_UP; i++) {
      const lng = minLng + random() * (maxLng - minLng);
      const lat = minLat + random() * (maxLat - minLat);
      const bbox = [lng - width / 2, lat - height / 2, lng + width / 2, lat + height / 2].map((v) => v.toFixed(6));
      const start = performance.now();
      const response = await app.inject({
        url: `/api/v1/map/features?bbox=${bbox.join(",")}&zoom=${zoom}&layers=${LAYERS}`,
        headers: { authorization: `Bearer ${token}` },
      });
      const elapsed = performance.now() - start;
      if (response.statusCode !== 200) throw new Error(`${name}: ${response.statusCode} ${response.body}`);
      if (i < WARM_UP) continue;
      times.push(elapsed);
      bytes = Math.max(bytes, response.rawPayload.length);
      const body = response.json() as { layers: Record<string, { features: unknown[] }> };
      features += Object.values(body.layers).reduce((sum, layer) => sum + layer.features.length, 0);
    }
    all.push(...times);
    times.sort((a, b) => a - b);
    maxBytes = Math.max(maxBytes, bytes);
    perZoom[name] = {
      p50Ms: Number(percentile(times, 50).toFixed(1)),
      p99Ms: Number(percentile(times, 99).toFixed(1)),
      maxBytes: bytes,
      meanFeatures: Math.round(features / REQUESTS_PER_ZOOM),
    };
  }
  await app.close();
  all.sort((a, b) => a - b);
  return {
    database: label,
    features: ENTERPRISES + RISK_POINTS,
    enterprises: ENTERPRISES,
    riskPoints: RISK_POINTS,
    p50Ms: Number(percentile(all, 50).toFixed(1)),
    p99Ms: Number(percentile(all, 99).toFixed(1)),
    maxBytes,
    zooms: Object.fromEntries(zooms.map((z) => [z.name, { zoom: z.zoom, ...perZoom[z.name] }])),
    requestsPerZoom: REQUESTS_PER_ZOOM,
    seedSeconds: Number(seedSeconds.toFixed(1)),
    riskPointSeedSeconds: Number(riskPointSeconds.toFixed(1)),
    ratingSeconds: Number(ratingSeconds.toFixed(1)),
    clusterCellSeconds: Number(cellSeconds.toFixed(1)),
    clusterCells: cells,
  };
}

export async function run() {
  const results = await onEachDatabase(measure);
  console.log("\ndatabase   zoom             p50 ms    p99 ms   max bytes   features drawn (mean)");
  for (const r of results) {
    for (const [name, z] of Object.entries(r.zooms)) {
      console.log(
        `${r.database.padEnd(10)} ${`${name} (z${z.zoom})`.padEnd(15)} ${String(z.p50Ms).padStart(7)} ${String(z.p99Ms).padStart(9)} ${String(z.maxBytes).padStart(11)} ${String(z.meanFeatures).padStart(10)}`,
      );
    }
    console.log(
      `${r.database.padEnd(10)} ${"all".padEnd(15)} ${String(r.p50Ms).padStart(7)} ${String(r.p99Ms).padStart(9)} ${String(r.maxBytes).padStart(11)}`,
    );
  }
  console.log("targets: p99 < 150 ms, no response over 1 MB (1,048,576 bytes)");
  writeResults("map", results);
}
