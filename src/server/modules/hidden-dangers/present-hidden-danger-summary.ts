import type { Kysely } from "kysely";
import type { DB } from "../../db/schema";
import type { HiddenDangerFigures } from "./hidden-danger-figures";

/** An enterprise's signed summaries, the latest period first. */
export async function listHiddenDangerSummaries(db: Kysely<DB>, enterpriseId: string) {
  const rows = await db
    .selectFrom("hidden_danger_summary")
    .selectAll()
    .where("enterprise_id", "=", enterpriseId)
    .orderBy("period", "desc")
    .execute();
  return rows.map((r) => ({
    period: r.period,
    figures: r.figures as HiddenDangerFigures,
    signedName: r.signed_name,
    signedAt: r.signed_at.toISOString(),
  }));
}
