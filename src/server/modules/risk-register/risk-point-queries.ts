import { type Kysely, type Selectable, sql, type Transaction } from "kysely";
import type { Static } from "typebox";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import { colourOf } from "../../../domain/risk/assess-risk";
import type { ControlMeasureTable, DB } from "../../db/schema";
import type { RiskPoint, RiskPointSummary } from "./schema";

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

type SummaryRow = Awaited<ReturnType<ReturnType<typeof riskPointSummaries>["execute"]>>[number];

export function presentSummary(row: SummaryRow): Static<typeof RiskPointSummary> {
  return {
    id: row.id,
    ownerId: row.owner_id,
    ownerKind: row.owner_kind,
    ownerName: row.owner_name,
    kind: row.kind,
    publicCategory: row.public_category,
    name: row.name,
    unit: row.unit,
    lng: row.lng,
    lat: row.lat,
    level: row.level,
    colour: row.level ? colourOf(row.level as RiskLevel) : null,
    controlLevel: row.control_level,
    controllingUnit: row.controlling_unit,
    responsiblePerson: row.responsible_person,
    hazardCount: Number(row.hazard_count),
  };
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
  const currentBands = await db
    .selectFrom("risk_bands")
    .select(["method", "version"])
    .where("is_current", "=", true)
    .execute();
  const measures = await db
    .selectFrom("control_measure")
    .selectAll()
    .where("owner_id", "=", ownerId)
    .where("risk_point_id", "=", id)
    .orderBy("kind")
    .orderBy("created_at")
    .execute();
  return {
    ...presentSummary(summary),
    area: point.area ?? null,
    photoIds: point.photo_ids,
    controlLevelSetByUser: point.control_level_set_by_user,
    responsiblePhone: point.responsible_phone,
    emergencyPhone: point.emergency_phone,
    publicToken: point.public_token,
    updatedAt: point.updated_at.toISOString(),
    hazards: hazards.map((hazard) => {
      const own = assessments.filter((a) => a.hazard_id === hazard.id);
      const current = own.find((a) => a.id === hazard.current_assessment_id);
      return {
        id: hazard.id,
        description: hazard.description,
        factorCode: hazard.factor_code,
        accidentTypes: hazard.accident_types,
        consequences: hazard.consequences,
        level: hazard.level,
        assessmentCount: own.length,
        assessment: current ? presentAssessment(current, currentBands) : null,
      };
    }),
    measures: measures.map(presentMeasure),
  };
}

export function presentAssessment(
  row: {
    id: string;
    method: string;
    factors: Record<string, number>;
    score: number;
    level: number;
    colour: string;
    bands_version: string;
    assessor_name: string;
    organisation_name: string | null;
    note: string;
    assessed_at: Date;
  },
  currentBands: { method: string; version: string }[],
) {
  return {
    id: row.id,
    method: row.method,
    factors: row.factors,
    score: row.score,
    level: row.level,
    colour: row.colour,
    bandsVersion: row.bands_version,
    bandsAreCurrent: currentBands.some((b) => b.method === row.method && b.version === row.bands_version),
    assessorName: row.assessor_name,
    assessorOrganisation: row.organisation_name,
    note: row.note,
    assessedAt: row.assessed_at.toISOString(),
  };
}

/** Re-derives a risk point's level (most severe of its hazards) and, unless a person set it, its control level. */
export async function refreshRiskPointLevel(trx: Transaction<DB>, ownerId: string, riskPointId: string): Promise<void> {
  const levels = await trx
    .selectFrom("hazard")
    .select("level")
    .where("owner_id", "=", ownerId)
    .where("risk_point_id", "=", riskPointId)
    .where("level", "is not", null)
    .execute();
  const level = levels.length ? Math.min(...levels.map((l) => l.level!)) : null;
  const point = await trx
    .selectFrom("risk_point")
    .select("control_level_set_by_user")
    .where("owner_id", "=", ownerId)
    .where("id", "=", riskPointId)
    .executeTakeFirstOrThrow();
  let controlLevel: string | undefined;
  if (!point.control_level_set_by_user && level !== null) {
    const mapping = await trx
      .selectFrom("control_level_mapping")
      .select("control_level")
      .where("risk_level", "=", level)
      .executeTakeFirst();
    controlLevel = mapping?.control_level;
  }
  await trx
    .updateTable("risk_point")
    .set({ level, ...(controlLevel ? { control_level: controlLevel as never } : {}), updated_at: new Date() })
    .where("owner_id", "=", ownerId)
    .where("id", "=", riskPointId)
    .execute();
}

/** A control measure row as the API shows it. */
export function presentMeasure(row: Selectable<ControlMeasureTable>) {
  return {
    id: row.id,
    hazardId: row.hazard_id,
    kind: row.kind,
    content: row.content,
    checkContent: row.check_content,
    checkFrequency: row.check_frequency,
    responsiblePerson: row.responsible_person,
  };
}
