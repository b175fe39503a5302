import type { Selectable } from "kysely";
import type { Static } from "typebox";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import { colourOf } from "../../../domain/risk/assess-risk";
import type { ControlMeasureTable, HazardAssessmentTable, HazardTable, RiskPointTable } from "../../db/schema";
import type { Assessment, Measure, RiskPoint, RiskPointSummary } from "./schema";

/** A risk point row with its owner's name and how many hazards it has (risk-point-queries.ts selects it). */
export type SummaryRow = Pick<
  Selectable<RiskPointTable>,
  | "id"
  | "owner_id"
  | "owner_kind"
  | "kind"
  | "public_category"
  | "name"
  | "unit"
  | "lng"
  | "lat"
  | "level"
  | "control_level"
  | "controlling_unit"
  | "responsible_person"
> & { owner_name: string; hazard_count: number };

type AssessmentRow = Selectable<HazardAssessmentTable> & { organisation_name: string | null };
/** The bands each method grades with now, to tell whether an assessment used them. */
type CurrentBands = { method: string; version: string }[];

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

/** A risk point with its hazards (each with its current assessment and how many it has had) and its measures. */
export function presentRiskPoint(
  summary: SummaryRow,
  point: Selectable<RiskPointTable>,
  hazards: Selectable<HazardTable>[],
  assessments: AssessmentRow[],
  currentBands: CurrentBands,
  measures: Selectable<ControlMeasureTable>[],
): Static<typeof RiskPoint> {
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

export function presentAssessment(row: AssessmentRow, currentBands: CurrentBands): Static<typeof Assessment> {
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

/** A control measure row as the API shows it. */
export function presentMeasure(row: Selectable<ControlMeasureTable>): Static<typeof Measure> {
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
