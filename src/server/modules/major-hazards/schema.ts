import { Type } from "typebox";
import { FILING_DECISIONS, FILING_STATUSES, UNIT_KINDS } from "../../../domain/major-hazard/vocabulary";
import { NullableNumber, OneOf, Uuid } from "../../http/schemas";

/** GB 18218-2018: the substances of a unit with their quantities, and the people living within 500 m. */
export const MajorHazardInput = Type.Object(
  {
    substances: Type.Array(
      Type.Object(
        {
          cas: Type.Optional(Type.String({ maxLength: 20 })),
          name: Type.Optional(Type.String({ maxLength: 100 })),
          hazardClass: Type.Optional(Type.String({ maxLength: 10 })),
          quantityTonnes: Type.Number(),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
    exposedPopulation: Type.Integer(),
  },
  { additionalProperties: false },
);

/** S = Σ q/Q, whether the unit is a major hazard source, R = α Σ β q/Q and its level, with every term. */
export const MajorHazardResult = Type.Object({
  tableVersion: Type.String(),
  s: Type.Number(),
  isMajorHazard: Type.Boolean(),
  alpha: Type.Number(),
  r: Type.Number(),
  level: Type.Union([Type.Integer({ minimum: 1, maximum: 4 }), Type.Null()]),
  terms: Type.Array(
    Type.Object({
      substance: Type.String(),
      cas: Type.Union([Type.String(), Type.Null()]),
      q: Type.Number(),
      Q: Type.Number(),
      beta: Type.Number(),
      ratio: Type.Number(),
      thresholdFrom: Type.Optional(Type.String()),
      betaFrom: Type.Optional(Type.String()),
      hazardClass: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    }),
  ),
});

// ——— Requests ———

export const UnitBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    unitKind: OneOf(UNIT_KINDS),
    exposedPopulation: MajorHazardInput.properties.exposedPopulation,
    lng: Type.Optional(NullableNumber({ minimum: -180, maximum: 180 })),
    lat: Type.Optional(NullableNumber({ minimum: -90, maximum: 90 })),
    substances: MajorHazardInput.properties.substances,
  },
  { additionalProperties: false },
);

export const UnitCreateBody = Type.Object(
  { enterpriseId: Uuid, ...UnitBody.properties },
  { additionalProperties: false },
);

export const UnitListQuery = Type.Object({
  enterpriseId: Type.Optional(Uuid),
  majorOnly: Type.Optional(Type.Boolean()),
});

export const FilingBody = Type.Object(
  {
    safetyMeasures: Type.String({ minLength: 10, maxLength: 5000 }),
    emergencyMeasures: Type.String({ minLength: 10, maxLength: 5000 }),
  },
  { additionalProperties: false },
);

export const FilingListQuery = Type.Object({ status: Type.Optional(OneOf(FILING_STATUSES)) });

export const DecisionBody = Type.Object(
  {
    decision: OneOf(FILING_DECISIONS),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const Gb18218Query = Type.Object({ version: Type.Optional(Type.String({ maxLength: 60 })) });

export const SubstanceBody = Type.Object(
  {
    cas: Type.Union([Type.String({ pattern: "^\\d{2,7}-\\d{2}-\\d$" }), Type.Null()]),
    nameZh: Type.String({ minLength: 1, maxLength: 100 }),
    nameEn: Type.String({ minLength: 1, maxLength: 100 }),
    aliases: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
    thresholdTonnes: Type.Number({ exclusiveMinimum: 0 }),
    hazardClass: Type.String({ maxLength: 10 }),
    betaToxicGas: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  },
  { additionalProperties: false },
);

// ——— Answers ———

export const Filing = Type.Object({
  id: Type.String(),
  enterpriseId: Type.String(),
  enterpriseName: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  status: OneOf(FILING_STATUSES),
  level: Type.Union([Type.Integer(), Type.Null()]),
  safetyMeasures: Type.String(),
  emergencyMeasures: Type.String(),
  snapshot: Type.Unknown(),
  submittedAt: Type.String(),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  decisionReason: Type.Union([Type.String(), Type.Null()]),
});

export const FilingList = Type.Object({ items: Type.Array(Filing) });

export const Unit = Type.Object({
  id: Type.String(),
  enterpriseId: Type.String(),
  enterpriseName: Type.String(),
  name: Type.String(),
  unitKind: OneOf(UNIT_KINDS),
  exposedPopulation: Type.Integer(),
  lng: Type.Union([Type.Number(), Type.Null()]),
  lat: Type.Union([Type.Number(), Type.Null()]),
  substances: Type.Array(
    Type.Object({
      cas: Type.Union([Type.String(), Type.Null()]),
      name: Type.Union([Type.String(), Type.Null()]),
      hazardClass: Type.Union([Type.String(), Type.Null()]),
      quantityTonnes: Type.Number(),
    }),
  ),
  result: Type.Union([Type.Intersect([MajorHazardResult, Type.Object({ computedAt: Type.String() })]), Type.Null()]),
  filings: Type.Array(Filing),
});

export const UnitList = Type.Object({ items: Type.Array(Unit) });

/** A version of the GB 18218 threshold table: named substances (table 1) and classes (tables 2 and 4). */
export const Gb18218Table = Type.Object({
  version: Type.String(),
  substances: Type.Array(
    Type.Object({
      cas: Type.Union([Type.String(), Type.Null()]),
      otherCas: Type.Optional(Type.Array(Type.String())),
      nameZh: Type.String(),
      nameEn: Type.String(),
      aliases: Type.Array(Type.String()),
      thresholdTonnes: Type.Number(),
      hazardClass: Type.String(),
      betaToxicGas: Type.Optional(Type.Number()),
    }),
  ),
  classes: Type.Array(
    Type.Object({
      code: Type.String(),
      nameZh: Type.String(),
      nameEn: Type.String(),
      thresholdTonnes: Type.Number(),
      beta: Type.Number(),
    }),
  ),
});

export const SubstanceAdded = Type.Object({
  version: Type.String({ description: "The new table version" }),
  substances: Type.Integer({ description: "How many named substances it holds" }),
});
