import type { Database } from "../src/server/db/database";
import { prepareDatabase } from "../src/server/db/prepare-database";
import { recomputeDirtyRatings, recomputeRatings } from "../src/server/modules/ratings/compute-ratings";
import { seedDemo } from "../src/server/seed/seed-demo";
import { onEachDatabase, writeResults } from "./bench-databases";

/** Full recompute of 100,000 enterprises, and one incremental update (an input changes, the job re-rates it). */
const ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? 100_000);
const SAMPLES = 200;

async function measure(database: Database, label: string) {
  await prepareDatabase(database);
  await seedDemo(database, { enterprises: ENTERPRISES });
  const start = performance.now();
  const full = await recomputeRatings(database.db, null, new Date());
  const fullRecomputeSeconds = (performance.now() - start) / 1000;
  const ids = (await database.db.selectFrom("enterprise").select("id").limit(SAMPLES).execute()).map((r) => r.id);
  const times: number[] = [];
  for (const [i, id] of ids.entries()) {
    // An input changes (the scale is re-registered), the trigger marks the enterprise, the job re-rates it.
    const t0 = performance.now();
    await database.db
      .updateTable("enterprise")
      .set({ scale: i % 2 ? "large" : "small" })
      .where("id", "=", id)
      .execute();
    await recomputeDirtyRatings(database.db, new Date());
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    database: label,
    enterprises: full.rated,
    fullRecomputeSeconds: Number(fullRecomputeSeconds.toFixed(1)),
    incrementalP50Ms: Number(times[Math.floor(times.length / 2)].toFixed(1)),
    incrementalP99Ms: Number(times[Math.min(times.length - 1, Math.floor(times.length * 0.99))].toFixed(1)),
  };
}

export async function run() {
  const results = await onEachDatabase(measure);
  console.log("\ndatabase   enterprises   full recompute   incremental p50   incremental p99");
  for (const r of results) {
    console.log(
      `${r.database.padEnd(10)} ${String(r.enterprises).padStart(11)} ${`${r.fullRecomputeSeconds} s`.padStart(16)} ${`${r.incrementalP50Ms} ms`.padStart(17)} ${`${r.incrementalP99Ms} ms`.padStart(17)}`,
    );
  }
  console.log("targets: full recompute < 30 s on PGlite, incremental p99 < 50 ms");
  writeResults("rating", results);
}
