import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { assessmentRejected } from "./assessment-rejected";
import { recordAssessment } from "./record-assessment";
import { refreshRiskPointLevel } from "./refresh-risk-point-level";
import { auditPlace, hazardFor, type RiskPointRef } from "./register-owner";
import type { AssessmentBody } from "./schema";

/** Assesses (or reassesses) a hazard with LS, LEC or MES on the current bands; earlier assessments are kept. */
export async function assessHazard(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  id: string,
  body: Static<typeof AssessmentBody>,
): Promise<RiskPointRef> {
  const { hazard, owner } = await hazardFor(db, principal, id, "write");
  const { method, factors, note } = body;
  await db.transaction().execute(async (trx) => {
    const outcome = await recordAssessment(
      trx,
      principal,
      { ownerId: hazard.owner_id, id: hazard.id },
      { method, factors, note },
    );
    if (!outcome.ok) throw assessmentRejected(outcome.problems);
    await refreshRiskPointLevel(trx, hazard.owner_id, hazard.risk_point_id);
    await recordAudit(trx, actor, {
      action: "assess",
      entityType: "hazard",
      entityId: hazard.id,
      ...auditPlace(owner),
      before: { level: hazard.level },
      after: { method, factors, score: outcome.score, level: outcome.level, bandsVersion: outcome.bandsVersion },
    });
  });
  return { ownerId: hazard.owner_id, riskPointId: hazard.risk_point_id };
}
