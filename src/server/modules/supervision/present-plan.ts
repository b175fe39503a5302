import type { Selectable } from "kysely";
import type { Static } from "typebox";
import type { FrequencyConfig } from "../../../domain/supervision/inspection-frequency";
import type { PlanSummary } from "../../../domain/supervision/plan";
import type { SupervisionPlanTable } from "../../db/schema";
import type { Plan, PlanCompletion } from "./schema";

/** A stored plan with the names of its department and territory. */
export type PlanRow = Selectable<SupervisionPlanTable> & { organisation_name: string; territory_name: string };

/** Planned inspections and how many of them have been done, as the completion query counts them. */
export type CompletionCounts = { planned: number; inspected: number };

function completionFigures(value: CompletionCounts | undefined): Static<typeof PlanCompletion> {
  const planned = value?.planned ?? 0;
  const inspected = value?.inspected ?? 0;
  return { planned, inspected, ratio: planned === 0 ? null : inspected / planned };
}

/** "2026" for an annual plan (stored as month 0), "2026-03" for a monthly one. */
function period(year: number, month: number) {
  return month === 0 ? `${year}` : `${year}-${String(month).padStart(2, "0")}`;
}

export function presentPlan(row: PlanRow, completion: CompletionCounts | undefined): Static<typeof Plan> {
  return {
    id: row.id,
    organisation: { id: row.organisation_id, name: row.organisation_name },
    territory: { id: row.territory_id, name: row.territory_name, path: row.territory_path },
    year: row.year,
    month: row.month === 0 ? null : row.month,
    period: period(row.year, row.month),
    seed: row.seed,
    seedNumber: row.seed_number,
    annualSeed: row.annual_seed,
    capacity: row.capacity,
    frequency: row.frequency as FrequencyConfig,
    summary: row.summary as PlanSummary,
    generatedAt: row.generated_at.toISOString(),
    generatedByName: row.generated_by_name,
    completion: completionFigures(completion),
  };
}
