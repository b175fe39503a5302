import { Type } from "typebox";
import { NullableNumber } from "../../http/schemas";

const literalUnion = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const RISK_POINT_KINDS = ["place", "facility", "process", "operation"] as const;
export const PUBLIC_CATEGORIES = [
  "crowded_place",
  "gas_pipeline",
  "construction_site",
  "traffic",
  "water",
  "other",
] as const;
export const CONTROL_LEVELS = ["company", "department", "workshop", "team", "post"] as const;
export const MEASURE_KINDS = ["engineering", "management", "training", "protection", "emergency"] as const;
export const CHECK_FREQUENCIES = ["shift", "daily", "weekly", "monthly", "quarterly", "yearly"] as const;
export const METHODS = ["LS", "LEC", "MES"] as const;

export const Polygon = Type.Object({
  type: Type.Literal("Polygon"),
  coordinates: Type.Array(Type.Array(Type.Tuple([Type.Number(), Type.Number()]), { minItems: 4 }), { minItems: 1 }),
});

const pointFields = {
  kind: literalUnion(RISK_POINT_KINDS),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  unit: Type.String({ maxLength: 100 }),
  lng: NullableNumber({ minimum: -180, maximum: 180 }),
  lat: NullableNumber({ minimum: -90, maximum: 90 }),
  area: Type.Union([Polygon, Type.Null()]),
  publicCategory: Type.Union([literalUnion(PUBLIC_CATEGORIES), Type.Null()]),
  photoIds: Type.Array(Type.String({ format: "uuid" }), { maxItems: 20 }),
  controlLevel: Type.Union([literalUnion(CONTROL_LEVELS), Type.Null()]),
  controllingUnit: Type.String({ maxLength: 100 }),
  responsiblePerson: Type.String({ maxLength: 50 }),
  responsiblePhone: Type.String({ maxLength: 30 }),
  emergencyPhone: Type.String({ maxLength: 30 }),
};

export const RiskPointCreateBody = Type.Object(
  {
    ownerId: Type.String({
      format: "uuid",
      description: "The enterprise, or the territory for a public-area risk point",
    }),
    kind: pointFields.kind,
    name: pointFields.name,
    unit: Type.Optional(pointFields.unit),
    lng: Type.Optional(pointFields.lng),
    lat: Type.Optional(pointFields.lat),
    area: Type.Optional(pointFields.area),
    publicCategory: Type.Optional(pointFields.publicCategory),
    photoIds: Type.Optional(pointFields.photoIds),
    controlLevel: Type.Optional(pointFields.controlLevel),
    controllingUnit: Type.Optional(pointFields.controllingUnit),
    responsiblePerson: Type.Optional(pointFields.responsiblePerson),
    responsiblePhone: Type.Optional(pointFields.responsiblePhone),
    emergencyPhone: Type.Optional(pointFields.emergencyPhone),
  },
  { additionalProperties: false },
);

export const RiskPointPatchBody = Type.Partial(Type.Object(pointFields), {
  additionalProperties: false,
  minProperties: 1,
});

export const HazardBody = Type.Object(
  {
    description: Type.String({ minLength: 2, maxLength: 500 }),
    factorCode: Type.String({ minLength: 1, maxLength: 10, description: "GB/T 13861-2022 code, e.g. 21" }),
    accidentTypes: Type.Array(Type.String({ maxLength: 4 }), {
      minItems: 1,
      maxItems: 20,
      description: "GB 6441 codes",
    }),
    consequences: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const AssessmentBody = Type.Object(
  {
    method: literalUnion(METHODS),
    factors: Type.Record(Type.String(), Type.Unknown()),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const MeasureBody = Type.Object(
  {
    kind: literalUnion(MEASURE_KINDS),
    content: Type.String({ minLength: 2, maxLength: 1000 }),
    checkContent: Type.Optional(Type.String({ maxLength: 500 })),
    checkFrequency: literalUnion(CHECK_FREQUENCIES),
    responsiblePerson: Type.Optional(Type.String({ maxLength: 50 })),
    hazardId: Type.Optional(Type.Union([Type.String({ format: "uuid" }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const Assessment = Type.Object({
  id: Type.String(),
  method: Type.String(),
  factors: Type.Record(Type.String(), Type.Number()),
  score: Type.Number(),
  level: Type.Integer(),
  colour: Type.String(),
  bandsVersion: Type.String(),
  bandsAreCurrent: Type.Boolean(),
  assessorName: Type.String(),
  assessorOrganisation: Type.Union([Type.String(), Type.Null()]),
  note: Type.String(),
  assessedAt: Type.String(),
});

export const Hazard = Type.Object({
  id: Type.String(),
  description: Type.String(),
  factorCode: Type.String(),
  accidentTypes: Type.Array(Type.String()),
  consequences: Type.String(),
  level: Type.Union([Type.Integer(), Type.Null()]),
  assessment: Type.Union([Assessment, Type.Null()]),
  assessmentCount: Type.Integer(),
});

export const Measure = Type.Object({
  id: Type.String(),
  hazardId: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  content: Type.String(),
  checkContent: Type.String(),
  checkFrequency: Type.String(),
  responsiblePerson: Type.String(),
});

export const RiskPointSummary = Type.Object({
  id: Type.String(),
  ownerId: Type.String(),
  ownerKind: Type.String(),
  ownerName: Type.String(),
  kind: Type.String(),
  publicCategory: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  unit: Type.String(),
  lng: Type.Union([Type.Number(), Type.Null()]),
  lat: Type.Union([Type.Number(), Type.Null()]),
  level: Type.Union([Type.Integer(), Type.Null()]),
  colour: Type.Union([Type.String(), Type.Null()]),
  controlLevel: Type.Union([Type.String(), Type.Null()]),
  controllingUnit: Type.String(),
  responsiblePerson: Type.String(),
  hazardCount: Type.Integer(),
});

export const RiskPoint = Type.Object({
  ...RiskPointSummary.properties,
  area: Type.Union([Type.Unknown(), Type.Null()]),
  photoIds: Type.Array(Type.String()),
  controlLevelSetByUser: Type.Boolean(),
  responsiblePhone: Type.String(),
  emergencyPhone: Type.String(),
  publicToken: Type.String(),
  hazards: Type.Array(Hazard),
  measures: Type.Array(Measure),
  updatedAt: Type.String(),
});

export const RiskPointListQuery = Type.Object(
  {
    ownerId: Type.Optional(Type.String({ format: "uuid" })),
    level: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
    unit: Type.Optional(Type.String({ maxLength: 100 })),
    publicOnly: Type.Optional(Type.Boolean()),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });
