import type { Kysely, Transaction } from "kysely";
import type { Static } from "typebox";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import { DEFAULT_BANDS, type RiskBands } from "../../../domain/risk/bands";
import { ASSESSMENT_METHODS, type AssessmentMethod, SCALES } from "../../../domain/risk/scales";
import type { DB } from "../../db/schema";
import type { RiskMethods } from "./schema";

/** The bands new assessments use; an assessment keeps the bands it was made with. */
export async function currentBands(db: Kysely<DB> | Transaction<DB>, method: AssessmentMethod): Promise<RiskBands> {
  const row = await db
    .selectFrom("risk_bands")
    .select(["version", "thresholds"])
    .where("method", "=", method)
    .where("is_current", "=", true)
    .executeTakeFirst();
  if (!row) return DEFAULT_BANDS[method];
  return {
    method,
    version: row.version,
    thresholds: row.thresholds.map((t) => ({ level: t.level as RiskLevel, minScore: t.minScore })),
  };
}

/** The three assessment methods: the scales with the meaning of each value, and the bands new assessments use. */
export async function riskMethods(db: Kysely<DB>): Promise<Static<typeof RiskMethods>> {
  return {
    methods: await Promise.all(
      ASSESSMENT_METHODS.map(async (method) => ({
        method,
        scales: Object.fromEntries(Object.entries(SCALES[method]).map(([factor, values]) => [factor, [...values]])),
        bands: await currentBands(db, method),
      })),
    ),
  };
}

/** Seeds the shipped default bands (DB37/T 2882-2016 for LS, practice for LEC and MES) as each method's current version. */
export async function seedDefaultBands(trx: Transaction<DB>): Promise<void> {
  for (const bands of Object.values(DEFAULT_BANDS)) {
    const exists = await trx
      .selectFrom("risk_bands")
      .select("version")
      .where("method", "=", bands.method)
      .executeTakeFirst();
    if (exists) continue;
    await trx
      .insertInto("risk_bands")
      .values({
        method: bands.method,
        version: bands.version,
        thresholds: JSON.stringify(bands.thresholds),
        is_current: true,
        created_by: null,
      })
      .execute();
  }
}
