import { type Kysely, sql } from "kysely";
import type { MapLayer } from "../../../domain/geo/map-layers";
import { FINISHED_HIDDEN_DANGER_STATUSES } from "../../../domain/hidden-danger/vocabulary";
import { ACTIVE_ALARM_STATUSES } from "../../../domain/monitoring/alarm-lifecycle";
import type { Scope } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";

/** One line of the card: a label key the web translates and a value already in the caller's language. */
export type CardFact = { key: string; value: string | number | null };

export type FeatureCard = {
  layer: MapLayer;
  id: string;
  name: string;
  level: number | null;
  /** Why the record has its level, where the platform knows (an enterprise's rating explanation). */
  explanation: string | null;
  score: number | null;
  facts: CardFact[];
  /** The record's own page in the web app. */
  link: string;
};

type Context = { db: Kysely<DB>; scope: Scope; en: boolean };

async function industryName(db: Kysely<DB>, code: string, en: boolean): Promise<string> {
  const item = await db
    .selectFrom("reference_item")
    .innerJoin("reference_set", (join) =>
      join
        .onRef("reference_set.kind", "=", "reference_item.kind")
        .onRef("reference_set.version", "=", "reference_item.version"),
    )
    .select(["reference_item.name_zh", "reference_item.name_en"])
    .where("reference_item.kind", "=", "industry")
    .where("reference_item.code", "=", code)
    .where("reference_set.is_current", "=", true)
    .executeTakeFirst();
  if (!item) return code;
  return `${code} ${en ? item.name_en : item.name_zh}`;
}

/** The node and its ancestors below the city, "江北区 / 芦滩镇 / 第二网格", from the materialised path. */
async function territoryName(db: Kysely<DB>, territoryId: string, en: boolean): Promise<string> {
  const node = await db.selectFrom("territory").select("path").where("id", "=", territoryId).executeTakeFirst();
  if (!node) return "";
  const codes = node.path.split("/").filter(Boolean);
  const chain = await db
    .selectFrom("territory")
    .select(["name", "name_en", "path"])
    .where("code", "in", codes)
    .where("parent_id", "is not", null)
    .orderBy("path")
    .execute();
  return chain.map((item) => (en && item.name_en) || item.name).join(" / ");
}

async function enterpriseCard({ db, scope, en }: Context, id: string): Promise<FeatureCard | null> {
  const enterprise = await db
    .selectFrom("enterprise")
    .leftJoin("enterprise_rating", "enterprise_rating.enterprise_id", "enterprise.id")
    .select([
      "enterprise.id",
      "enterprise.name",
      "enterprise.industry_code",
      "enterprise.scale",
      "enterprise.address",
      "enterprise.territory_id",
      "enterprise.principal_name",
      "enterprise_rating.level",
      "enterprise_rating.score",
      "enterprise_rating.explanation_zh",
      "enterprise_rating.explanation_en",
      "enterprise_rating.computed_at",
    ])
    .where("enterprise.id", "=", id)
    .where((eb) => enterpriseInScope(eb, scope))
    .executeTakeFirst();
  if (!enterprise) return null;
  const counts = await sql<{ open_dangers: number; major_dangers: number; alarms: number; majors: number }>`
    SELECT
      (SELECT count(*) FROM hidden_danger WHERE enterprise_id = ${id}
         AND status NOT IN (${sql.join(FINISHED_HIDDEN_DANGER_STATUSES)})) AS open_dangers,
      (SELECT count(*) FROM hidden_danger WHERE enterprise_id = ${id} AND level = 'major'
         AND status NOT IN (${sql.join(FINISHED_HIDDEN_DANGER_STATUSES)})) AS major_dangers,
      (SELECT count(*) FROM alarm WHERE enterprise_id = ${id}
         AND status IN (${sql.join(ACTIVE_ALARM_STATUSES)})) AS alarms,
      (SELECT count(*) FROM major_hazard_unit WHERE enterprise_id = ${id} AND is_major) AS majors`.execute(db);
  const row = counts.rows[0];
  return {
    layer: "enterprises",
    id: enterprise.id,
    name: enterprise.name,
    level: enterprise.level,
    score: enterprise.score === null ? null : Math.round(enterprise.score * 10) / 10,
    explanation: en ? enterprise.explanation_en : enterprise.explanation_zh,
    facts: [
      { key: "industry", value: await industryName(db, enterprise.industry_code, en) },
      { key: "territory", value: await territoryName(db, enterprise.territory_id, en) },
      { key: "address", value: enterprise.address || null },
      { key: "principal", value: enterprise.principal_name || null },
      { key: "openHiddenDangers", value: Number(row.open_dangers) },
      { key: "openMajorHiddenDangers", value: Number(row.major_dangers) },
      { key: "activeAlarms", value: Number(row.alarms) },
      { key: "majorHazardSources", value: Number(row.majors) },
      { key: "ratedAt", value: enterprise.computed_at?.toISOString() ?? null },
    ],
    link: `/enterprises/${enterprise.id}`,
  };
}

async function riskPointCard({ db, scope, en }: Context, id: string): Promise<FeatureCard | null> {
  let query = db
    .selectFrom("risk_point")
    .leftJoin("enterprise", (join) =>
      join.onRef("enterprise.id", "=", "risk_point.owner_id").on("risk_point.owner_kind", "=", "enterprise"),
    )
    .leftJoin("territory", (join) =>
      join.onRef("territory.id", "=", "risk_point.owner_id").on("risk_point.owner_kind", "=", "territory"),
    )
    .select([
      "risk_point.id",
      "risk_point.name",
      "risk_point.level",
      "risk_point.kind",
      "risk_point.owner_kind",
      "risk_point.controlling_unit",
      "risk_point.responsible_person",
      "enterprise.name as enterprise_name",
      "territory.name as territory_name",
      "territory.name_en as territory_name_en",
    ])
    .where("risk_point.id", "=", id);
  query =
    scope.kind === "territory" && scope.industries.length === 0
      ? query.where("risk_point.territory_path", "like", `${scope.path}%`)
      : query.where("risk_point.owner_kind", "=", "enterprise").where((eb) => enterpriseInScope(eb, scope));
  const point = await query.executeTakeFirst();
  if (!point) return null;
  const owner =
    point.owner_kind === "enterprise" ? point.enterprise_name : (en && point.territory_name_en) || point.territory_name;
  return {
    layer: "riskPoints",
    id: point.id,
    name: point.name,
    level: point.level,
    score: null,
    explanation: null,
    facts: [
      { key: "owner", value: owner ?? null },
      { key: "ownerKind", value: point.owner_kind },
      { key: "riskPointKind", value: point.kind },
      { key: "controllingUnit", value: point.controlling_unit || null },
      { key: "responsiblePerson", value: point.responsible_person || null },
    ],
    link: `/risk/points/${point.id}`,
  };
}

async function majorHazardCard({ db, scope }: Context, id: string): Promise<FeatureCard | null> {
  const unit = await db
    .selectFrom("major_hazard_unit")
    .innerJoin("enterprise", "enterprise.id", "major_hazard_unit.enterprise_id")
    .select([
      "major_hazard_unit.id",
      "major_hazard_unit.name",
      "major_hazard_unit.level",
      "major_hazard_unit.unit_kind",
      "major_hazard_unit.r",
      "major_hazard_unit.exposed_population",
      "enterprise.id as enterprise_id",
      "enterprise.name as enterprise_name",
    ])
    .where("major_hazard_unit.id", "=", id)
    .where((eb) => enterpriseInScope(eb, scope))
    .executeTakeFirst();
  if (!unit) return null;
  return {
    layer: "majorHazards",
    id: unit.id,
    name: unit.name,
    level: unit.level,
    score: unit.r === null ? null : Math.round(unit.r * 100) / 100,
    explanation: null,
    facts: [
      { key: "enterprise", value: unit.enterprise_name },
      { key: "unitKind", value: unit.unit_kind },
      { key: "gb18218R", value: unit.r === null ? null : Math.round(unit.r * 100) / 100 },
      { key: "exposedPopulation", value: unit.exposed_population },
    ],
    link: `/enterprises/${unit.enterprise_id}`,
  };
}

async function alarmCard({ db, scope, en }: Context, id: string): Promise<FeatureCard | null> {
  const alarm = await db
    .selectFrom("alarm")
    .innerJoin("enterprise", "enterprise.id", "alarm.enterprise_id")
    .select([
      "alarm.id",
      "alarm.severity",
      "alarm.status",
      "alarm.raised_at",
      "alarm.message_zh",
      "alarm.message_en",
      "alarm.last_value",
      "enterprise.name as enterprise_name",
    ])
    .where("alarm.id", "=", id)
    .where((eb) => enterpriseInScope(eb, scope))
    .executeTakeFirst();
  if (!alarm) return null;
  return {
    layer: "alarms",
    id: alarm.id,
    name: en ? alarm.message_en : alarm.message_zh,
    level: alarm.severity,
    score: null,
    explanation: null,
    facts: [
      { key: "enterprise", value: alarm.enterprise_name },
      { key: "alarmStatus", value: alarm.status },
      { key: "raisedAt", value: alarm.raised_at.toISOString() },
      { key: "lastValue", value: alarm.last_value },
    ],
    link: "/monitoring/alarms",
  };
}

async function hiddenDangerCard({ db, scope }: Context, id: string): Promise<FeatureCard | null> {
  const danger = await db
    .selectFrom("hidden_danger")
    .innerJoin("enterprise", "enterprise.id", "hidden_danger.enterprise_id")
    .select([
      "hidden_danger.id",
      "hidden_danger.code",
      "hidden_danger.description",
      "hidden_danger.level",
      "hidden_danger.status",
      "hidden_danger.deadline",
      "hidden_danger.found_at",
      "enterprise.name as enterprise_name",
    ])
    .where("hidden_danger.id", "=", id)
    .where((eb) => enterpriseInScope(eb, scope))
    .executeTakeFirst();
  if (!danger) return null;
  return {
    layer: "hiddenDangers",
    id: danger.id,
    name: danger.description,
    level: null,
    score: null,
    explanation: null,
    facts: [
      { key: "code", value: danger.code },
      { key: "enterprise", value: danger.enterprise_name },
      { key: "hiddenDangerGrade", value: danger.level },
      { key: "hiddenDangerStatus", value: danger.status },
      { key: "foundAt", value: danger.found_at.toISOString() },
      { key: "deadline", value: danger.deadline?.toISOString() ?? null },
    ],
    link: `/hidden-dangers/${danger.id}`,
  };
}

/** The key facts of one map feature in the caller's scope, or null when it does not exist or is out of scope. */
export function featureCard(context: Context, layer: MapLayer, id: string): Promise<FeatureCard | null> {
  switch (layer) {
    case "enterprises":
      return enterpriseCard(context, id);
    case "riskPoints":
      return riskPointCard(context, id);
    case "majorHazards":
      return majorHazardCard(context, id);
    case "alarms":
      return alarmCard(context, id);
    case "hiddenDangers":
      return hiddenDangerCard(context, id);
  }
}
