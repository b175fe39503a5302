import type { Kysely } from "kysely";
import { bboxOf, type Polygon } from "../../domain/geo";
import type { DB } from "../db/schema";

export interface TerritoryNode {
  code: string;
  name: string;
  nameEn: string;
  level: DB["territory"]["level"];
  boundary: Polygon;
}

/**
 * Adds one node of the territory tree under `parent` (or as a root), with its materialised path and the
 * bounding box the map filters by. The demo city and the test factories both build their trees with it.
 */
export async function insertTerritory(
  db: Kysely<DB>,
  node: TerritoryNode,
  parent: { id: string; path: string } | null,
): Promise<{ id: string; path: string }> {
  const path = `${parent?.path ?? "/"}${node.code}/`;
  const box = bboxOf(node.boundary);
  const created = await db
    .insertInto("territory")
    .values({
      code: node.code,
      name: node.name,
      name_en: node.nameEn,
      level: node.level,
      parent_id: parent?.id ?? null,
      path,
      boundary: JSON.stringify(node.boundary),
      min_lng: box.minLng,
      min_lat: box.minLat,
      max_lng: box.maxLng,
      max_lat: box.maxLat,
      updated_at: new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: created.id, path };
}
