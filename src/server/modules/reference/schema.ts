import { Type } from "typebox";
import { CONTROL_LEVELS } from "../../../domain/reference/risk-levels";
import { OneOf } from "../../http/schemas";

/** URL names of the reference kinds, mapped to their stored kind. */
export const REFERENCE_KINDS = {
  industry: "industry",
  "accident-type": "accident_type",
  "hazard-factor": "hazard_factor",
  "risk-level": "risk_level",
} as const;

export const ReferenceKindParams = Type.Object({
  kind: OneOf(Object.keys(REFERENCE_KINDS) as (keyof typeof REFERENCE_KINDS)[]),
});

export const ReferenceVersionQuery = Type.Object({ version: Type.Optional(Type.String({ maxLength: 50 })) });

export const ReferenceSet = Type.Object({
  kind: Type.String(),
  version: Type.String(),
  title: Type.String(),
  source: Type.String(),
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      parentCode: Type.Union([Type.String(), Type.Null()]),
      nameZh: Type.String(),
      nameEn: Type.String(),
      attributes: Type.Unknown(),
    }),
  ),
});

/** Which organisational level controls each risk level: four entries, one per level. */
export const ControlLevelMapping = Type.Object({
  items: Type.Array(
    Type.Object({ riskLevel: Type.Integer({ minimum: 1, maximum: 4 }), controlLevel: OneOf(CONTROL_LEVELS) }),
    { minItems: 4, maxItems: 4 },
  ),
});

export const ControlLevels = Type.Object({
  ...ControlLevelMapping.properties,
  controlLevels: Type.Array(Type.Object({ code: OneOf(CONTROL_LEVELS), nameZh: Type.String(), nameEn: Type.String() })),
});
