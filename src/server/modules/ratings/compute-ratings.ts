import { type Kysely, sql } from "kysely";
import type { EnterpriseScale } from "../../../domain/demo/demo-enterprises";
import { type RatingInputs, rateEnterprise } from "../../../domain/rating/rating-model";
import type { DB } from "../../db/schema";
import type { JobContext } from "../../jobs/job-runner";
import { runEachIsolated } from "../../jobs/run-each-isolated";
import { notify } from "../../notifications/notify";
import { supervisingUsers } from "../hidden-dangers/supervising-users";

const BATCH = 1000;
type Counts = Map<string, Record<string, number>>;

/** Runs a grouped count over a table and returns it by enterprise id. */
async function grouped(
  db: Kysely<DB>,
  query: ReturnType<typeof sql<{ id: string; key: string; n: number }>>,
): Promise<Counts> {
  const { rows } = await query.execute(db);
  const out: Counts = new Map();
  for (const row of rows) {
    const entry = out.get(row.id) ?? {};
    entry[row.key] = Number(row.n);
    out.set(row.id, entry);
  }
  return out;
}

/**
 * The rating model's inputs for some enterprises (or all), from the register,
 * hidden dangers, major hazard sources, alarms and enforcement violations.
 * Accidents and verified public reports are 0 until those modules exist.
 */
export async function loadRatingInputs(
  db: Kysely<DB>,
  ids: string[] | null,
  now: Date,
): Promise<Map<string, RatingInputs>> {
  const only = (column: string) => (ids ? sql`AND ${sql.ref(column)} = ANY(${sql.val(ids)}::uuid[])` : sql``);
  const enterprises = await sql<{ id: string; industry_section: string; industry_code: string; scale: string }>`
    SELECT id, industry_section, industry_code, scale FROM enterprise WHERE true ${only("enterprise.id")}`.execute(db);
  const since30 = new Date(now.getTime() - 30 * 86_400_000);
  // Violations found by enforcement inspections (supervision module) in the 12 months before now.
  const since12Months = new Date(now.getTime() - 365 * 86_400_000).toISOString().slice(0, 10);
  const [points, dangers, alarms, units, violations] = await Promise.all([
    grouped(
      db,
      sql`SELECT owner_id AS id,
            CASE WHEN kind = 'process' THEN 'process' WHEN level = 1 THEN 'red' ELSE 'orange' END AS key, count(*) AS n
          FROM risk_point WHERE owner_kind = 'enterprise' AND level IN (1, 2) ${only("risk_point.owner_id")}
          GROUP BY 1, 2`,
    ),
    grouped(
      db,
      sql`SELECT enterprise_id AS id,
            (CASE WHEN level = 'major' THEN 'major_' ELSE '' END) ||
            (CASE WHEN status IN ('confirmed', 'rectifying') AND deadline < ${now} THEN 'overdue' ELSE 'open' END) AS key,
            count(*) AS n
          FROM hidden_danger WHERE status NOT IN ('closed', 'dismissed') ${only("hidden_danger.enterprise_id")}
          GROUP BY 1, 2`,
    ),
    grouped(
      db,
      sql`SELECT enterprise_id AS id, severity::text AS key, count(*) AS n
          FROM alarm WHERE raised_at >= ${since30} ${only("alarm.enterprise_id")} GROUP BY 1, 2`,
    ),
    grouped(
      db,
      sql`SELECT enterprise_id AS id, level::text AS key, count(*) AS n
          FROM major_hazard_unit WHERE is_major AND level IS NOT NULL ${only("major_hazard_unit.enterprise_id")} GROUP BY 1, 2`,
    ),
    grouped(
      db,
      sql`SELECT enterprise_id AS id, 'violations' AS key, sum(violations) AS n
          FROM enforcement_inspection WHERE inspected_on >= ${since12Months}::date AND violations > 0
          ${only("enforcement_inspection.enterprise_id")} GROUP BY 1, 2`,
    ),
  ]);
  const out = new Map<string, RatingInputs>();
  for (const e of enterprises.rows) {
    const p = points.get(e.id) ?? {};
    const d = dangers.get(e.id) ?? {};
    const a = alarms.get(e.id) ?? {};
    const u = units.get(e.id) ?? {};
    const majorHazardLevels = Object.entries(u).flatMap(([level, n]) =>
      Array.from({ length: n }, () => Number(level) as 1 | 2 | 3 | 4),
    );
    out.set(e.id, {
      industrySection: e.industry_section,
      industryDivision: e.industry_code,
      scale: e.scale as EnterpriseScale,
      majorHazardLevels,
      redRiskPoints: p.red ?? 0,
      orangeRiskPoints: p.orange ?? 0,
      hazardousProcesses: p.process ?? 0,
      // Counted as the model expects: open ⊇ overdue, open ⊇ open major ⊇ overdue major.
      openHiddenDangers: (d.open ?? 0) + (d.overdue ?? 0) + (d.major_open ?? 0) + (d.major_overdue ?? 0),
      overdueHiddenDangers: (d.overdue ?? 0) + (d.major_overdue ?? 0),
      openMajorHiddenDangers: (d.major_open ?? 0) + (d.major_overdue ?? 0),
      overdueMajorHiddenDangers: d.major_overdue ?? 0,
      alarmsLast30Days: { red: a["1"] ?? 0, orange: a["2"] ?? 0, yellow: a["3"] ?? 0, blue: a["4"] ?? 0 },
      accidentsLast12Months: { general: 0, larger: 0, major: 0, particularlyMajor: 0 },
      enforcementViolations12Months: violations.get(e.id)?.violations ?? 0,
      verifiedPublicReports12Months: 0,
    });
  }
  return out;
}

type Rated = { id: string; input: RatingInputs; rating: ReturnType<typeof rateEnterprise> };
type Previous = Map<string, { score: number; level: number }>;

/**
 * Re-rates enterprises (all when `ids` is null): stores the rating with its
 * explanation, appends history when score or level moved, and tells the
 * supervising departments when the level went up or down. Ratings are stored
 * a batch at a time; a batch that fails is stored again one enterprise at a
 * time, so one enterprise whose rating cannot be stored (logged, and listed in
 * `failedIds`) never keeps the others unrated.
 */
export async function recomputeRatings(
  db: Kysely<DB>,
  ids: string[] | null,
  now: Date,
  log: JobContext["log"] = console,
): Promise<{ rated: number; levelChanges: number; failedIds: string[] }> {
  const inputs = await loadRatingInputs(db, ids, now);
  const previous: Previous = new Map(
    (
      await (ids
        ? db
            .selectFrom("enterprise_rating")
            .select(["enterprise_id", "score", "level"])
            .where("enterprise_id", "in", ids.length ? ids : ["00000000-0000-0000-0000-000000000000"])
        : db.selectFrom("enterprise_rating").select(["enterprise_id", "score", "level"])
      ).execute()
    ).map((r) => [r.enterprise_id, r]),
  );
  const entries = [...inputs.entries()];
  let levelChanges = 0;
  const failedIds: string[] = [];
  for (let i = 0; i < entries.length; i += BATCH) {
    const slice = entries.slice(i, i + BATCH).map(([id, input]) => ({ id, input, rating: rateEnterprise(input) }));
    try {
      levelChanges += await storeRatings(db, slice, previous, now);
    } catch (error) {
      log.error(
        { job: "ratings", err: error, enterprises: slice.length },
        "a batch of ratings failed; storing them one by one",
      );
      await runEachIsolated(
        slice,
        { job: "ratings", log, describe: (entry) => ({ enterpriseId: entry.id }) },
        async (entry) => {
          try {
            levelChanges += await storeRatings(db, [entry], previous, now);
          } catch (error) {
            failedIds.push(entry.id);
            throw error;
          }
        },
      );
    }
  }
  return { rated: entries.length - failedIds.length, levelChanges, failedIds };
}

/** Stores some enterprises' ratings in one transaction; returns how many changed level. */
async function storeRatings(db: Kysely<DB>, slice: Rated[], previous: Previous, now: Date): Promise<number> {
  let levelChanges = 0;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("enterprise_rating")
      .values(
        slice.map(({ id, input, rating }) => ({
          enterprise_id: id,
          score: rating.score,
          level: rating.level,
          inputs: JSON.stringify(input),
          contributions: JSON.stringify(rating.contributions),
          explanation_zh: rating.explanationZh,
          explanation_en: rating.explanationEn,
          weights_version: rating.weightsVersion,
          computed_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.column("enterprise_id").doUpdateSet((eb) => ({
          score: eb.ref("excluded.score"),
          level: eb.ref("excluded.level"),
          inputs: eb.ref("excluded.inputs"),
          contributions: eb.ref("excluded.contributions"),
          explanation_zh: eb.ref("excluded.explanation_zh"),
          explanation_en: eb.ref("excluded.explanation_en"),
          weights_version: eb.ref("excluded.weights_version"),
          computed_at: eb.ref("excluded.computed_at"),
        })),
      )
      .execute();
    const moved = slice.filter(({ id, rating }) => {
      const before = previous.get(id);
      return !before || before.score !== rating.score || before.level !== rating.level;
    });
    if (moved.length > 0) {
      await trx
        .insertInto("enterprise_rating_history")
        .values(
          moved.map(({ id, rating }) => ({
            enterprise_id: id,
            computed_at: now,
            score: rating.score,
            level: rating.level,
            explanation_zh: rating.explanationZh,
            explanation_en: rating.explanationEn,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    for (const { id, rating } of moved) {
      const before = previous.get(id);
      if (!before || before.level === rating.level) continue;
      levelChanges++;
      const enterprise = await trx
        .selectFrom("enterprise")
        .select(["name", "territory_path", "industry_code", "industry_section"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      const up = rating.level < before.level;
      await notify(trx, {
        userIds: await supervisingUsers(trx, enterprise),
        kind: up ? "rating.upgraded" : "rating.downgraded",
        dedupeKey: `rating:${id}:${now.toISOString()}`,
        title: {
          "zh-CN": `${enterprise.name} 风险等级${up ? "升高" : "降低"}：${before.level} 级 → ${rating.level} 级`,
          en: `${enterprise.name}: risk level ${up ? "raised" : "lowered"} from ${before.level} to ${rating.level}`,
        },
        body: { "zh-CN": rating.explanationZh, en: rating.explanationEn },
        link: `/enterprises/${id}`,
        severity: up ? "warning" : "info",
        enterpriseId: id,
        territoryPath: enterprise.territory_path,
        at: now,
      });
    }
  });
  return levelChanges;
}

/** Re-rates the enterprises whose inputs changed since the last run. */
export async function recomputeDirtyRatings(
  db: Kysely<DB>,
  now: Date,
  log: JobContext["log"] = console,
): Promise<{ rated: number; levelChanges: number; failedIds: string[] }> {
  // Claim the marks; a mark made while this runs is a new row and is rated next time.
  const claimed = await db.deleteFrom("rating_dirty").returning("enterprise_id").execute();
  if (claimed.length === 0) return { rated: 0, levelChanges: 0, failedIds: [] };
  const ids = claimed.map((d) => d.enterprise_id);
  // Put marks back so nothing is left unrated: all of them if the inputs could not be read, else the failed ones.
  const putBack = async (again: string[]) => {
    if (again.length === 0) return;
    await db
      .insertInto("rating_dirty")
      .values(again.map((id) => ({ enterprise_id: id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  };
  let outcome: Awaited<ReturnType<typeof recomputeRatings>>;
  try {
    outcome = await recomputeRatings(db, ids, now, log);
  } catch (error) {
    await putBack(ids);
    throw error;
  }
  await putBack(outcome.failedIds);
  return outcome;
}
