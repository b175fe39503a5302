import { type Kysely, sql } from "kysely";
import type { Static } from "typebox";
import { accidentTypes } from "../../../domain/reference/accident-types";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import { colourOf } from "../../../domain/risk/assess-risk";
import type { DB } from "../../db/schema";
import type { RiskStats } from "./schema";

const LEVELS: readonly RiskLevel[] = [1, 2, 3, 4];

/** One register's risk points by colour, by unit and by accident type, for the charts. */
export async function countRiskPoints(db: Kysely<DB>, ownerId: string): Promise<Static<typeof RiskStats>> {
  const [byLevel, byUnit, byAccident] = await Promise.all([
    db
      .selectFrom("risk_point")
      .select(["level", sql<number>`count(*)`.as("n")])
      .where("owner_id", "=", ownerId)
      .groupBy("level")
      .execute(),
    db
      .selectFrom("risk_point")
      .select(["unit", "level", sql<number>`count(*)`.as("n")])
      .where("owner_id", "=", ownerId)
      .groupBy(["unit", "level"])
      .execute(),
    sql<{ code: string; n: number }>`
      SELECT code, count(DISTINCT hazard.risk_point_id) AS n
      FROM hazard, unnest(hazard.accident_types) AS code
      WHERE hazard.owner_id = ${ownerId}
      GROUP BY code ORDER BY n DESC, code`.execute(db),
  ]);
  const units = [...new Set(byUnit.map((r) => r.unit))].sort();
  return {
    byColour: [...LEVELS, null].map((level) => ({
      level,
      colour: level ? colourOf(level) : null,
      count: Number(byLevel.find((r) => r.level === level)?.n ?? 0),
    })),
    byUnit: units.map((unit) => ({
      unit,
      counts: Object.fromEntries(
        LEVELS.map((level) => [level, Number(byUnit.find((r) => r.unit === unit && r.level === level)?.n ?? 0)]),
      ),
      notAssessed: Number(byUnit.find((r) => r.unit === unit && r.level === null)?.n ?? 0),
    })),
    byAccidentType: byAccident.rows.map((r) => {
      const type = accidentTypes.find((a) => a.code === r.code);
      return {
        code: r.code,
        nameZh: type?.nameZh ?? r.code,
        nameEn: type?.nameEn ?? r.code,
        riskPoints: Number(r.n),
      };
    }),
  };
}
