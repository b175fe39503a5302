import type { Locale } from "../../../domain/text";
import type { TerritoryBoundary } from "./find-territory-boundaries";

/** A territory node as a GeoJSON feature for the choropleth: its boundary, regional level and explanation. */
export function presentTerritoryBoundary({ row, node }: TerritoryBoundary, locale: Locale) {
  const en = locale === "en";
  return {
    type: "Feature" as const,
    id: row.territoryId,
    geometry: node.boundary,
    properties: {
      id: row.territoryId,
      code: row.code,
      name: en && row.nameEn ? row.nameEn : row.nameZh,
      kind: row.kind,
      level: row.regional.level,
      colour: row.regional.colour,
      score: row.regional.score,
      explanation: en ? row.regional.explanationEn : row.regional.explanationZh,
      enterprises: row.enterprises.total,
      bbox: [node.min_lng, node.min_lat, node.max_lng, node.max_lat] as [
        number | null,
        number | null,
        number | null,
        number | null,
      ],
    },
  };
}
