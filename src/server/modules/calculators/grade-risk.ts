import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { assessRisk } from "../../../domain/risk/assess-risk";
import type { DB } from "../../db/schema";
import { assessmentRejected } from "../risk-register/assessment-rejected";
import { currentBands } from "../risk-register/risk-bands";
import type { RiskCalculationBody, RiskGrade } from "./schema";

/** Grades factors with the current bands, storing nothing; a factor off the scale is a 400 naming it. */
export async function gradeRisk(
  db: Kysely<DB>,
  { method, factors }: Static<typeof RiskCalculationBody>,
): Promise<Static<typeof RiskGrade>> {
  const result = assessRisk(method, factors, await currentBands(db, method));
  if (!result.ok) {
    throw assessmentRejected(
      result.problems.map((p) => ({ ...p, field: `factors.${p.field.replace(/^factors\./, "")}` })),
    );
  }
  return { score: result.score, level: result.level, colour: result.colour, bandsVersion: result.bandsVersion };
}
