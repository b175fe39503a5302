import { type Kysely, sql } from "kysely";
import { ACTIVE_ALARM_STATUSES } from "../../../domain/monitoring/alarm-lifecycle";
import type { MajorHazardLevel } from "../../../domain/rating/rating-model";
import {
  DEFAULT_REGIONAL,
  type RegionalConfig,
  type RegionalLevel,
  regionalLevel,
  validateRegionalConfig,
} from "../../../domain/rating/regional-level";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import type { Scope } from "../../auth/principal";
import { enterpriseInScope, territoryInScope } from "../../auth/scope";
import type { DB, TerritoryTable } from "../../db/schema";
import { notFound } from "../../errors";

/** The `setting` row that, when present and valid, replaces the shipped regional configuration. */
export const REGIONAL_CONFIG_SETTING = "regional_level_config";

export type LevelCounts = Record<RiskLevel, number>;

export type RegionLevelRow = {
  territoryId: string;
  code: string;
  nameZh: string;
  nameEn: string;
  path: string;
  depth: number;
  kind: TerritoryTable["level"];
  enterprises: { total: number; byLevel: LevelCounts; unrated: number };
  publicRiskPoints: { total: number; byLevel: LevelCounts };
  majorHazardSources: { total: number; byLevel: LevelCounts };
  activeAlarms: { red: number; orange: number; yellow: number; blue: number };
  regional: RegionalLevel;
};

type Node = { id: string; code: string; name: string; name_en: string; path: string; level: TerritoryTable["level"] };
type Tally = { node: string; kind: "enterprise" | "public" | "major" | "alarm"; level: number | null; n: number };

const emptyCounts = (): LevelCounts => ({ 1: 0, 2: 0, 3: 0, 4: 0 });

/** The regional configuration in force: a valid stored one, else the shipped defaults. */
export async function regionalConfig(db: Kysely<DB>): Promise<RegionalConfig> {
  const stored = await db
    .selectFrom("setting")
    .select("value")
    .where("key", "=", REGIONAL_CONFIG_SETTING)
    .executeTakeFirst();
  const candidate = stored?.value as RegionalConfig | undefined;
  // A broken stored configuration must not blank the map: it is reported where it is edited, here the defaults hold.
  if (candidate && validateRegionalConfig(candidate).length === 0) return candidate;
  return DEFAULT_REGIONAL;
}

/** The path of a territory node in the caller's scope; one outside answers 404 exactly like one that does not exist. */
export async function territoryPathInScope(db: Kysely<DB>, scope: Scope, territoryId: string): Promise<string> {
  const node = await db
    .selectFrom("territory")
    .select("path")
    .where("id", "=", territoryId)
    .where((eb) => territoryInScope(eb, scope))
    .executeTakeFirst();
  if (!node) throw notFound({ "zh-CN": "该属地", en: "The territory" });
  return node.path;
}

/** The path of a node's parent ('/990100/990101/' → '/990100/'). */
function parentPathOf(path: string): string {
  return path.replace(/[^/]+\/$/, "");
}

/**
 * Counts everything under `prefix` grouped by the path segment right after it, so that each of the nodes (all
 * children of `prefix`) gets its whole subtree in one pass: one query with four grouped parts, no per-node loop.
 */
async function tallyUnder(db: Kysely<DB>, scope: Scope, prefix: string, within = prefix): Promise<Tally[]> {
  const segment = (column: string) =>
    sql<string>`split_part(substr(${sql.ref(column)}, ${prefix.length + 1}), '/', 1)`.as("node");
  // Counted below `within` (one node's subtree, or all the parent's children), named by the segment after `prefix`.
  const under = `${within}%`;
  const enterprises = db
    .selectFrom("enterprise")
    .leftJoin("enterprise_rating", "enterprise_rating.enterprise_id", "enterprise.id")
    .select([
      segment("enterprise.territory_path"),
      sql<Tally["kind"]>`'enterprise'`.as("kind"),
      sql<number | null>`enterprise_rating.level`.as("level"),
      sql<number>`count(*)`.as("n"),
    ])
    .where("enterprise.territory_path", "like", under)
    .where("enterprise.status", "<>", "closed")
    .where((eb) => enterpriseInScope(eb, scope))
    .groupBy([sql`1`, sql`3`]);
  const majorHazards = db
    .selectFrom("major_hazard_unit")
    .innerJoin("enterprise", "enterprise.id", "major_hazard_unit.enterprise_id")
    .select([
      segment("enterprise.territory_path"),
      sql<Tally["kind"]>`'major'`.as("kind"),
      sql<number | null>`major_hazard_unit.level`.as("level"),
      sql<number>`count(*)`.as("n"),
    ])
    .where("enterprise.territory_path", "like", under)
    .where("major_hazard_unit.is_major", "=", true)
    .where("major_hazard_unit.level", "is not", null)
    .where((eb) => enterpriseInScope(eb, scope))
    .groupBy([sql`1`, sql`3`]);
  const alarms = db
    .selectFrom("alarm")
    .innerJoin("enterprise", "enterprise.id", "alarm.enterprise_id")
    .select([
      segment("enterprise.territory_path"),
      sql<Tally["kind"]>`'alarm'`.as("kind"),
      sql<number | null>`alarm.severity`.as("level"),
      sql<number>`count(*)`.as("n"),
    ])
    .where("enterprise.territory_path", "like", under)
    .where("alarm.status", "in", [...ACTIVE_ALARM_STATUSES])
    .where((eb) => enterpriseInScope(eb, scope))
    .groupBy([sql`1`, sql`3`]);
  let query = enterprises.unionAll(majorHazards).unionAll(alarms);
  // Public-area risk points belong to territories, not to an industry: industry-limited scopes do not see them.
  if (scope.kind === "territory" && scope.industries.length === 0) {
    const publicPoints = db
      .selectFrom("risk_point")
      .select([
        segment("risk_point.territory_path"),
        sql<Tally["kind"]>`'public'`.as("kind"),
        sql<number | null>`risk_point.level`.as("level"),
        sql<number>`count(*)`.as("n"),
      ])
      .where("risk_point.owner_kind", "=", "territory")
      .where("risk_point.territory_path", "like", under)
      .where("risk_point.territory_path", "like", `${scope.path}%`)
      .where("risk_point.level", "is not", null)
      .groupBy([sql`1`, sql`3`]);
    query = query.unionAll(publicPoints);
  }
  const rows = await query.execute();
  return rows.map((row) => ({ ...row, n: Number(row.n) }) as Tally);
}

function rowsFor(nodes: Node[], tallies: Tally[], config: RegionalConfig): RegionLevelRow[] {
  return nodes.map((node) => {
    const enterprises = { total: 0, byLevel: emptyCounts(), unrated: 0 };
    const publicRiskPoints = { total: 0, byLevel: emptyCounts() };
    const majorHazardSources = { total: 0, byLevel: emptyCounts() };
    const activeAlarms = { red: 0, orange: 0, yellow: 0, blue: 0 };
    const alarmColour = { 1: "red", 2: "orange", 3: "yellow", 4: "blue" } as const;
    for (const tally of tallies) {
      if (tally.node !== node.code) continue;
      const level = tally.level as RiskLevel | null;
      if (tally.kind === "enterprise") {
        enterprises.total += tally.n;
        if (level === null) enterprises.unrated += tally.n;
        else enterprises.byLevel[level] += tally.n;
      } else if (tally.kind === "public" && level !== null) {
        publicRiskPoints.total += tally.n;
        publicRiskPoints.byLevel[level] += tally.n;
      } else if (tally.kind === "major" && level !== null) {
        majorHazardSources.total += tally.n;
        majorHazardSources.byLevel[level] += tally.n;
      } else if (tally.kind === "alarm" && level !== null) {
        activeAlarms[alarmColour[level]] += tally.n;
      }
    }
    const repeat = (counts: LevelCounts) =>
      ([1, 2, 3, 4] as const).flatMap((level) => Array.from({ length: counts[level] }, () => level));
    const regional = regionalLevel(
      {
        enterpriseLevels: repeat(enterprises.byLevel),
        publicRiskPointLevels: repeat(publicRiskPoints.byLevel),
        majorHazardLevels: repeat(majorHazardSources.byLevel) as MajorHazardLevel[],
        activeAlarms,
      },
      config,
    );
    return {
      territoryId: node.id,
      code: node.code,
      nameZh: node.name,
      nameEn: node.name_en,
      path: node.path,
      depth: node.path.split("/").length - 2,
      kind: node.level,
      enterprises,
      publicRiskPoints,
      majorHazardSources,
      activeAlarms,
      regional,
    };
  });
}

const NODE_COLUMNS = ["id", "code", "name", "name_en", "path", "level"] as const;

/**
 * The regional risk level of each child of a territory node, or of the top nodes the scope can see when
 * `parentTerritoryId` is null (the scope's own node; every city for the whole installation). Each row aggregates
 * the node's whole subtree in the caller's scope: enterprises by rating level (enterprise_rating), public-area risk
 * points by level, GB 18218 major hazard sources by level and active alarms by colour, and carries the domain's
 * `regionalLevel()` under the stored or default configuration. Enterprise-scoped callers, and a parent outside the
 * scope, get []. One grouped query over the materialised path for all the rows.
 */
export async function regionalLevelsOfChildren(
  db: Kysely<DB>,
  scope: Scope,
  parentTerritoryId: string | null,
): Promise<RegionLevelRow[]> {
  if (scope.kind !== "territory") return [];
  let nodes: Node[];
  if (parentTerritoryId === null) {
    const top = db.selectFrom("territory").select(NODE_COLUMNS);
    nodes =
      scope.path === "/"
        ? await top.where("parent_id", "is", null).orderBy("code").execute()
        : await top.where("path", "=", scope.path).execute();
  } else {
    const parent = await db
      .selectFrom("territory")
      .select("path")
      .where("id", "=", parentTerritoryId)
      .where((eb) => territoryInScope(eb, scope))
      .executeTakeFirst();
    if (!parent) return [];
    nodes = await db
      .selectFrom("territory")
      .select(NODE_COLUMNS)
      .where("parent_id", "=", parentTerritoryId)
      .orderBy("code")
      .execute();
  }
  return levelsOf(db, scope, nodes);
}

/** The regional level of one node in the caller's scope (its whole subtree), or null when it is not in scope. */
export async function regionalLevelOf(
  db: Kysely<DB>,
  scope: Scope,
  territoryId: string,
): Promise<RegionLevelRow | null> {
  const node = await db
    .selectFrom("territory")
    .select(NODE_COLUMNS)
    .where("id", "=", territoryId)
    .where((eb) => territoryInScope(eb, scope))
    .executeTakeFirst();
  if (!node) return null;
  const [row] = await levelsOf(db, scope, [node]);
  return row ?? null;
}

async function levelsOf(db: Kysely<DB>, scope: Scope, nodes: Node[]): Promise<RegionLevelRow[]> {
  if (nodes.length === 0) return [];
  // Siblings share their parent's path; the path segment after it names the node.
  const prefix = parentPathOf(nodes[0].path);
  // One node counts only its own subtree; siblings are counted together under their parent.
  const within = nodes.length === 1 ? nodes[0].path : prefix;
  const [tallies, config] = await Promise.all([tallyUnder(db, scope, prefix, within), regionalConfig(db)]);
  return rowsFor(nodes, tallies, config);
}
