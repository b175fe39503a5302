// The shapes of the API's answers (docs: /api/docs). Kept by hand: the web never imports the server.
import type { Permission, Role } from "../../domain/access/roles";
import type { CheckFrequency } from "../../domain/inspection/schedule";
import type { AssessmentMethod } from "../../domain/risk/scales";

export type { Permission, Role };

export type Me = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  territory: { id: string; code: string; name: string; path: string } | null;
  industries: string[];
  enterpriseIds: string[];
  organisation: { id: string; name: string; kind: OrganisationKind } | null;
  permissions: Permission[];
};

export type Session = { user: Me; csrfToken: string };

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export type Overview = {
  enterprises: number;
  territories: number;
  users: number;
  byIndustrySection: { section: string; name: string; count: number }[];
  byStatus: { status: EnterpriseStatus; count: number }[];
};

export type TerritoryLevel = "city" | "district" | "town" | "grid";

export type TerritoryNode = {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  level: TerritoryLevel;
  parentId: string | null;
  path: string;
  enterpriseCount: number;
};

export type Position = [number, number];
export type GeoPolygon = { type: "Polygon"; coordinates: Position[][] };
export type Bbox = { minLng: number; minLat: number; maxLng: number; maxLat: number };

export type TerritoryDetail = TerritoryNode & { boundary: GeoPolygon | null; bbox: Bbox | null };

export const ENTERPRISE_SCALES = ["large", "medium", "small", "micro"] as const;
export type EnterpriseScale = (typeof ENTERPRISE_SCALES)[number];
export const ENTERPRISE_STATUSES = ["operating", "suspended", "closed"] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];

export type EnterpriseSummary = {
  id: string;
  name: string;
  uscc: string;
  industryCode: string;
  industryName: string;
  scale: EnterpriseScale;
  territoryId: string;
  territoryName: string;
  status: EnterpriseStatus;
  address: string;
};

export type SafetyManager = { name: string; phone: string };
export type Contact = { name: string; role?: string; phone: string };

export type Enterprise = EnterpriseSummary & {
  lng: number | null;
  lat: number | null;
  principalName: string;
  principalPhone: string;
  safetyManagers: SafetyManager[];
  contacts: Contact[];
  territoryPath: string;
  closedAt: string | null;
  closedReason: string;
  /** Records are kept against it: it can be closed, not deleted. */
  hasHistory: boolean;
  createdAt: string;
  updatedAt: string;
};

export type EnterpriseInput = {
  name: string;
  uscc: string;
  industryCode: string;
  scale: EnterpriseScale;
  address?: string;
  lng?: number | null;
  lat?: number | null;
  territoryId: string;
  principalName?: string;
  principalPhone?: string;
  safetyManagers?: SafetyManager[];
  contacts?: Contact[];
  status?: EnterpriseStatus;
};

/** One field the server rejected, with its reason in the user's language. */
export type FieldProblem = { field: string; message: string };

export type ReferenceKind = "industry" | "accident-type" | "hazard-factor" | "risk-level";

export type ReferenceItem = {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
  attributes: Record<string, unknown> | null;
};

export type ReferenceSet = {
  kind: ReferenceKind;
  version: string;
  title: string;
  source?: string;
  items: ReferenceItem[];
};

export type ControlLevelCode = "company" | "department" | "workshop" | "team" | "post";
export type ControlLevelMapping = {
  items: { riskLevel: number; controlLevel: ControlLevelCode }[];
  controlLevels: { code: ControlLevelCode; nameZh: string; nameEn: string }[];
};

export type User = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  territory: { id: string; code: string; name: string } | null;
  industries: string[];
  enterpriseIds: string[];
  organisation: { id: string; name: string } | null;
  disabled: boolean;
  createdAt: string;
};

export type UserInput = {
  username?: string;
  displayName?: string;
  password?: string;
  role?: Role;
  territoryId?: string | null;
  industries?: string[];
  enterpriseIds?: string[];
  organisationId?: string | null;
  disabled?: boolean;
};

export const ORGANISATION_KINDS = ["emergency_management", "industry_department", "insurer", "third_party"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export type Organisation = {
  id: string;
  kind: OrganisationKind;
  name: string;
  territory: { id: string; name: string } | null;
  industries: string[];
  phone?: string;
};

export type AuditEntry = {
  seq: number;
  at: string;
  actorName: string;
  actorIp: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  hash: string;
};

export type AuditVerification = { ok: boolean; checked: number; firstBadSeq: number | null; reason: string | null };

export type ApiToken = {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export type CreatedApiToken = { id: string; token: string; expiresAt: string };

// ——— Risk classification control: risk points, hazards, assessments, measures ———

export const RISK_POINT_KINDS = ["place", "facility", "process", "operation"] as const;
export type RiskPointKind = (typeof RISK_POINT_KINDS)[number];
export const PUBLIC_CATEGORIES = [
  "crowded_place",
  "gas_pipeline",
  "construction_site",
  "traffic",
  "water",
  "other",
] as const;
export type PublicCategory = (typeof PUBLIC_CATEGORIES)[number];
export const MEASURE_KINDS = ["engineering", "management", "training", "protection", "emergency"] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export type RiskOwnerKind = "enterprise" | "territory";
export type RiskLevelNumber = 1 | 2 | 3 | 4;

export type RiskPointSummary = {
  id: string;
  ownerId: string;
  ownerKind: RiskOwnerKind;
  ownerName: string;
  kind: RiskPointKind;
  publicCategory: PublicCategory | null;
  name: string;
  unit: string;
  lng: number | null;
  lat: number | null;
  level: RiskLevelNumber | null;
  colour: string | null;
  controlLevel: ControlLevelCode | null;
  controllingUnit: string;
  responsiblePerson: string;
  hazardCount: number;
};

export type Assessment = {
  id: string;
  method: AssessmentMethod;
  factors: Record<string, number>;
  score: number;
  level: RiskLevelNumber;
  colour: string;
  bandsVersion: string;
  bandsAreCurrent: boolean;
  assessorName: string;
  assessorOrganisation: string | null;
  note: string;
  assessedAt: string;
};

export type Hazard = {
  id: string;
  description: string;
  factorCode: string;
  accidentTypes: string[];
  consequences: string;
  level: RiskLevelNumber | null;
  assessmentCount: number;
  assessment: Assessment | null;
};

export type ControlMeasure = {
  id: string;
  hazardId: string | null;
  kind: MeasureKind;
  content: string;
  checkContent: string;
  checkFrequency: CheckFrequency;
  responsiblePerson: string;
};

export type RiskPoint = RiskPointSummary & {
  area: GeoPolygon | null;
  photoIds: string[];
  controlLevelSetByUser: boolean;
  responsiblePhone: string;
  emergencyPhone: string;
  publicToken: string;
  updatedAt: string;
  hazards: Hazard[];
  measures: ControlMeasure[];
};

export type RiskPointInput = {
  ownerId?: string;
  kind?: RiskPointKind;
  name?: string;
  unit?: string;
  lng?: number | null;
  lat?: number | null;
  publicCategory?: PublicCategory | null;
  photoIds?: string[];
  controlLevel?: ControlLevelCode | null;
  controllingUnit?: string;
  responsiblePerson?: string;
  responsiblePhone?: string;
  emergencyPhone?: string;
};

export type HazardInput = { description: string; factorCode: string; accidentTypes: string[]; consequences?: string };

export type MeasureInput = {
  kind: MeasureKind;
  content: string;
  checkContent?: string;
  checkFrequency: CheckFrequency;
  responsiblePerson?: string;
  hazardId?: string | null;
};

export type ScaleValue = { value: number; meaningZh: string; meaningEn: string };
export type RiskBands = {
  method: AssessmentMethod;
  version: string;
  thresholds: { level: 1 | 2 | 3; minScore: number }[];
};
export type RiskMethod = { method: AssessmentMethod; scales: Record<string, ScaleValue[]>; bands: RiskBands };
export type RiskMethods = { methods: RiskMethod[] };
export type RiskGrade = { score: number; level: RiskLevelNumber; colour: string; bandsVersion: string };

export type RiskStats = {
  byColour: { level: RiskLevelNumber | null; colour: string | null; count: number }[];
  byUnit: { unit: string; counts: Record<"1" | "2" | "3" | "4", number>; notAssessed: number }[];
  byAccidentType: { code: string; nameZh: string; nameEn: string; riskPoints: number }[];
};

export type Attachment = { id: string; fileName: string; contentType: string; sizeBytes: number };

// ——— Major hazard sources (GB 18218-2018) ———

export type MajorHazardSubstance = {
  cas: string | null;
  name: string | null;
  hazardClass: string | null;
  quantityTonnes: number;
};

export type MajorHazardTerm = {
  substance: string;
  cas: string | null;
  q: number;
  Q: number;
  beta: number;
  ratio: number;
  thresholdFrom?: "named_substance" | "hazard_class";
  betaFrom?: string;
  hazardClass?: string | null;
};

export type MajorHazardResult = {
  tableVersion: string;
  s: number;
  isMajorHazard: boolean;
  alpha: number;
  r: number;
  level: RiskLevelNumber | null;
  terms: MajorHazardTerm[];
  computedAt?: string;
};

export const FILING_STATUSES = ["submitted", "accepted", "returned"] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

export type MajorHazardUnitKind = "plant" | "storage";

/** What the enterprise filed: the unit as it was at that moment. */
export type FilingSnapshot = {
  name?: string;
  unitKind?: MajorHazardUnitKind;
  exposedPopulation?: number;
  substances?: MajorHazardSubstance[];
  result?: MajorHazardResult | null;
};

export type MajorHazardFiling = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  unitId: string;
  unitName: string;
  status: FilingStatus;
  level: RiskLevelNumber | null;
  safetyMeasures: string;
  emergencyMeasures: string;
  snapshot: FilingSnapshot;
  submittedAt: string;
  decidedAt: string | null;
  decisionReason: string | null;
};

export type MajorHazardUnit = {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  name: string;
  unitKind: MajorHazardUnitKind;
  exposedPopulation: number;
  lng: number | null;
  lat: number | null;
  substances: MajorHazardSubstance[];
  result: MajorHazardResult | null;
  filings: MajorHazardFiling[];
};

export type MajorHazardUnitInput = {
  name: string;
  unitKind: MajorHazardUnitKind;
  exposedPopulation: number;
  lng?: number | null;
  lat?: number | null;
  substances: { cas?: string; name?: string; hazardClass?: string; quantityTonnes: number }[];
};

export type Gb18218Substance = {
  cas: string | null;
  nameZh: string;
  nameEn: string;
  aliases: string[];
  thresholdTonnes: number;
  hazardClass: string;
  betaToxicGas?: number;
};
export type Gb18218Class = { code: string; nameZh: string; nameEn: string; thresholdTonnes: number; beta: number };
export type Gb18218Table = { version: string; substances: Gb18218Substance[]; classes: Gb18218Class[] };

type BilingualName = { zh: string; en: string };

/** The public notice card a posted card's QR code opens: no ids, coordinates or personal phone numbers. */
export type PublicRiskCard = {
  ownerName: string;
  pointName: string;
  unit: string;
  level: RiskLevelNumber | null;
  colour: string | null;
  levelName: BilingualName;
  hazards: { description: string; accidentTypes: BilingualName[] }[];
  measures: Record<MeasureKind, string[]>;
  emergencyPhone: string;
  controllingUnit: string;
  responsiblePerson: string;
  updatedAt: string;
};
