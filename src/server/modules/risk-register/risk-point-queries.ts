import { type Kysely, sql, type Transaction } from "kysely";
import type { Static } from "typebox";
import type { Principal } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { presentAssessment, presentRiskPoint, presentSummary } from "./present-risk-point";
import { hazardFor, resolveOwner } from "./register-owner";
import type { AssessmentHistory, RiskPoint, RiskPointList, RiskPointListQuery } from "./schema";

type Db = Kysely<DB> | Transaction<DB>;

function ownerNameSql() {
  return sql<string>`coalesce((SELECT name FROM enterprise WHERE enterprise.id = risk_point.owner_id), (SELECT name FROM territory WHERE territory.id = risk_point.owner_id), '')`;
}

export function riskPointSummaries(db: Db) {
  return db
    .selectFrom("risk_point")
    .select([
      "risk_point.id",
      "risk_point.owner_id",
      "risk_point.owner_kind",
      ownerNameSql().as("owner_name"),
      "risk_point.kind",
      "risk_point.public_category",
      "risk_point.name",
      "risk_point.unit",
      "risk_point.lng",
      "risk_point.lat",
      "risk_point.level",
      "risk_point.control_level",
      "risk_point.controlling_unit",
      "risk_point.responsible_person",
      sql<number>`(SELECT count(*) FROM hazard WHERE hazard.owner_id = risk_point.owner_id AND hazard.risk_point_id = risk_point.id)`.as(
        "hazard_count",
      ),
    ]);
}

/**
 * Risk points the principal may read: one register when ownerId is given (checked), else every register in scope.
 * An industry department sees its industries' enterprises, not public areas.
 */
export async function findRiskPoints(
  db: Kysely<DB>,
  principal: Principal,
  filter: Static<typeof RiskPointListQuery>,
): Promise<Static<typeof RiskPointList>> {
  const { ownerId, level, unit, publicOnly, page, pageSize } = filter;
  let query = riskPointSummaries(db);
  if (ownerId) {
    await resolveOwner(db, principal, ownerId, "read");
    query = query.where("risk_point.owner_id", "=", ownerId);
  } else if (principal.scope.kind === "enterprises") {
    const ids = principal.scope.enterpriseIds;
    query = ids.length ? query.where("risk_point.owner_id", "in", ids) : query.where(sql<boolean>`false`);
  } else {
    const scope = principal.scope;
    query = query.where("risk_point.territory_path", "like", `${scope.path}%`);
    if (scope.industries.length > 0) {
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom("enterprise")
            .whereRef("enterprise.id", "=", "risk_point.owner_id")
            .where((inner) => enterpriseInScope(inner, scope)),
        ),
      );
    }
  }
  if (publicOnly) query = query.where("risk_point.owner_kind", "=", "territory");
  if (level) query = query.where("risk_point.level", "=", level);
  if (unit) query = query.where("risk_point.unit", "=", unit);
  const [rows, count] = await Promise.all([
    query
      .orderBy(sql`coalesce(risk_point.level, 5)`)
      .orderBy("risk_point.name")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    query.clearSelect().select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(presentSummary), total: Number(count.n) };
}

function currentBandVersions(db: Db) {
  return db.selectFrom("risk_bands").select(["method", "version"]).where("is_current", "=", true).execute();
}

/** A risk point with its hazards (and each one's current assessment) and its control measures. */
export async function loadRiskPoint(
  db: Db,
  ownerId: string,
  id: string,
): Promise<Static<typeof RiskPoint> | undefined> {
  const summary = await riskPointSummaries(db)
    .where("risk_point.owner_id", "=", ownerId)
    .where("risk_point.id", "=", id)
    .executeTakeFirst();
  if (!summary) return undefined;
  const point = await db
    .selectFrom("risk_point")
    .selectAll()
    .where("owner_id", "=", ownerId)
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  const hazards = await db
    .selectFrom("hazard")
    .selectAll()
    .where("owner_id", "=", ownerId)
    .where("risk_point_id", "=", id)
    .orderBy("created_at")
    .execute();
  const hazardIds = hazards.map((h) => h.id);
  const assessments =
    hazardIds.length === 0
      ? []
      : await db
          .selectFrom("hazard_assessment")
          .leftJoin("organisation", "organisation.id", "hazard_assessment.assessor_organisation_id")
          .selectAll("hazard_assessment")
          .select("organisation.name as organisation_name")
          .where("hazard_assessment.owner_id", "=", ownerId)
          .where("hazard_assessment.hazard_id", "in", hazardIds)
          .orderBy("hazard_assessment.assessed_at")
          .execute();
  const currentBands = await currentBandVersions(db);
  const measures = await db
    .selectFrom("control_measure")
    .selectAll()
    .where("owner_id", "=", ownerId)
    .where("risk_point_id", "=", id)
    .orderBy("kind")
    .orderBy("created_at")
    .execute();
  return presentRiskPoint(summary, point, hazards, assessments, currentBands, measures);
}

/** The risk point a posted notice card's public token opens, or undefined. */
export async function loadRiskPointByToken(db: Db, token: string): Promise<Static<typeof RiskPoint> | undefined> {
  const row = await db
    .selectFrom("risk_point")
    .select(["owner_id", "id"])
    .where("public_token", "=", token)
    .executeTakeFirst();
  return row && (await loadRiskPoint(db, row.owner_id, row.id));
}

/** Every assessment of a hazard the principal may read, newest first: who, when, method, factors, result. */
export async function findAssessmentHistory(
  db: Kysely<DB>,
  principal: Principal,
  hazardId: string,
): Promise<Static<typeof AssessmentHistory>> {
  const { hazard } = await hazardFor(db, principal, hazardId, "read");
  const rows = await db
    .selectFrom("hazard_assessment")
    .leftJoin("organisation", "organisation.id", "hazard_assessment.assessor_organisation_id")
    .selectAll("hazard_assessment")
    .select("organisation.name as organisation_name")
    .where("hazard_assessment.owner_id", "=", hazard.owner_id)
    .where("hazard_assessment.hazard_id", "=", hazard.id)
    .orderBy("hazard_assessment.assessed_at", "desc")
    .execute();
  const bands = await currentBandVersions(db);
  return { items: rows.map((row) => presentAssessment(row, bands)) };
}
