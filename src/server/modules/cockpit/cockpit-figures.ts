import { type Kysely, type SqlBool, sql } from "kysely";
import { ACTIVE_ALARM_STATUSES } from "../../../domain/monitoring/alarm-lifecycle";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import type { Principal, Scope } from "../../auth/principal";
import { enterpriseInScope, territoryInScope } from "../../auth/scope";
import type { DB, TerritoryTable } from "../../db/schema";
import type { Locale } from "../../errors";
import { type CampaignSummary, campaignSummary } from "../campaigns/summary";
import { regionalLevelOf, regionalLevelsOfChildren } from "../regions/regional-levels";
import { planInScope } from "../supervision/supervision-access";

// Calendar periods (trend buckets, the default year) are read in China Standard Time, as the hidden-danger statistics are.
const CST_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
/** Trend points shown: a year of months or a quarter of weeks. Practice, not a standard. */
export const TREND_BUCKETS = 12;
/** Enterprises listed at a node that has them directly (a grid); the rest are counted, not listed. */
export const ENTERPRISE_LIST_LIMIT = 500;
const TOP_ENTERPRISES = 10;
/** Reasons kept in a top-10 row's summary; the enterprise page shows them all. */
const SUMMARY_REASONS = 3;

export type Granularity = "month" | "week";
export type LevelCounts = Record<RiskLevel, number>;
export type ColourCounts = { red: number; orange: number; yellow: number; blue: number };

export type CockpitNode = { id: string; name: string; kind: TerritoryTable["level"]; path: string };

export type CockpitChildTerritory = {
  territoryId: string;
  name: string;
  kind: TerritoryTable["level"];
  regional: { level: RiskLevel; score: number; explanation: string };
  enterprises: { total: number; byLevel: LevelCounts; unrated: number };
  hiddenDangers: ChildHiddenDangers;
  activeAlarms: ColourCounts;
};

export type CockpitChildEnterprise = {
  enterpriseId: string;
  name: string;
  score: number | null;
  level: RiskLevel | null;
  explanation: string | null;
  hiddenDangers: ChildHiddenDangers;
  activeAlarms: number;
};

type ChildHiddenDangers = { open: number; overdue: number; majorOpen: number };

export type CockpitFigures = {
  territory: CockpitNode;
  /** From the caller's top node down to this one; each may be opened. */
  breadcrumb: CockpitNode[];
  period: { label: string; from: string; to: string };
  generatedAt: string;
  enterprises: { total: number; rated: number; unrated: number; byLevel: LevelCounts };
  regional: { level: RiskLevel; score: number; explanation: string } | null;
  /** From the first bucket with a rating (empty when nothing is rated) to the current one. */
  trend: { granularity: Granularity; points: { start: string; byLevel: LevelCounts }[] };
  children: CockpitChildTerritory[];
  /** Enterprises registered directly at this node (at a grid, all of them), highest score first. */
  enterprisesHere: { total: number; items: CockpitChildEnterprise[] };
  hiddenDangers: {
    found: number;
    dismissed: number;
    rectified: number;
    rectificationRate: number | null;
    onTimeRate: number | null;
    majorFound: number;
    open: number;
    overdue: number;
    majorOpen: number;
  };
  alarms: { active: ColourCounts; last30Days: ColourCounts };
  inspectionPlans: InspectionPlanFigures;
  /** Special actions run in the node or taken part in by it (campaigns/summary.ts). */
  campaigns: CampaignSummary;
  topEnterprises: {
    id: string;
    name: string;
    territoryName: string;
    score: number;
    level: RiskLevel;
    summary: string;
  }[];
};

/** Completion of the year's enforcement plans for the node's enterprises, and the inspections done in the period. */
export type InspectionPlanFigures = {
  year: number;
  annual: PlanCompletion;
  monthly: PlanCompletion;
  inspections: { done: number; violations: number; penaltyYuan: number };
};
type PlanCompletion = { plans: number; planned: number; inspected: number; ratio: number | null };

export type CockpitOptions = { period: { label: string; from: Date; to: Date }; granularity: Granularity; now: Date };

const emptyLevels = (): LevelCounts => ({ 1: 0, 2: 0, 3: 0, 4: 0 });
const emptyColours = (): ColourCounts => ({ red: 0, orange: 0, yellow: 0, blue: 0 });
const COLOUR_OF_SEVERITY: Record<number, keyof ColourCounts> = { 1: "red", 2: "orange", 3: "yellow", 4: "blue" };

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

/** The current year in China Standard Time, e.g. "2026". */
export function currentYear(now: Date): string {
  return String(new Date(now.getTime() + CST_OFFSET_MS).getUTCFullYear());
}

/** Start of each trend bucket as a CST calendar date ("2026-03-01"; weeks start on Monday), oldest first. */
export function trendBucketStarts(now: Date, granularity: Granularity, count = TREND_BUCKETS): string[] {
  const local = new Date(now.getTime() + CST_OFFSET_MS);
  const starts: string[] = [];
  for (let back = count - 1; back >= 0; back--) {
    let start: Date;
    if (granularity === "month") {
      start = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - back, 1));
    } else {
      const monday =
        Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) -
        ((local.getUTCDay() + 6) % 7) * DAY_MS;
      start = new Date(monday - back * 7 * DAY_MS);
    }
    starts.push(start.toISOString().slice(0, 10));
  }
  return starts;
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

/**
 * Plan completion as supervision/plan-routes.ts counts it (planned = inspections the items call for; inspected = first
 * inspections recorded against an item, at most as many as it calls for), over the items of the node's enterprises
 * in the plans of the period's year the caller may see; annual and monthly plans apart, as they overlap.
 */
async function planCompletion(
  db: Kysely<DB>,
  principal: Principal,
  path: string,
  period: { label: string; from: Date; to: Date },
): Promise<InspectionPlanFigures> {
  const year = Number(period.label.slice(0, 4));
  const done = db
    .selectFrom("enforcement_inspection")
    .select(["enterprise_id", "plan_item_id", sql<number>`count(*)`.as("n")])
    .where("plan_item_id", "is not", null)
    .where("recheck_of_id", "is", null)
    .groupBy(["enterprise_id", "plan_item_id"]);
  const [plans, inspections] = await Promise.all([
    db
      .selectFrom("supervision_plan_item as item")
      .innerJoin("supervision_plan", "supervision_plan.id", "item.plan_id")
      .innerJoin("enterprise", "enterprise.id", "item.enterprise_id")
      .leftJoin(done.as("done"), (join) =>
        join.onRef("done.enterprise_id", "=", "item.enterprise_id").onRef("done.plan_item_id", "=", "item.id"),
      )
      .select([
        sql<boolean>`supervision_plan.month = 0`.as("annual"),
        sql<number>`count(DISTINCT supervision_plan.id)`.as("plans"),
        sql<number>`coalesce(sum(item.inspections), 0)`.as("planned"),
        sql<number>`coalesce(sum(least(item.inspections, coalesce(done.n, 0))), 0)`.as("inspected"),
      ])
      .where("supervision_plan.year", "=", year)
      .where("enterprise.territory_path", "like", `${path}%`)
      .where((eb) => planInScope(eb as never, principal))
      .where((eb) => enterpriseInScope(eb as never, principal.scope))
      .groupBy(sql`1`)
      .execute(),
    db
      .selectFrom("enforcement_inspection")
      .innerJoin("enterprise", "enterprise.id", "enforcement_inspection.enterprise_id")
      .select([
        sql<number>`count(*)`.as("done"),
        sql<number>`coalesce(sum(enforcement_inspection.violations), 0)`.as("violations"),
        sql<number>`coalesce(sum(enforcement_inspection.penalty_total_yuan), 0)`.as("penalty"),
      ])
      .where("enforcement_inspection.territory_path", "like", `${path}%`)
      // inspected_on is a calendar date; the period's bounds are CST midnights.
      .where("enforcement_inspection.inspected_on", ">=", cstDate(period.from))
      .where("enforcement_inspection.inspected_on", "<", cstDate(period.to))
      .where((eb) => enterpriseInScope(eb as never, principal.scope))
      .executeTakeFirstOrThrow(),
  ]);
  const completion = (annual: boolean): PlanCompletion => {
    const row = plans.find((p) => p.annual === annual);
    const planned = Number(row?.planned ?? 0);
    const inspected = Number(row?.inspected ?? 0);
    return { plans: Number(row?.plans ?? 0), planned, inspected, ratio: planned === 0 ? null : inspected / planned };
  };
  return {
    year,
    annual: completion(true),
    monthly: completion(false),
    inspections: {
      done: Number(inspections.done),
      violations: Number(inspections.violations),
      penaltyYuan: Number(inspections.penalty),
    },
  };
}

/** The China Standard Time calendar date of an instant ("2026-01-01"). */
function cstDate(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
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

const OPEN = sql<SqlBool>`hidden_danger.status NOT IN ('closed', 'dismissed')`;
// REFERENCE.md §7: overdue is a confirmed or rectifying hidden danger past its rectification deadline.
const overdue = (now: Date) =>
  sql`hidden_danger.status IN ('confirmed', 'rectifying') AND hidden_danger.deadline < ${now}`;

type HiddenDangerCounts = {
  found: number;
  dismissed: number;
  rectified: number;
  onTime: number;
  majorFound: number;
  open: number;
  overdue: number;
  majorOpen: number;
};

/**
 * Hidden dangers under a node in one grouped pass, by the child the path runs through ('' for the node itself): those
 * found in the period (found, dismissed, rectified, closed by the deadline, major) as hidden-dangers/stats.ts counts
 * them, and those open now whenever they were found. The table carries the enterprise's path, so the enterprise is
 * joined only when the scope limits industries.
 */
async function hiddenDangersByChild(
  db: Kysely<DB>,
  scope: Scope,
  path: string,
  period: { from: Date; to: Date },
  now: Date,
): Promise<Map<string, HiddenDangerCounts>> {
  const inPeriod = sql`hidden_danger.found_at >= ${period.from} AND hidden_danger.found_at < ${period.to}`;
  let query = db.selectFrom("hidden_danger").where("hidden_danger.territory_path", "like", `${path}%`);
  if (scope.kind !== "territory" || scope.industries.length > 0) {
    query = query
      .innerJoin("enterprise", "enterprise.id", "hidden_danger.enterprise_id")
      .where((eb) => enterpriseInScope(eb as never, scope));
  }
  const rows = await query
    .select([
      sql<string>`split_part(substr(hidden_danger.territory_path, ${path.length + 1}), '/', 1)`.as("node"),
      sql<number>`count(*) FILTER (WHERE ${inPeriod})`.as("found"),
      sql<number>`count(*) FILTER (WHERE ${inPeriod} AND hidden_danger.status = 'dismissed')`.as("dismissed"),
      sql<number>`count(*) FILTER (WHERE ${inPeriod} AND hidden_danger.status = 'closed')`.as("rectified"),
      sql<number>`count(*) FILTER (WHERE ${inPeriod} AND hidden_danger.status = 'closed' AND (hidden_danger.deadline IS NULL OR hidden_danger.closed_at <= hidden_danger.deadline))`.as(
        "on_time",
      ),
      sql<number>`count(*) FILTER (WHERE ${inPeriod} AND hidden_danger.level = 'major')`.as("major_found"),
      sql<number>`count(*) FILTER (WHERE ${OPEN})`.as("open"),
      sql<number>`count(*) FILTER (WHERE ${overdue(now)})`.as("overdue"),
      sql<number>`count(*) FILTER (WHERE ${OPEN} AND hidden_danger.level = 'major')`.as("major_open"),
    ])
    .where((eb) => eb.or([inPeriod as never, OPEN]))
    .groupBy(sql`1`)
    .execute();
  return new Map(
    rows.map((row) => [
      row.node,
      {
        found: Number(row.found),
        dismissed: Number(row.dismissed),
        rectified: Number(row.rectified),
        onTime: Number(row.on_time),
        majorFound: Number(row.major_found),
        open: Number(row.open),
        overdue: Number(row.overdue),
        majorOpen: Number(row.major_open),
      },
    ]),
  );
}

const openOf = (counts: HiddenDangerCounts | undefined) => ({
  open: counts?.open ?? 0,
  overdue: counts?.overdue ?? 0,
  majorOpen: counts?.majorOpen ?? 0,
});

/** The node's own figures: the sum over its children and itself. */
function hiddenDangerTotals(byChild: Map<string, HiddenDangerCounts>): CockpitFigures["hiddenDangers"] {
  const total: HiddenDangerCounts = {
    found: 0,
    dismissed: 0,
    rectified: 0,
    onTime: 0,
    majorFound: 0,
    open: 0,
    overdue: 0,
    majorOpen: 0,
  };
  for (const counts of byChild.values()) {
    for (const key of Object.keys(total) as (keyof HiddenDangerCounts)[]) total[key] += counts[key];
  }
  const { onTime, ...figures } = total;
  return {
    ...figures,
    // The rates of REFERENCE.md §7, rounded as hidden-dangers/stats.ts rounds them.
    rectificationRate: ratio(total.rectified, total.found - total.dismissed),
    onTimeRate: ratio(onTime, total.rectified),
  };
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/** Active alarms, and alarms raised in the last 30 days, by colour (severity 1 red … 4 blue). */
async function alarmFigures(db: Kysely<DB>, scope: Scope, path: string, now: Date) {
  const since = new Date(now.getTime() - 30 * DAY_MS);
  let query = db.selectFrom("alarm").where("alarm.territory_path", "like", `${path}%`);
  // The alarm carries its enterprise's path; the enterprise is needed only for a scope limited to industries.
  if (scope.kind !== "territory" || scope.industries.length > 0) {
    query = query
      .innerJoin("enterprise", "enterprise.id", "alarm.enterprise_id")
      .where((eb) => enterpriseInScope(eb as never, scope));
  }
  const rows = await query
    .select([
      "alarm.severity",
      sql<number>`count(*) FILTER (WHERE alarm.status IN (${sql.join([...ACTIVE_ALARM_STATUSES])}))`.as("active"),
      sql<number>`count(*) FILTER (WHERE alarm.raised_at >= ${since})`.as("recent"),
    ])
    .where((eb) => eb.or([eb("alarm.status", "in", [...ACTIVE_ALARM_STATUSES]), eb("alarm.raised_at", ">=", since)]))
    .groupBy("alarm.severity")
    .execute();
  const active = emptyColours();
  const last30Days = emptyColours();
  for (const row of rows) {
    const colour = COLOUR_OF_SEVERITY[row.severity];
    if (!colour) continue;
    active[colour] += Number(row.active);
    last30Days[colour] += Number(row.recent);
  }
  return { active, last30Days };
}

/**
 * Enterprises per level at the end of each bucket (the current bucket: now), from rating history. Each history row
 * holds from its time until the enterprise's next row, so it counts in the buckets from the one it was made in up to,
 * not including, the one its successor was made in: one grouped pass gives +n and −n per bucket, summed in order.
 */
async function levelTrend(db: Kysely<DB>, scope: Scope, path: string, granularity: Granularity, now: Date) {
  const starts = trendBucketStarts(now, granularity);
  const first = starts[0];
  const unit = sql.lit(granularity);
  const bucket = (column: string) =>
    sql`to_char(greatest(date_trunc(${unit}, (${sql.ref(column)} AT TIME ZONE 'UTC') + interval '8 hours'), ${first}::timestamp), 'YYYY-MM-DD')`;
  const spans = db
    .selectFrom("enterprise_rating_history")
    .innerJoin("enterprise", "enterprise.id", "enterprise_rating_history.enterprise_id")
    .select([
      "enterprise_rating_history.level",
      "enterprise_rating_history.computed_at",
      sql<Date | null>`lead(enterprise_rating_history.computed_at) OVER (PARTITION BY enterprise_rating_history.enterprise_id ORDER BY enterprise_rating_history.computed_at)`.as(
        "next_at",
      ),
    ])
    .where("enterprise.territory_path", "like", `${path}%`)
    .where("enterprise.status", "<>", "closed")
    .where((eb) => enterpriseInScope(eb as never, scope));
  const rows = await db
    .selectFrom(spans.as("span"))
    .select([
      "span.level",
      sql<string>`${bucket("span.computed_at")}`.as("from_bucket"),
      sql<string | null>`CASE WHEN span.next_at IS NULL THEN NULL ELSE ${bucket("span.next_at")} END`.as("to_bucket"),
      sql<number>`count(*)`.as("n"),
    ])
    .groupBy([sql`1`, sql`2`, sql`3`])
    .execute();
  const delta = new Map<string, LevelCounts>(starts.map((start) => [start, emptyLevels()]));
  for (const row of rows) {
    if (row.from_bucket === row.to_bucket) continue;
    const level = row.level as RiskLevel;
    const from = delta.get(row.from_bucket);
    if (from) from[level] += Number(row.n);
    if (row.to_bucket) {
      const to = delta.get(row.to_bucket);
      if (to) to[level] -= Number(row.n);
    }
  }
  const running = emptyLevels();
  const points = starts.map((start) => {
    const change = delta.get(start)!;
    for (const level of [1, 2, 3, 4] as const) running[level] += change[level];
    return { start, byLevel: { ...running } };
  });
  // Months before the first rating are unknown, not zero: the trend starts where the history does.
  const firstRated =
    rows.length === 0 ? -1 : points.findIndex((point) => Object.values(point.byLevel).some((n) => n > 0));
  return firstRated < 0 ? [] : points.slice(firstRated);
}

/** The first reasons of an explanation, with its colour word: "红色，因为：3 个红色风险点（+27），…". */
function summaryOf(explanation: string, contributions: { textZh: string; textEn: string }[], en: boolean): string {
  const marker = en ? " because: " : "，因为：";
  const head = explanation.includes(marker) ? explanation.slice(0, explanation.indexOf(marker) + marker.length) : "";
  const reasons = contributions.slice(0, SUMMARY_REASONS).map((c) => (en ? c.textEn : c.textZh));
  if (reasons.length === 0) return explanation;
  const more = contributions.length > SUMMARY_REASONS ? (en ? ", …" : "，…") : "";
  return `${head}${reasons.join(en ? ", " : "，")}${more}`;
}

/** The ten highest scores in the subtree. */
async function highestScores(db: Kysely<DB>, scope: Scope, path: string, en: boolean) {
  const rows = await db
    .selectFrom("enterprise_rating")
    .innerJoin("enterprise", "enterprise.id", "enterprise_rating.enterprise_id")
    .innerJoin("territory", "territory.id", "enterprise.territory_id")
    // A grid's name ("第一网格") repeats in every town; with its parent's it says where the enterprise is.
    .leftJoin("territory as parent", "parent.id", "territory.parent_id")
    .select([
      "enterprise.id",
      "enterprise.name",
      sql<string>`coalesce(parent.name || ' ', '') || territory.name`.as("territory_name"),
      sql<string>`coalesce(nullif(parent.name_en, '') || ' ', '') || coalesce(nullif(territory.name_en, ''), territory.name)`.as(
        "territory_name_en",
      ),
      "enterprise_rating.score",
      "enterprise_rating.level",
      "enterprise_rating.contributions",
      en ? "enterprise_rating.explanation_en as explanation" : "enterprise_rating.explanation_zh as explanation",
    ])
    .where("enterprise.territory_path", "like", `${path}%`)
    .where("enterprise.status", "<>", "closed")
    .where((eb) => enterpriseInScope(eb as never, scope))
    // Level first, then score: the same order as score alone (a level is a score band) that the (level, score DESC)
    // index can walk, stopping after ten rows instead of sorting every rating in the city.
    .orderBy("enterprise_rating.level")
    .orderBy("enterprise_rating.score", "desc")
    .orderBy("enterprise.id")
    .limit(TOP_ENTERPRISES)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    territoryName: en && row.territory_name_en ? row.territory_name_en : row.territory_name,
    score: row.score,
    level: row.level as RiskLevel,
    summary: summaryOf(row.explanation, row.contributions as { textZh: string; textEn: string }[], en),
  }));
}

/** Enterprises registered directly at the node, highest score first (unrated last), with their open hidden dangers. */
async function enterprisesAt(db: Kysely<DB>, scope: Scope, territoryId: string, path: string, now: Date, en: boolean) {
  const base = db
    .selectFrom("enterprise")
    .where("enterprise.territory_id", "=", territoryId)
    .where("enterprise.status", "<>", "closed")
    .where((eb) => enterpriseInScope(eb, scope));
  const [rows, total] = await Promise.all([
    base
      .leftJoin("enterprise_rating", "enterprise_rating.enterprise_id", "enterprise.id")
      .select([
        "enterprise.id",
        "enterprise.name",
        "enterprise_rating.score",
        "enterprise_rating.level",
        en ? "enterprise_rating.explanation_en as explanation" : "enterprise_rating.explanation_zh as explanation",
      ])
      .orderBy(sql`enterprise_rating.score DESC NULLS LAST`)
      .orderBy("enterprise.name")
      .limit(ENTERPRISE_LIST_LIMIT)
      .execute(),
    base.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  if (rows.length === 0) return { total: Number(total.n), items: [] };
  const ids = rows.map((row) => row.id);
  const [dangers, alarms] = await Promise.all([
    db
      .selectFrom("hidden_danger")
      .select([
        "enterprise_id",
        sql<number>`count(*)`.as("open"),
        sql<number>`count(*) FILTER (WHERE ${overdue(now)})`.as("overdue"),
        sql<number>`count(*) FILTER (WHERE hidden_danger.level = 'major')`.as("major_open"),
      ])
      .where("hidden_danger.territory_path", "like", `${path}%`)
      .where("enterprise_id", "in", ids)
      .where(OPEN)
      .groupBy("enterprise_id")
      .execute(),
    db
      .selectFrom("alarm")
      .select(["enterprise_id", sql<number>`count(*)`.as("n")])
      .where("alarm.territory_path", "like", `${path}%`)
      .where("enterprise_id", "in", ids)
      .where("status", "in", [...ACTIVE_ALARM_STATUSES])
      .groupBy("enterprise_id")
      .execute(),
  ]);
  const dangersOf = new Map(dangers.map((row) => [row.enterprise_id, row]));
  const alarmsOf = new Map(alarms.map((row) => [row.enterprise_id, Number(row.n)]));
  return {
    total: Number(total.n),
    items: rows.map((row) => {
      const open = dangersOf.get(row.id);
      return {
        enterpriseId: row.id,
        name: row.name,
        score: row.score,
        level: row.level as RiskLevel | null,
        explanation: row.explanation,
        hiddenDangers: {
          open: Number(open?.open ?? 0),
          overdue: Number(open?.overdue ?? 0),
          majorOpen: Number(open?.major_open ?? 0),
        },
        activeAlarms: alarmsOf.get(row.id) ?? 0,
      };
    }),
  };
}
