import { Type } from "typebox";
import { DateTime, OneOf, RiskLevel, Uuid } from "../../http/schemas";

export const RatingListQuery = Type.Object(
  {
    level: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
    territoryId: Type.Optional(Uuid),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  { additionalProperties: false },
);

/** One line of a rating's explanation (src/domain/rating/rating-model.ts). */
const Contribution = Type.Object({
  factor: Type.String(),
  kind: OneOf(["inherent", "dynamic", "cap"]),
  count: Type.Number({ description: "Units counted (1 for industry and scale, 0 for the cap line)" }),
  points: Type.Number({ description: "One decimal; negative only on the cap line" }),
  textZh: Type.String(),
  textEn: Type.String(),
});

export const EnterpriseRating = Type.Object({
  rating: Type.Union([
    Type.Object({
      score: Type.Number({ description: "0–100, one decimal: the sum of the contributions' points" }),
      level: RiskLevel,
      explanation: Type.String({ description: "In the caller's language" }),
      contributions: Type.Array(Contribution),
      inputs: Type.Unknown({ description: "The figures the rating was computed from" }),
      weightsVersion: Type.String(),
      computedAt: DateTime,
    }),
    Type.Null(),
  ]),
  history: Type.Array(
    Type.Object({ computedAt: DateTime, score: Type.Number(), level: RiskLevel, explanation: Type.String() }),
    { description: "Newest first, at most 100" },
  ),
});

export const RatingList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      name: Type.String(),
      score: Type.Number(),
      level: RiskLevel,
      explanation: Type.String({ description: "In the caller's language" }),
    }),
  ),
  total: Type.Integer(),
});
