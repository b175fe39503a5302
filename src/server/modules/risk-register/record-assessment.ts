import type { Transaction } from "kysely";
import { assessRisk, type RiskAssessmentProblem } from "../../../domain/risk/assess-risk";
import type { AssessmentMethod } from "../../../domain/risk/scales";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { currentBands } from "./risk-bands";

export type AssessmentOutcome =
  | { ok: true; score: number; level: number; bandsVersion: string }
  | { ok: false; problems: RiskAssessmentProblem[] };

/**
 * Grades a hazard with the current bands and stores the assessment with those
 * bands, then points the hazard at it. Earlier assessments stay as history; a
 * third party signs as its organisation. The caller refreshes the risk point.
 */
export async function recordAssessment(
  trx: Transaction<DB>,
  principal: Principal,
  hazard: { ownerId: string; id: string },
  assessment: { method: AssessmentMethod; factors: Record<string, unknown>; note?: string },
): Promise<AssessmentOutcome> {
  const bands = await currentBands(trx, assessment.method);
  const result = assessRisk(assessment.method, assessment.factors, bands);
  if (!result.ok) return result;
  const created = await trx
    .insertInto("hazard_assessment")
    .values({
      owner_id: hazard.ownerId,
      hazard_id: hazard.id,
      method: assessment.method,
      factors: JSON.stringify(assessment.factors),
      score: result.score,
      level: result.level,
      colour: result.colour,
      bands_version: bands.version,
      bands: JSON.stringify(bands.thresholds),
      assessor_user_id: principal.userId,
      assessor_name: principal.displayName,
      assessor_organisation_id: principal.role === "third_party" ? principal.organisationId : null,
      note: assessment.note ?? "",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .updateTable("hazard")
    .set({ current_assessment_id: created.id, level: result.level, updated_at: new Date() })
    .where("owner_id", "=", hazard.ownerId)
    .where("id", "=", hazard.id)
    .execute();
  return { ok: true, score: result.score, level: result.level, bandsVersion: bands.version };
}
