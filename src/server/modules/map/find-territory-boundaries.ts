import type { Kysely } from "kysely";
import type { Scope } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { regionalLevelsOfChildren } from "../regions/regional-levels";

/**
 * The children of a territory node (the caller's top nodes without one) with their regional levels, each with its
 * boundary and bounding box when it has one drawn.
 */
export async function findTerritoryBoundaries(db: Kysely<DB>, scope: Scope, parentId: string | null) {
  const rows = await regionalLevelsOfChildren(db, scope, parentId);
  const boundaries = rows.length
    ? await db
        .selectFrom("territory")
        .select(["id", "boundary", "min_lng", "min_lat", "max_lng", "max_lat"])
        .where(
          "id",
          "in",
          rows.map((row) => row.territoryId),
        )
        .execute()
    : [];
  const byId = new Map(boundaries.map((node) => [node.id, node]));
  return rows.flatMap((row) => {
    const node = byId.get(row.territoryId);
    return node?.boundary ? [{ row, node: { ...node, boundary: node.boundary } }] : [];
  });
}

export type TerritoryBoundary = Awaited<ReturnType<typeof findTerritoryBoundaries>>[number];
