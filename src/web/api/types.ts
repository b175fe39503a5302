// The shapes of the API's answers (docs: /api/docs). Kept by hand: the web never imports the server.
import type { Permission, Role } from "../../domain/access/roles";

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

export type ImportResult = { created: number; updated: number; unchanged: number; total: number };
export type ImportRowError = { row: number; column: string; reason: string };

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
