import { type Kysely, sql } from "kysely";
import { periodBounds } from "../../../domain/hidden-danger/statistics";
import type { Principal, Scope } from "../../auth/principal";
import { requireTerritoryScope, territoryInScope } from "../../auth/scope";
import type { DB, TerritoryTable } from "../../db/schema";
import { type Locale, notFound } from "../../errors";
import { campaignSummary } from "../campaigns/summary";
import { regionalLevelOf, regionalLevelsOfChildren } from "../regions/regional-levels";
import { alarmFigures } from "./alarm-figures";
import { currentYear } from "./cockpit-calendar";
import { enterprisesAt, highestScores } from "./enterprise-figures";
import { hiddenDangersByChild, hiddenDangerTotals, openOf } from "./hidden-danger-figures";
import { levelTrend } from "./level-trend";
import { planCompletion } from "./plan-figures";
import type { CockpitFigures, CockpitQuery, Granularity, LevelCounts } from "./schema";

export type CockpitOptions = { period: { label: string; from: Date; to: Date }; granularity: Granularity; now: Date };

const emptyLevels = (): LevelCounts => ({ 1: 0, 2: 0, 3: 0, 4: 0 });

/** The caller's top node: its own territory, or the first city for a whole-installation scope. */
export async function topNodeOf(db: Kysely<DB>, scope: Extract<Scope, { kind: "territory" }>) {
  let query = db.selectFrom("territory").select("id");
  query =
    scope.path === "/" ? query.where("parent_id", "is", null).orderBy("code") : query.where("path", "=", scope.path);
  return query.executeTakeFirst();
}

/** A node the scope may see, or undefined. */
export async function visibleNode(db: Kysely<DB>, scope: Scope, territoryId: string) {
  return db
    .selectFrom("territory")
    .select(["id", "name", "name_en", "level", "path", "code"])
    .where("id", "=", territoryId)
    .where((eb) => territoryInScope(eb, scope))
    .executeTakeFirst();
}

/**
 * The cockpit of the node a caller asks for (its top node when it names none), for the period it asks for (the current
 * year by default): 404 for a node outside its scope. Enterprise-scoped callers have no territory to look at (their
 * roles also lack cockpit:read).
 */
export async function findCockpit(
  db: Kysely<DB>,
  principal: Principal,
  query: CockpitQuery,
  locale: Locale,
): Promise<CockpitFigures> {
  const scope = requireTerritoryScope(principal);
  const territoryId = query.territoryId ?? (await topNodeOf(db, scope))?.id;
  const node = territoryId ? await visibleNode(db, scope, territoryId) : undefined;
  if (!node) throw notFound({ "zh-CN": "该属地", en: "The territory" });
  const now = new Date();
  const label = query.period ?? currentYear(now);
  const bounds = periodBounds(label)!;
  return cockpitFigures(db, principal, node, locale, {
    period: { label, ...bounds },
    granularity: query.granularity ?? "month",
    now,
  });
}

/**
 * Everything the cockpit shows for one territory node, every figure aggregated in SQL over the node's subtree in the
 * caller's scope: enterprises by rating level, the level trend from rating history, the children with their regional
 * level and open hidden dangers, hidden-danger figures for the period, alarms and the ten highest scores.
 */
export async function cockpitFigures(
  db: Kysely<DB>,
  principal: Principal,
  node: { id: string; name: string; name_en: string; level: TerritoryTable["level"]; path: string },
  locale: Locale,
  options: CockpitOptions,
): Promise<CockpitFigures> {
  const scope = principal.scope;
  // The node lies inside the caller's scope (the route checked): narrowed to it, the scope counts its subtree only.
  const nodeScope: Scope = {
    kind: "territory",
    path: node.path,
    industries: scope.kind === "territory" ? scope.industries : [],
  };
  const en = locale === "en";
  const nameOf = (row: { name: string; name_en: string }) => (en && row.name_en ? row.name_en : row.name);
  const { now } = options;
  const [
    breadcrumb,
    own,
    childRows,
    dangersByChild,
    trend,
    alarms,
    topEnterprises,
    enterprisesHere,
    inspectionPlans,
    campaigns,
  ] = await Promise.all([
    breadcrumbOf(db, scope, node.path),
    regionalLevelOf(db, scope, node.id),
    regionalLevelsOfChildren(db, scope, node.id),
    hiddenDangersByChild(db, scope, node.path, options.period, now),
    levelTrend(db, scope, node.path, options.granularity, now),
    alarmFigures(db, scope, node.path, now),
    highestScores(db, scope, node.path, en),
    enterprisesAt(db, scope, node.id, node.path, now, en),
    planCompletion(db, principal, node.path, options.period),
    campaignSummary(db, nodeScope, now),
  ]);
  const byLevel = own?.enterprises.byLevel ?? emptyLevels();
  const rated = byLevel[1] + byLevel[2] + byLevel[3] + byLevel[4];
  return {
    territory: { id: node.id, name: nameOf(node), kind: node.level, path: node.path },
    breadcrumb: breadcrumb.map((row) => ({ id: row.id, name: nameOf(row), kind: row.level, path: row.path })),
    period: {
      label: options.period.label,
      from: options.period.from.toISOString(),
      to: options.period.to.toISOString(),
    },
    generatedAt: now.toISOString(),
    enterprises: { total: own?.enterprises.total ?? 0, rated, unrated: own?.enterprises.unrated ?? 0, byLevel },
    regional: own
      ? {
          level: own.regional.level,
          score: own.regional.score,
          explanation: en ? own.regional.explanationEn : own.regional.explanationZh,
        }
      : null,
    trend: { granularity: options.granularity, points: trend },
    children: childRows.map((row) => ({
      territoryId: row.territoryId,
      name: en && row.nameEn ? row.nameEn : row.nameZh,
      kind: row.kind,
      regional: {
        level: row.regional.level,
        score: row.regional.score,
        explanation: en ? row.regional.explanationEn : row.regional.explanationZh,
      },
      enterprises: row.enterprises,
      hiddenDangers: openOf(dangersByChild.get(row.code)),
      activeAlarms: row.activeAlarms,
    })),
    enterprisesHere,
    hiddenDangers: hiddenDangerTotals(dangersByChild),
    alarms,
    inspectionPlans,
    campaigns,
    topEnterprises,
  };
}

async function breadcrumbOf(db: Kysely<DB>, scope: Scope, path: string) {
  // Ancestors are the nodes whose path is a prefix of this one; the scope cuts off those above the caller's node.
  return db
    .selectFrom("territory")
    .select(["id", "name", "name_en", "level", "path"])
    .where(sql<boolean>`${path} LIKE territory.path || '%'`)
    .where((eb) => territoryInScope(eb, scope))
    .orderBy(sql`length(territory.path)`)
    .execute();
}
