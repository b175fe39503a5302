import type { Kysely, Transaction } from "kysely";
import {
  assessMajorHazard,
  type MajorHazardInput,
  type MajorHazardResult,
} from "../../../domain/major-hazard/assess-major-hazard";
import type { DB } from "../../db/schema";
import { loadThresholdTable } from "./gb18218-table";
import { majorHazardRejected } from "./major-hazard-errors";

export type Identification = Extract<MajorHazardResult, { ok: true }>;

/**
 * Identifies a unit with the current GB 18218 table (GB 18218-2018: S = Σ q/Q ≥ 1 makes it a major hazard source,
 * R = α Σ β q/Q sets its level). A line that cannot be identified is a 400 naming it.
 */
export async function identifyMajorHazard(
  db: Kysely<DB> | Transaction<DB>,
  input: MajorHazardInput,
): Promise<Identification> {
  const table = await loadThresholdTable(db);
  const result = assessMajorHazard(input, table);
  if (!result.ok) throw majorHazardRejected(result.problems);
  return result;
}
