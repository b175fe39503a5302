import type { Transaction } from "kysely";
import type { ControlLevel } from "../../../domain/reference/risk-levels";
import type { DB } from "../../db/schema";

/** Re-derives a risk point's level (most severe of its hazards) and, unless a person set it, its control level. */
export async function refreshRiskPointLevel(trx: Transaction<DB>, ownerId: string, riskPointId: string): Promise<void> {
  const levels = await trx
    .selectFrom("hazard")
    .select("level")
    .where("owner_id", "=", ownerId)
    .where("risk_point_id", "=", riskPointId)
    .where("level", "is not", null)
    .execute();
  const level = levels.length ? Math.min(...levels.map((l) => l.level!)) : null;
  const point = await trx
    .selectFrom("risk_point")
    .select("control_level_set_by_user")
    .where("owner_id", "=", ownerId)
    .where("id", "=", riskPointId)
    .executeTakeFirstOrThrow();
  let controlLevel: ControlLevel | undefined;
  if (!point.control_level_set_by_user && level !== null) {
    const mapping = await trx
      .selectFrom("control_level_mapping")
      .select("control_level")
      .where("risk_level", "=", level)
      .executeTakeFirst();
    controlLevel = mapping?.control_level;
  }
  await trx
    .updateTable("risk_point")
    .set({ level, ...(controlLevel ? { control_level: controlLevel } : {}), updated_at: new Date() })
    .where("owner_id", "=", ownerId)
    .where("id", "=", riskPointId)
    .execute();
}
