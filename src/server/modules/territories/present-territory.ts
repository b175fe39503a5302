import type { Selectable } from "kysely";
import type { Static } from "typebox";
import type { TerritoryTable } from "../../db/schema";
import type { TerritoryDetail, TerritoryNode } from "./schema";

/** A territory node with the number of in-scope enterprises placed in it or below. */
export type CountedNode = Pick<
  Selectable<TerritoryTable>,
  "id" | "code" | "name" | "name_en" | "level" | "parent_id" | "path"
> & { enterprise_count: number };

/** A whole territory row, boundary included, with its enterprise count. */
export type TerritoryRecord = Selectable<TerritoryTable> & { enterprise_count: number };

export function presentTerritoryNode(node: CountedNode): Static<typeof TerritoryNode> {
  return {
    id: node.id,
    code: node.code,
    name: node.name,
    nameEn: node.name_en,
    level: node.level,
    parentId: node.parent_id,
    path: node.path,
    enterpriseCount: node.enterprise_count,
  };
}

/** A node with its boundary and the box around it (null until a boundary is loaded). */
export function presentTerritoryDetail(node: TerritoryRecord): Static<typeof TerritoryDetail> {
  return {
    ...presentTerritoryNode(node),
    boundary: node.boundary ?? null,
    bbox:
      node.min_lng === null
        ? null
        : { minLng: node.min_lng, minLat: node.min_lat!, maxLng: node.max_lng!, maxLat: node.max_lat! },
  };
}
