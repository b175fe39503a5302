// Names for the API's answers. Each is the generated contract's type (./contract over ./openapi.d.ts, from the server's
// OpenAPI document), narrowed only where the server declares a field loosely.
import type { Permission, Role } from "../../domain/access/roles";
import type { MajorHazardUnitKind } from "../../domain/major-hazard/vocabulary";
import type { Answer, ItemOf, RequestBody } from "./contract";

export type { Permission, Role };

/** The signed-in user, as /auth/me answers it; role and permissions are the domain's codes. */
export type Me = Omit<Answer<"/api/v1/auth/me">["user"], "role" | "permissions"> & {
  role: Role;
  permissions: Permission[];
};

export type Session = { user: Me; csrfToken: string };

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export type Overview = Answer<"/api/v1/overview">;

export type TerritoryLevel = "city" | "district" | "town" | "grid";

export type TerritoryNode = ItemOf<"/api/v1/territories">;

export type Position = [number, number];
export type GeoPolygon = { type: "Polygon"; coordinates: Position[][] };
export type Bbox = { minLng: number; minLat: number; maxLng: number; maxLat: number };

/** One territory with its outline (declared loosely by the server: a GeoJSON polygon or null). */
export type TerritoryDetail = Omit<Answer<"/api/v1/territories/{id}">, "boundary"> & { boundary: GeoPolygon | null };

export const ENTERPRISE_SCALES = ["large", "medium", "small", "micro"] as const;
export type EnterpriseScale = (typeof ENTERPRISE_SCALES)[number];
export const ENTERPRISE_STATUSES = ["operating", "suspended", "closed"] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];

export type EnterpriseSummary = ItemOf<"/api/v1/enterprises">;
export type Enterprise = Answer<"/api/v1/enterprises/{id}">;
export type SafetyManager = Enterprise["safetyManagers"][number];
export type Contact = Enterprise["contacts"][number];

export type EnterpriseInput = RequestBody<"/api/v1/enterprises", "post">;

/** One field the server rejected, with its reason in the user's language. */
export type FieldProblem = { field: string; message: string };

export type ReferenceKind = "industry" | "accident-type" | "hazard-factor" | "risk-level";

type ReferenceAnswer = Answer<"/api/v1/reference/{kind}">;
/** One code of a reference set; its attributes (a risk level's colours, say) are declared only as "unknown". */
export type ReferenceItem = Omit<ReferenceAnswer["items"][number], "attributes"> & {
  attributes: Record<string, unknown> | null;
};
export type ReferenceSet = Omit<ReferenceAnswer, "items"> & { items: ReferenceItem[] };

export type ControlLevelMapping = Answer<"/api/v1/reference/control-levels">;

export type User = ItemOf<"/api/v1/users">;

export type UserInput = Partial<RequestBody<"/api/v1/users", "post">> & RequestBody<"/api/v1/users/{id}", "patch">;

export const ORGANISATION_KINDS = ["emergency_management", "industry_department", "insurer", "third_party"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export type Organisation = ItemOf<"/api/v1/organisations">;

export type AuditEntry = ItemOf<"/api/v1/audit">;

export type AuditVerification = Answer<"/api/v1/audit/verify", "post">;

export type ApiToken = ItemOf<"/api/v1/tokens">;

export type CreatedApiToken = Answer<"/api/v1/tokens", "post">;

// ——— Risk classification control: risk points, hazards, assessments, measures ———

export type RiskOwnerKind = "enterprise" | "territory";

export type RiskPointSummary = ItemOf<"/api/v1/risk-points">;

/** One risk point with its hazards and measures; its area is declared loosely by the server (a GeoJSON polygon). */
export type RiskPoint = Omit<Answer<"/api/v1/risk-points/{id}">, "area"> & { area: GeoPolygon | null };
export type Hazard = RiskPoint["hazards"][number];
export type Assessment = NonNullable<Hazard["assessment"]>;
export type ControlMeasure = RiskPoint["measures"][number];

export type RiskPointInput = RequestBody<"/api/v1/risk-points/{id}", "patch">;

export type HazardInput = RequestBody<"/api/v1/risk-points/{id}/hazards", "post">;

export type MeasureInput = RequestBody<"/api/v1/risk-points/{id}/measures", "post">;

export type RiskMethods = Answer<"/api/v1/risk-methods">;
export type RiskMethod = RiskMethods["methods"][number];
export type RiskBands = RiskMethod["bands"];
export type RiskGrade = Answer<"/api/v1/calculators/risk", "post">;

export type RiskStats = Answer<"/api/v1/risk-stats">;

export type Attachment = Answer<"/api/v1/attachments", "post">;

// ——— Major hazard sources (GB 18218-2018) ———

type UnitAnswer = Answer<"/api/v1/major-hazard-units/{id}">;
export type MajorHazardSubstance = UnitAnswer["substances"][number];
export type MajorHazardResult = Answer<"/api/v1/calculators/major-hazard", "post">;
export type MajorHazardTerm = MajorHazardResult["terms"][number];
export type MajorHazardUnitInput = RequestBody<"/api/v1/major-hazard-units/{id}", "put">;

/** What the enterprise filed: the unit as it was at that moment (declared by the server only as "unknown"). */
export type FilingSnapshot = {
  name?: string;
  unitKind?: MajorHazardUnitKind;
  exposedPopulation?: number;
  substances?: MajorHazardSubstance[];
  result?: MajorHazardResult | null;
};

/** A filing with its snapshot read as what the enterprise filed. */
export type MajorHazardFiling = Omit<ItemOf<"/api/v1/major-hazard-filings">, "snapshot"> & { snapshot: FilingSnapshot };
/** One unit with its identification result and its filings. */
export type MajorHazardUnit = Omit<UnitAnswer, "filings"> & { filings: MajorHazardFiling[] };

export type Gb18218Table = Answer<"/api/v1/reference/gb18218">;
export type Gb18218Substance = Gb18218Table["substances"][number];
export type Gb18218Class = Gb18218Table["classes"][number];

/** The public notice card a posted card's QR code opens: no ids, coordinates or personal phone numbers. */
export type PublicRiskCard = Answer<"/api/v1/public/risk-cards/{token}">;
