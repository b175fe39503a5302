import { Type } from "typebox";
import { territoryInScope } from "../../auth/scope";
import { notFound } from "../../errors";
import { type App, principalOf } from "../../types";
import { regionalLevelsOfChildren } from "./regional-levels";

const LevelCounts = Type.Object({ 1: Type.Number(), 2: Type.Number(), 3: Type.Number(), 4: Type.Number() });

const RegionLevel = Type.Object({
  territoryId: Type.String(),
  code: Type.String(),
  name: Type.String(),
  path: Type.String(),
  depth: Type.Number(),
  kind: Type.String(),
  enterprises: Type.Object({ total: Type.Number(), byLevel: LevelCounts, unrated: Type.Number() }),
  publicRiskPoints: Type.Object({ total: Type.Number(), byLevel: LevelCounts }),
  majorHazardSources: Type.Object({ total: Type.Number(), byLevel: LevelCounts }),
  activeAlarms: Type.Object({ red: Type.Number(), orange: Type.Number(), yellow: Type.Number(), blue: Type.Number() }),
  level: Type.Number(),
  colour: Type.String(),
  score: Type.Number(),
  explanation: Type.String(),
  configVersion: Type.String(),
});

export async function regionRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/regions/levels",
    {
      config: { permission: "territory:read" },
      schema: {
        tags: ["regions"],
        summary: "Regional risk level of each child of a territory node (the caller's top nodes without parentId)",
        querystring: Type.Object(
          { parentId: Type.Optional(Type.String({ format: "uuid" })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(RegionLevel) }) },
      },
    },
    async (request) => {
      const scope = principalOf(request).scope;
      const parentId = request.query.parentId ?? null;
      if (parentId !== null) {
        const parent = await db
          .selectFrom("territory")
          .select("id")
          .where("id", "=", parentId)
          .where((eb) => territoryInScope(eb, scope))
          .executeTakeFirst();
        if (!parent) throw notFound({ "zh-CN": "该属地", en: "The territory" });
      }
      const rows = await regionalLevelsOfChildren(db, scope, parentId);
      const en = request.locale === "en";
      return {
        items: rows.map(({ nameZh, nameEn, regional, ...row }) => ({
          ...row,
          name: en && nameEn ? nameEn : nameZh,
          level: regional.level,
          colour: regional.colour,
          score: regional.score,
          explanation: en ? regional.explanationEn : regional.explanationZh,
          configVersion: regional.configVersion,
        })),
      };
    },
  );
}
