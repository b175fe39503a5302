import { type TArray, type TString, Type } from "typebox";
import { CONTROL_LEVELS, RISK_COLOURS } from "../../../domain/reference/risk-levels";
import { ASSESSMENT_METHODS } from "../../../domain/risk/scales";
import {
  CHECK_FREQUENCIES,
  MEASURE_KINDS,
  type MeasureKind,
  PUBLIC_CATEGORIES,
  RISK_POINT_KINDS,
} from "../../../domain/risk/vocabulary";
import { DateTime, FileResponse, Items, NullableNumber, OneOf, PageQuery, RiskLevel, Uuid } from "../../http/schemas";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const OwnerId = Type.String({
  format: "uuid",
  description: "The enterprise, or the territory for a public-area risk point",
});
const LevelFilter = Type.Integer({ minimum: 1, maximum: 4 });
const NullableLevel = Type.Union([Type.Integer(), Type.Null()]);

export const Method = OneOf(ASSESSMENT_METHODS);

export const Polygon = Type.Object({
  type: Type.Literal("Polygon"),
  coordinates: Type.Array(Type.Array(Type.Tuple([Type.Number(), Type.Number()]), { minItems: 4 }), { minItems: 1 }),
});

// ——— Requests ———

const pointFields = {
  kind: OneOf(RISK_POINT_KINDS),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  unit: Type.String({ maxLength: 100 }),
  lng: NullableNumber({ minimum: -180, maximum: 180 }),
  lat: NullableNumber({ minimum: -90, maximum: 90 }),
  area: Type.Union([Polygon, Type.Null()]),
  publicCategory: Type.Union([OneOf(PUBLIC_CATEGORIES), Type.Null()]),
  photoIds: Type.Array(Uuid, { maxItems: 20 }),
  controlLevel: Type.Union([OneOf(CONTROL_LEVELS), Type.Null()]),
  controllingUnit: Type.String({ maxLength: 100 }),
  responsiblePerson: Type.String({ maxLength: 50 }),
  responsiblePhone: Type.String({ maxLength: 30 }),
  emergencyPhone: Type.String({ maxLength: 30 }),
};

export const RiskPointCreateBody = Type.Object(
  {
    ownerId: OwnerId,
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

export const RiskPointListQuery = Type.Object(
  {
    ownerId: Type.Optional(Uuid),
    level: Type.Optional(LevelFilter),
    unit: Type.Optional(Type.String({ maxLength: 100 })),
    publicOnly: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
);

/** One register, optionally narrowed to a level and a unit (the control list as XLSX or PDF). */
export const ControlListQuery = Type.Object(
  {
    ownerId: Uuid,
    level: Type.Optional(LevelFilter),
    unit: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const OwnerQuery = Type.Object({ ownerId: Uuid }, { additionalProperties: false });

export const CardQuery = Type.Object(
  { size: Type.Union([Type.Literal("A4"), Type.Literal("A5")], { default: "A4" }) },
  { additionalProperties: false },
);

export const TokenParams = Type.Object({ token: Type.String({ maxLength: 100 }) });

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

export const HazardPatchBody = Type.Partial(HazardBody, { minProperties: 1 });

export const AssessmentBody = Type.Object(
  {
    method: Method,
    factors: Type.Record(Type.String(), Type.Unknown()),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const MeasureBody = Type.Object(
  {
    kind: OneOf(MEASURE_KINDS),
    content: Type.String({ minLength: 2, maxLength: 1000 }),
    checkContent: Type.Optional(Type.String({ maxLength: 500 })),
    checkFrequency: OneOf(CHECK_FREQUENCIES),
    responsiblePerson: Type.Optional(Type.String({ maxLength: 50 })),
    hazardId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { additionalProperties: false },
);

export const MeasurePatchBody = Type.Partial(Type.Omit(MeasureBody, ["hazardId"]), {
  additionalProperties: false,
  minProperties: 1,
});

export const MethodParams = Type.Object({ method: Method });

export const BandsBody = Type.Object(
  {
    thresholds: Type.Array(
      Type.Object({ level: Type.Integer({ minimum: 1, maximum: 3 }), minScore: Type.Number({ exclusiveMinimum: 0 }) }),
      { minItems: 3, maxItems: 3 },
    ),
  },
  { additionalProperties: false },
);

// ——— Answers ———

export const Assessment = Type.Object({
  id: Type.String(),
  method: Method,
  factors: Type.Record(Type.String(), Type.Number()),
  score: Type.Number(),
  level: Type.Integer(),
  colour: OneOf(RISK_COLOURS),
  bandsVersion: Type.String(),
  bandsAreCurrent: Type.Boolean(),
  assessorName: Type.String(),
  assessorOrganisation: Type.Union([Type.String(), Type.Null()]),
  note: Type.String(),
  assessedAt: Type.String(),
});

export const AssessmentHistory = Items(Assessment);

export const Hazard = Type.Object({
  id: Type.String(),
  description: Type.String(),
  factorCode: Type.String(),
  accidentTypes: Type.Array(Type.String()),
  consequences: Type.String(),
  level: NullableLevel,
  assessment: Type.Union([Assessment, Type.Null()]),
  assessmentCount: Type.Integer(),
});

export const Measure = Type.Object({
  id: Type.String(),
  hazardId: Type.Union([Type.String(), Type.Null()]),
  kind: OneOf(MEASURE_KINDS),
  content: Type.String(),
  checkContent: Type.String(),
  checkFrequency: OneOf(CHECK_FREQUENCIES),
  responsiblePerson: Type.String(),
});

export const RiskPointSummary = Type.Object({
  id: Type.String(),
  ownerId: Type.String(),
  ownerKind: Type.Union([Type.Literal("enterprise"), Type.Literal("territory")]),
  ownerName: Type.String(),
  kind: OneOf(RISK_POINT_KINDS),
  publicCategory: Type.Union([OneOf(PUBLIC_CATEGORIES), Type.Null()]),
  name: Type.String(),
  unit: Type.String(),
  lng: Type.Union([Type.Number(), Type.Null()]),
  lat: Type.Union([Type.Number(), Type.Null()]),
  level: NullableLevel,
  colour: Type.Union([OneOf(RISK_COLOURS), Type.Null()]),
  controlLevel: Type.Union([OneOf(CONTROL_LEVELS), Type.Null()]),
  controllingUnit: Type.String(),
  responsiblePerson: Type.String(),
  hazardCount: Type.Integer(),
});

export const RiskPointList = Type.Object({ items: Type.Array(RiskPointSummary), total: Type.Integer() });

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

const ImportCounts = Type.Object({ created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() });

export const RegisterImportSummary = Type.Object({
  riskPoints: ImportCounts,
  hazards: ImportCounts,
  assessments: Type.Integer(),
});

export const RiskBands = Type.Object({
  method: Method,
  version: Type.String(),
  thresholds: Type.Array(Type.Object({ level: Type.Integer({ minimum: 1, maximum: 3 }), minScore: Type.Number() })),
});

const ScaleValue = Type.Object({ value: Type.Number(), meaningZh: Type.String(), meaningEn: Type.String() });

export const RiskMethods = Type.Object({
  methods: Type.Array(
    Type.Object({
      method: Method,
      scales: Type.Record(Type.String(), Type.Array(ScaleValue), { description: "Each factor's valid values" }),
      bands: RiskBands,
    }),
  ),
});

export const RiskStats = Type.Object({
  byColour: Type.Array(
    Type.Object({
      level: Type.Union([RiskLevel, Type.Null()]),
      colour: Type.Union([OneOf(RISK_COLOURS), Type.Null()]),
      count: Type.Integer(),
    }),
  ),
  byUnit: Type.Array(
    Type.Object({
      unit: Type.String(),
      counts: Type.Record(Type.String(), Type.Integer(), { description: "Risk points by level 1–4" }),
      notAssessed: Type.Integer(),
    }),
  ),
  byAccidentType: Type.Array(
    Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String(), riskPoints: Type.Integer() }),
  ),
});

const BilingualName = Type.Object({ zh: Type.String(), en: Type.String() });

/** What anyone who scans a posted notice card may see: no ids, coordinates or people's phone numbers. */
export const PublicRiskCard = Type.Object({
  ownerName: Type.String(),
  pointName: Type.String(),
  unit: Type.String(),
  level: Type.Union([Type.Integer({ minimum: 1, maximum: 4 }), Type.Null()]),
  colour: Type.Union([Type.String(), Type.Null()]),
  levelName: BilingualName,
  hazards: Type.Array(Type.Object({ description: Type.String(), accidentTypes: Type.Array(BilingualName) })),
  /** Control measures' contents by kind. */
  measures: Type.Object(
    Object.fromEntries(MEASURE_KINDS.map((kind) => [kind, Type.Array(Type.String())])) as {
      [kind in MeasureKind]: TArray<TString>;
    },
  ),
  emergencyPhone: Type.String(),
  controllingUnit: Type.String(),
  responsiblePerson: Type.String(),
  updatedAt: DateTime,
});

export const ControlListXlsx = FileResponse(XLSX, "The risk classification control list as XLSX");
export const RegisterTemplateXlsx = FileResponse(XLSX, "The register import template as XLSX");
export const ControlListPdf = FileResponse("application/pdf", "The control list as a landscape A4 PDF");
export const NoticeCardPdf = FileResponse("application/pdf", "The risk notice card as an A4 or A5 PDF");
