import { sql } from "kysely";
import { Type } from "typebox";
import { enterpriseInScope, territoryInScope } from "../../auth/scope";
import { notFound } from "../../errors";
import { type App, principalOf } from "../../types";

const TerritoryNode = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  level: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  path: Type.String(),
  enterpriseCount: Type.Number(),
});

const Bbox = Type.Object({
  minLng: Type.Number(),
  minLat: Type.Number(),
  maxLng: Type.Number(),
  maxLat: Type.Number(),
});

const TerritoryDetail = Type.Object({
  ...TerritoryNode.properties,
  boundary: Type.Union([Type.Unknown(), Type.Null()]),
  bbox: Type.Union([Bbox, Type.Null()]),
});

const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });

export async function territoryRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/territories",
    {
      config: { permission: "territory:read" },
      schema: {
        tags: ["territories"],
        summary: "The caller's territory subtree, flat, with enterprise counts",
        response: { 200: Type.Object({ items: Type.Array(TerritoryNode) }) },
      },
    },
    async (request) => {
      const scope = principalOf(request).scope;
      const nodes = await db
        .selectFrom("territory")
        .select(["id", "code", "name", "name_en", "level", "parent_id", "path"])
        .where((eb) => territoryInScope(eb, scope))
        .orderBy("path")
        .execute();
      // Counts per node including its subtree, from one grouped query over the enterprises' paths.
      const direct = await db
        .selectFrom("enterprise")
        .select(["territory_path", (eb) => eb.fn.countAll<number>().as("n")])
        .where((eb) => enterpriseInScope(eb, scope))
        .groupBy("territory_path")
        .execute();
      return {
        items: nodes.map((node) => ({
          id: node.id,
          code: node.code,
          name: node.name,
          nameEn: node.name_en,
          level: node.level,
          parentId: node.parent_id,
          path: node.path,
          enterpriseCount: direct
            .filter((d) => d.territory_path.startsWith(node.path))
            .reduce((s, d) => s + Number(d.n), 0),
        })),
      };
    },
  );

  app.get(
    "/territories/:id",
    {
      config: { permission: "territory:read" },
      schema: {
        tags: ["territories"],
        summary: "One territory node with its boundary",
        params: IdParams,
        response: { 200: TerritoryDetail },
      },
    },
    async (request) => {
      const scope = principalOf(request).scope;
      const node = await db
        .selectFrom("territory")
        .selectAll()
        .where("id", "=", request.params.id)
        .where((eb) => territoryInScope(eb, scope))
        .executeTakeFirst();
      if (!node) throw notFound({ "zh-CN": "该属地", en: "The territory" });
      const count = await db
        .selectFrom("enterprise")
        .select(sql<number>`count(*)`.as("n"))
        .where("territory_path", "like", `${node.path}%`)
        .where((eb) => enterpriseInScope(eb, scope))
        .executeTakeFirstOrThrow();
      return {
        id: node.id,
        code: node.code,
        name: node.name,
        nameEn: node.name_en,
        level: node.level,
        parentId: node.parent_id,
        path: node.path,
        enterpriseCount: Number(count.n),
        boundary: node.boundary ?? null,
        bbox:
          node.min_lng === null
            ? null
            : { minLng: node.min_lng, minLat: node.min_lat!, maxLng: node.max_lng!, maxLat: node.max_lat! },
      };
    },
  );
}
