import type { Kysely, Transaction } from "kysely";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import { DEFAULT_BANDS, type RiskBands } from "../../../domain/risk/bands";
import type { AssessmentMethod } from "../../../domain/risk/scales";
import type { DB } from "../../db/schema";

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

/** Seeds REFERENCE.md's default bands as the current version of each method. */
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
