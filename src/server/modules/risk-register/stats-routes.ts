import { sql } from "kysely";
import { Type } from "typebox";
import { accidentTypes } from "../../../domain/reference/accident-types";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import { colourOf } from "../../../domain/risk/assess-risk";
import { type App, principalOf } from "../../types";
import { resolveOwner } from "./register-owner";

export async function riskStatsRoutes(app: App) {
  const db = app.database.read;

  app.get(
    "/risk-stats",
    {
      config: { permission: "risk:read" },
      schema: {
        tags: ["risk register"],
        summary: "Risk points of one register by colour, by unit and by accident type (for the charts)",
        querystring: Type.Object({ ownerId: Type.String({ format: "uuid" }) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const owner = await resolveOwner(db, principalOf(request), request.query.ownerId, "read");
      const [byLevel, byUnit, byAccident] = await Promise.all([
        db
          .selectFrom("risk_point")
          .select(["level", sql<number>`count(*)`.as("n")])
          .where("owner_id", "=", owner.id)
          .groupBy("level")
          .execute(),
        db
          .selectFrom("risk_point")
          .select(["unit", "level", sql<number>`count(*)`.as("n")])
          .where("owner_id", "=", owner.id)
          .groupBy(["unit", "level"])
          .execute(),
        sql<{ code: string; n: number }>`
          SELECT code, count(DISTINCT hazard.risk_point_id) AS n
          FROM hazard, unnest(hazard.accident_types) AS code
          WHERE hazard.owner_id = ${owner.id}
          GROUP BY code ORDER BY n DESC, code`.execute(db),
      ]);
      const units = [...new Set(byUnit.map((r) => r.unit))].sort();
      return {
        byColour: [1, 2, 3, 4, null].map((level) => ({
          level,
          colour: level ? colourOf(level as RiskLevel) : null,
          count: Number(byLevel.find((r) => r.level === level)?.n ?? 0),
        })),
        byUnit: units.map((unit) => ({
          unit,
          counts: Object.fromEntries(
            [1, 2, 3, 4].map((level) => [
              level,
              Number(byUnit.find((r) => r.unit === unit && r.level === level)?.n ?? 0),
            ]),
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
    },
  );
}
