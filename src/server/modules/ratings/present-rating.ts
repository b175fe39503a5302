import type { Selectable } from "kysely";
import type { RatingContribution } from "../../../domain/rating/rating-model";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import type { Locale } from "../../../domain/text";
import type { EnterpriseRatingHistoryTable, EnterpriseRatingTable } from "../../db/schema";

export function presentEnterpriseRating(
  current: Selectable<EnterpriseRatingTable> | null,
  history: Selectable<EnterpriseRatingHistoryTable>[],
  locale: Locale,
) {
  const en = locale === "en";
  return {
    rating: current
      ? {
          score: current.score,
          level: current.level as RiskLevel,
          explanation: en ? current.explanation_en : current.explanation_zh,
          contributions: current.contributions as RatingContribution[],
          inputs: current.inputs,
          weightsVersion: current.weights_version,
          computedAt: current.computed_at.toISOString(),
        }
      : null,
    history: history.map((h) => ({
      computedAt: h.computed_at.toISOString(),
      score: h.score,
      level: h.level as RiskLevel,
      explanation: en ? h.explanation_en : h.explanation_zh,
    })),
  };
}

export function presentRatedEnterprise(row: {
  id: string;
  name: string;
  score: number;
  level: number;
  explanation: string;
}) {
  return { id: row.id, name: row.name, score: row.score, level: row.level as RiskLevel, explanation: row.explanation };
}
