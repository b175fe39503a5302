import type { Kysely } from "kysely";
import type { Static } from "typebox";
import type { DB } from "../../db/schema";
import { presentControlLevels } from "./present-control-levels";
import type { ControlLevels } from "./schema";

/** The risk level → control level mapping in force (practice, editable by an administrator). */
export async function findControlLevels(db: Kysely<DB>): Promise<Static<typeof ControlLevels>> {
  const rows = await db.selectFrom("control_level_mapping").selectAll().orderBy("risk_level").execute();
  return presentControlLevels(rows.map((r) => ({ riskLevel: r.risk_level, controlLevel: r.control_level })));
}
