import { type Kysely, sql } from "kysely";
import type { Scope } from "../../auth/principal";
import type { DB } from "../../db/schema";
import type { Bbox } from "./viewport";

/** The grids kept in map_cluster_cell; above the finest one the viewport is small enough to cluster live. */
export const FINEST_CELL_GRID = 16;
export const COARSEST_CELL_GRID = 4;

export type CellLayer = "enterprises" | "riskPoints";

export type ClusterRow = {
  cx: number;
  cy: number;
  n: number;
  lng: number;
  lat: number;
  worst: number | null;
  l1: number;
  l2: number;
  l3: number;
  l4: number;
  flagged: number;
};

/**
 * Recounts the cells from the enterprises (with their rating) and the risk points: one grouped pass over each
 * table at the finest grid, then each coarser grid from the one below (a cell is four cells of the next grid),
 * all in one transaction so readers see the old cells or the new, never none.
 */
export async function rebuildClusterCells(db: Kysely<DB>): Promise<{ cells: number }> {
  const scale = 2 ** FINEST_CELL_GRID / 90;
  const byLevel = (column: string) =>
    sql.raw([1, 2, 3, 4].map((level) => `count(*) FILTER (WHERE ${column} = ${level})`).join(", "));
  return db.transaction().execute(async (trx) => {
    await sql`DELETE FROM map_cluster_cell`.execute(trx);
    await sql`
      INSERT INTO map_cluster_cell (layer, grid, cx, cy, territory_path, n, l1, l2, l3, l4, sum_lng, sum_lat, flagged)
      SELECT 'enterprises', ${FINEST_CELL_GRID}, floor(e.lng * ${scale})::int, floor(e.lat * ${scale})::int,
        e.territory_path, count(*), ${byLevel("r.level")}, sum(e.lng), sum(e.lat), 0
      FROM enterprise e LEFT JOIN enterprise_rating r ON r.enterprise_id = e.id
      WHERE e.lng IS NOT NULL AND e.lat IS NOT NULL AND e.status <> 'closed'
      GROUP BY 3, 4, 5`.execute(trx);
    await sql`
      INSERT INTO map_cluster_cell (layer, grid, cx, cy, territory_path, n, l1, l2, l3, l4, sum_lng, sum_lat, flagged)
      SELECT 'riskPoints', ${FINEST_CELL_GRID}, floor(lng * ${scale})::int, floor(lat * ${scale})::int,
        territory_path, count(*), ${byLevel("level")}, sum(lng), sum(lat),
        count(*) FILTER (WHERE owner_kind = 'territory')
      FROM risk_point WHERE lng IS NOT NULL AND lat IS NOT NULL
      GROUP BY 3, 4, 5`.execute(trx);
    for (let grid = FINEST_CELL_GRID - 1; grid >= COARSEST_CELL_GRID; grid--) {
      await sql`
        INSERT INTO map_cluster_cell (layer, grid, cx, cy, territory_path, n, l1, l2, l3, l4, sum_lng, sum_lat, flagged)
        SELECT layer, ${grid}, floor(cx / 2.0)::int, floor(cy / 2.0)::int, territory_path,
          sum(n), sum(l1), sum(l2), sum(l3), sum(l4), sum(sum_lng), sum(sum_lat), sum(flagged)
        FROM map_cluster_cell WHERE grid = ${grid + 1}
        GROUP BY 1, 3, 4, 5`.execute(trx);
    }
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM map_cluster_cell`.execute(trx);
    return { cells: Number(rows[0].n) };
  });
}

/** Whether a layer in this scope can be answered from the cells: they know territory and level, not industry. */
export function cellsServe(layer: string, scope: Scope, industry: string | null): layer is CellLayer {
  return (
    (layer === "enterprises" || layer === "riskPoints") &&
    scope.kind === "territory" &&
    scope.industries.length === 0 &&
    industry === null
  );
}

/** The clusters of one layer in a bbox at a grid, from the pre-counted cells, most populous first. */
export async function clustersFromCells(
  db: Kysely<DB>,
  options: {
    layer: CellLayer;
    grid: number;
    bbox: Bbox;
    scopePath: string;
    territoryPath: string | null;
    level: number | null;
    limit: number;
  },
): Promise<ClusterRow[]> {
  const { layer, grid, bbox } = options;
  const scale = 2 ** grid / 90;
  // With a level filter a cell counts only that level; its position stays the centroid of all its records.
  const counted = options.level ? sql<number>`sum(${sql.ref(`l${options.level}`)})` : sql<number>`sum(n)`;
  const levelSum = (level: 1 | 2 | 3 | 4) =>
    options.level && options.level !== level ? sql<number>`0` : sql<number>`sum(${sql.ref(`l${level}`)})`;
  let query = db
    .selectFrom("map_cluster_cell")
    .select([
      "cx",
      "cy",
      counted.as("n"),
      sql<number>`sum(sum_lng) / sum(n)`.as("lng"),
      sql<number>`sum(sum_lat) / sum(n)`.as("lat"),
      levelSum(1).as("l1"),
      levelSum(2).as("l2"),
      levelSum(3).as("l3"),
      levelSum(4).as("l4"),
      sql<number>`sum(flagged)`.as("flagged"),
    ])
    .where("layer", "=", layer)
    .where("grid", "=", grid)
    .where("cx", ">=", Math.floor(bbox.minLng * scale))
    .where("cx", "<=", Math.floor(bbox.maxLng * scale))
    .where("cy", ">=", Math.floor(bbox.minLat * scale))
    .where("cy", "<=", Math.floor(bbox.maxLat * scale));
  if (options.scopePath !== "/") query = query.where("territory_path", "like", `${options.scopePath}%`);
  if (options.territoryPath) query = query.where("territory_path", "like", `${options.territoryPath}%`);
  if (options.level) query = query.having(counted, ">", 0);
  const rows = await query.groupBy(["cx", "cy"]).orderBy(counted, "desc").limit(options.limit).execute();
  return rows.map((row) => {
    const counts = [row.l1, row.l2, row.l3, row.l4].map(Number);
    const worst = counts.findIndex((count) => count > 0);
    return { ...row, worst: worst < 0 ? null : worst + 1 };
  });
}
