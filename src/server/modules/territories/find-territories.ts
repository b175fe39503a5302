import { type Kysely, sql } from "kysely";
import { text } from "../../../domain/text";
import type { Scope } from "../../auth/principal";
import { enterpriseInScope, territoryInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { notFound } from "../../errors";
import type { CountedNode, TerritoryRecord } from "./present-territory";

/** The scope's territory subtree, flat in path order, each node with its enterprise count. */
export async function findTerritories(db: Kysely<DB>, scope: Scope): Promise<CountedNode[]> {
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
  return nodes.map((node) => ({
    ...node,
    enterprise_count: direct
      .filter((d) => d.territory_path.startsWith(node.path))
      .reduce((sum, d) => sum + Number(d.n), 0),
  }));
}

/** One node of the scope's subtree with its boundary; one outside is not found. */
export async function getTerritory(db: Kysely<DB>, scope: Scope, id: string): Promise<TerritoryRecord> {
  const node = await db
    .selectFrom("territory")
    .selectAll()
    .where("id", "=", id)
    .where((eb) => territoryInScope(eb, scope))
    .executeTakeFirst();
  if (!node) throw notFound(text("该属地", "The territory"));
  const count = await db
    .selectFrom("enterprise")
    .select(sql<number>`count(*)`.as("n"))
    .where("territory_path", "like", `${node.path}%`)
    .where((eb) => enterpriseInScope(eb, scope))
    .executeTakeFirstOrThrow();
  return { ...node, enterprise_count: Number(count.n) };
}
