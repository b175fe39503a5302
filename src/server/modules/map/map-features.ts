import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql } from "kysely";
import type { Static } from "typebox";
import type { MapLayer } from "../../../domain/geo/map-layers";
import { FINISHED_HIDDEN_DANGER_STATUSES } from "../../../domain/hidden-danger/vocabulary";
import { ACTIVE_ALARM_STATUSES } from "../../../domain/monitoring/alarm-lifecycle";
import { riskLevelOf } from "../../../domain/reference/risk-levels";
import type { Scope } from "../../auth/principal";
import { enterpriseInScope, type Joins } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { type ClusterRow, cellsServe, clustersFromCells, FINEST_CELL_GRID } from "./cluster-cells";
import type { LayerCollection as LayerCollectionSchema, MapFeature as MapFeatureSchema } from "./schema";
import { type Bbox, CLUSTER_LIMIT, cellDegrees, gridFor, INDIVIDUAL_LIMIT, NO_CLUSTER_ZOOM } from "./viewport";

export type MapFilters = {
  /** GB/T 4754 section letter or division code. */
  industry: string | null;
  /** Each layer's own level: enterprise rating, risk-point level, major-hazard level, alarm severity; hidden dangers by their enterprise's rating. */
  level: number | null;
  /** Materialised path of the chosen territory node, already checked against the scope. */
  territoryPath: string | null;
};

export type ViewportRequest = { bbox: Bbox; zoom: number; filters: MapFilters; locale: "zh-CN" | "en" };

/** One row of a layer before it becomes GeoJSON: the columns every layer shares. */
type BaseRow = {
  id: string;
  lng: number;
  lat: number;
  level: number | null;
  /** A mark worth its own colour: a major hidden danger, an unacknowledged alarm. */
  flag: boolean;
  name: string;
  detail: string;
  score: number | null;
};

export type MapFeature = Static<typeof MapFeatureSchema>;
/** `capped` when more was in view than the answer carries (INDIVIDUAL_LIMIT at street zoom, CLUSTER_LIMIT cells). */
export type LayerCollection = Static<typeof LayerCollectionSchema>;

// biome-ignore lint/suspicious/noExplicitAny: each layer joins its own tables; they meet at BaseRow.
type LayerQuery = SelectQueryBuilder<any, any, BaseRow>;

const round = (value: number) => Math.round(value * 1e5) / 1e5; // 1e-5° ≈ 1 m: enough on any screen, fewer bytes

function inBbox(lng: ReturnType<typeof sql>, lat: ReturnType<typeof sql>, bbox: Bbox) {
  return sql<boolean>`${lng} BETWEEN ${bbox.minLng} AND ${bbox.maxLng} AND ${lat} BETWEEN ${bbox.minLat} AND ${bbox.maxLat}`;
}

function industryMatches(eb: ExpressionBuilder<DB, "enterprise">, industry: string) {
  return eb.or([eb("enterprise.industry_code", "=", industry), eb("enterprise.industry_section", "=", industry)]);
}

/** Enterprise-owned rows: the owning enterprise in scope, of the industry, under the territory. */
function enterpriseConditions(scope: Scope, filters: MapFilters) {
  return <TB extends keyof DB>(builder: ExpressionBuilder<DB, TB>, ..._joined: Joins<TB, "enterprise">) => {
    // Safe: the rest parameter proves "enterprise" is one of the query's tables, as in enterpriseInScope.
    const eb = builder as unknown as ExpressionBuilder<DB, "enterprise">;
    const all = [enterpriseInScope(eb, scope), eb("enterprise.status", "<>", "closed")];
    if (filters.industry) all.push(industryMatches(eb, filters.industry));
    if (filters.territoryPath) all.push(eb("enterprise.territory_path", "like", `${filters.territoryPath}%`));
    return eb.and(all);
  };
}

export function layerQuery(db: Kysely<DB>, layer: MapLayer, scope: Scope, request: ViewportRequest): LayerQuery {
  const { bbox, filters } = request;
  const en = request.locale === "en";
  const ofEnterprise = enterpriseConditions(scope, filters);
  switch (layer) {
    case "enterprises": {
      let query = db
        .selectFrom("enterprise")
        .leftJoin("enterprise_rating", "enterprise_rating.enterprise_id", "enterprise.id")
        .select([
          "enterprise.id as id",
          sql<number>`enterprise.lng`.as("lng"),
          sql<number>`enterprise.lat`.as("lat"),
          "enterprise_rating.level as level",
          sql<boolean>`false`.as("flag"),
          "enterprise.name as name",
          "enterprise.industry_code as detail",
          "enterprise_rating.score as score",
        ])
        .where(inBbox(sql`enterprise.lng`, sql`enterprise.lat`, bbox))
        .where((eb) => ofEnterprise(eb));
      if (filters.level) query = query.where("enterprise_rating.level", "=", filters.level);
      return query as LayerQuery;
    }
    case "riskPoints": {
      let query = db
        .selectFrom("risk_point")
        .select([
          "risk_point.id as id",
          sql<number>`risk_point.lng`.as("lng"),
          sql<number>`risk_point.lat`.as("lat"),
          "risk_point.level as level",
          sql<boolean>`risk_point.owner_kind = 'territory'`.as("flag"),
          "risk_point.name as name",
          "risk_point.unit as detail",
          sql<null>`null::double precision`.as("score"),
        ])
        .where(inBbox(sql`risk_point.lng`, sql`risk_point.lat`, bbox));
      if (filters.level) query = query.where("risk_point.level", "=", filters.level);
      if (filters.territoryPath) query = query.where("risk_point.territory_path", "like", `${filters.territoryPath}%`);
      const pathOnly = scope.kind === "territory" && scope.industries.length === 0 && !filters.industry;
      if (pathOnly) {
        // The whole installation needs no path test, as in scope.ts.
        if (scope.path !== "/") query = query.where("risk_point.territory_path", "like", `${scope.path}%`);
      } else {
        // An industry (of the scope or the filter) belongs to enterprises: public-area points drop out.
        query = query.where("risk_point.owner_kind", "=", "enterprise").where((eb) =>
          eb.exists(
            eb
              .selectFrom("enterprise")
              .select("enterprise.id")
              .whereRef("enterprise.id", "=", "risk_point.owner_id")
              .where((inner) => ofEnterprise(inner)),
          ),
        );
      }
      return query as LayerQuery;
    }
    case "majorHazards": {
      let query = db
        .selectFrom("major_hazard_unit")
        .innerJoin("enterprise", "enterprise.id", "major_hazard_unit.enterprise_id")
        .select([
          "major_hazard_unit.id as id",
          sql<number>`coalesce(major_hazard_unit.lng, enterprise.lng)`.as("lng"),
          sql<number>`coalesce(major_hazard_unit.lat, enterprise.lat)`.as("lat"),
          "major_hazard_unit.level as level",
          sql<boolean>`false`.as("flag"),
          "major_hazard_unit.name as name",
          "enterprise.name as detail",
          sql<number>`major_hazard_unit.r`.as("score"),
        ])
        .where("major_hazard_unit.is_major", "=", true)
        .where(
          inBbox(
            sql`coalesce(major_hazard_unit.lng, enterprise.lng)`,
            sql`coalesce(major_hazard_unit.lat, enterprise.lat)`,
            bbox,
          ),
        )
        .where((eb) => ofEnterprise(eb));
      if (filters.level) query = query.where("major_hazard_unit.level", "=", filters.level);
      return query as LayerQuery;
    }
    case "alarms": {
      let query = db
        .selectFrom("alarm")
        .innerJoin("enterprise", "enterprise.id", "alarm.enterprise_id")
        .leftJoin("device", (join) =>
          join.onRef("device.enterprise_id", "=", "alarm.enterprise_id").onRef("device.id", "=", "alarm.device_id"),
        )
        .select([
          "alarm.id as id",
          sql<number>`coalesce(device.lng, enterprise.lng)`.as("lng"),
          sql<number>`coalesce(device.lat, enterprise.lat)`.as("lat"),
          "alarm.severity as level",
          sql<boolean>`alarm.status = 'active_unacknowledged'`.as("flag"),
          sql<string>`${sql.ref(en ? "alarm.message_en" : "alarm.message_zh")}`.as("name"),
          "enterprise.name as detail",
          sql<null>`null::double precision`.as("score"),
        ])
        .where("alarm.status", "in", [...ACTIVE_ALARM_STATUSES])
        .where(inBbox(sql`coalesce(device.lng, enterprise.lng)`, sql`coalesce(device.lat, enterprise.lat)`, bbox))
        .where((eb) => ofEnterprise(eb));
      if (filters.level) query = query.where("alarm.severity", "=", filters.level);
      return query as LayerQuery;
    }
    case "hiddenDangers": {
      let query = db
        .selectFrom("hidden_danger")
        .innerJoin("enterprise", "enterprise.id", "hidden_danger.enterprise_id")
        .leftJoin("risk_point", (join) =>
          join
            .onRef("risk_point.owner_id", "=", "hidden_danger.enterprise_id")
            .onRef("risk_point.id", "=", "hidden_danger.risk_point_id"),
        )
        .leftJoin("enterprise_rating", "enterprise_rating.enterprise_id", "enterprise.id")
        .select([
          "hidden_danger.id as id",
          sql<number>`coalesce(risk_point.lng, enterprise.lng)`.as("lng"),
          sql<number>`coalesce(risk_point.lat, enterprise.lat)`.as("lat"),
          "enterprise_rating.level as level",
          sql<boolean>`hidden_danger.level = 'major'`.as("flag"),
          "hidden_danger.description as name",
          "enterprise.name as detail",
          sql<null>`null::double precision`.as("score"),
        ])
        .where("hidden_danger.status", "not in", [...FINISHED_HIDDEN_DANGER_STATUSES])
        .where(
          inBbox(sql`coalesce(risk_point.lng, enterprise.lng)`, sql`coalesce(risk_point.lat, enterprise.lat)`, bbox),
        )
        .where((eb) => ofEnterprise(eb));
      if (filters.level) query = query.where("enterprise_rating.level", "=", filters.level);
      return query as LayerQuery;
    }
  }
}

function colourOf(level: number | null): string | null {
  return level === null ? null : riskLevelOf(level as 1 | 2 | 3 | 4).colour;
}

function individualFeature(layer: MapLayer, row: BaseRow): MapFeature {
  return {
    type: "Feature",
    id: row.id,
    geometry: { type: "Point", coordinates: [round(row.lng), round(row.lat)] },
    properties: {
      id: row.id,
      layer,
      name: row.name,
      detail: row.detail,
      level: row.level,
      colour: colourOf(row.level),
      flag: row.flag,
      ...(row.score === null ? {} : { score: Math.round(row.score * 10) / 10 }),
    },
  };
}

/** Live clustering: the layer's rows in view grouped by grid cell in SQL. */
async function liveClusters(db: Kysely<DB>, base: LayerQuery, grid: number) {
  const cell = cellDegrees(grid);
  return db
    .selectFrom(base.as("f"))
    .select([
      sql<number>`floor(f.lng / ${cell})`.as("cx"),
      sql<number>`floor(f.lat / ${cell})`.as("cy"),
      sql<number>`count(*)`.as("n"),
      sql<number>`avg(f.lng)`.as("lng"),
      sql<number>`avg(f.lat)`.as("lat"),
      sql<number | null>`min(f.level)`.as("worst"),
      sql<number>`count(*) FILTER (WHERE f.level = 1)`.as("l1"),
      sql<number>`count(*) FILTER (WHERE f.level = 2)`.as("l2"),
      sql<number>`count(*) FILTER (WHERE f.level = 3)`.as("l3"),
      sql<number>`count(*) FILTER (WHERE f.level = 4)`.as("l4"),
      sql<number>`count(*) FILTER (WHERE f.flag)`.as("flagged"),
    ])
    .groupBy([sql`1`, sql`2`])
    .orderBy(sql`3`, "desc")
    .limit(CLUSTER_LIMIT + 1)
    .execute() as Promise<ClusterRow[]>;
}

function clusterFeature(layer: MapLayer, row: ClusterRow): MapFeature {
  const n = Number(row.n);
  const worst = row.worst === null ? null : Number(row.worst);
  return {
    type: "Feature",
    id: `${layer}:${row.cx}:${row.cy}`,
    geometry: { type: "Point", coordinates: [round(Number(row.lng)), round(Number(row.lat))] },
    properties: {
      cluster: true,
      layer,
      count: n,
      level: worst,
      colour: colourOf(worst),
      byLevel: [Number(row.l1), Number(row.l2), Number(row.l3), Number(row.l4)],
      flagged: Number(row.flagged),
    },
  };
}

function individualCollection(layer: MapLayer, found: BaseRow[]): LayerCollection {
  const capped = found.length > INDIVIDUAL_LIMIT;
  const rows = found
    .slice(0, INDIVIDUAL_LIMIT)
    .sort((a, b) => (a.level ?? 9) - (b.level ?? 9) || a.name.localeCompare(b.name, "zh-CN"));
  return {
    type: "FeatureCollection",
    features: rows.map((row) => individualFeature(layer, row)),
    clustered: false,
    capped,
    total: rows.length,
  };
}

function clusterCollection(layer: MapLayer, cells: ClusterRow[]): LayerCollection {
  const capped = cells.length > CLUSTER_LIMIT;
  const kept = cells.slice(0, CLUSTER_LIMIT);
  return {
    type: "FeatureCollection",
    features: kept.map((row) => clusterFeature(layer, row)),
    clustered: true,
    capped,
    total: kept.reduce((sum, row) => sum + Number(row.n), 0),
  };
}

/**
 * One layer of the viewport: its individual records when at most INDIVIDUAL_LIMIT are in view (or from
 * NO_CLUSTER_ZOOM on, capped), else grid clusters. The two big layers read pre-counted cells up to
 * FINEST_CELL_GRID (cluster-cells.ts); the others, finer grids and industry filters cluster live in SQL.
 */
export async function layerInViewport(
  db: Kysely<DB>,
  layer: MapLayer,
  scope: Scope,
  request: ViewportRequest,
): Promise<LayerCollection> {
  const base = layerQuery(db, layer, scope, request);
  const grid = gridFor(request.zoom, request.bbox);
  if (
    request.zoom < NO_CLUSTER_ZOOM &&
    grid <= FINEST_CELL_GRID &&
    cellsServe(layer, scope, request.filters.industry)
  ) {
    const cells = await clustersFromCells(db, {
      layer,
      grid,
      bbox: request.bbox,
      scopePath: scope.kind === "territory" ? scope.path : "/",
      territoryPath: request.filters.territoryPath,
      level: request.filters.level,
      limit: CLUSTER_LIMIT + 1,
    });
    const counted = cells.reduce((sum, cell) => sum + Number(cell.n), 0);
    if (counted > INDIVIDUAL_LIMIT) return clusterCollection(layer, cells);
    // Few in view by the cells: the records themselves, live (the cells may lag the records by minutes).
  }
  // No ORDER BY: sorting a city's million points only to learn there are too many would cost a full scan.
  const individual = await base.limit(INDIVIDUAL_LIMIT + 1).execute();
  if (individual.length <= INDIVIDUAL_LIMIT || request.zoom >= NO_CLUSTER_ZOOM) {
    return individualCollection(layer, individual);
  }
  return clusterCollection(layer, await liveClusters(db, base, grid));
}

/** Every asked-for layer of the viewport, and whether any of them was capped. */
export async function featuresInViewport(
  db: Kysely<DB>,
  layers: MapLayer[],
  scope: Scope,
  request: ViewportRequest,
): Promise<{ capped: boolean; layers: Partial<Record<MapLayer, LayerCollection>> }> {
  const collections: Partial<Record<MapLayer, LayerCollection>> = {};
  let capped = false;
  for (const layer of layers) {
    const collection = await layerInViewport(db, layer, scope, request);
    collections[layer] = collection;
    capped ||= collection.capped;
  }
  return { capped, layers: collections };
}
