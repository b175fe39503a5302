import { Type } from "typebox";
import { RISK_COLOURS } from "../../../domain/reference/risk-levels";
import { OneOf } from "../../http/schemas";
import { Method } from "../risk-register/schema";

export { MajorHazardInput, MajorHazardResult } from "../major-hazards/schema";

export const RiskCalculationBody = Type.Object(
  { method: Method, factors: Type.Record(Type.String(), Type.Unknown()) },
  { additionalProperties: false },
);

export const RiskGrade = Type.Object({
  score: Type.Number(),
  level: Type.Integer(),
  colour: OneOf(RISK_COLOURS),
  bandsVersion: Type.String(),
});
