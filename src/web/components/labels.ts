import type { Role } from "../../domain/access/roles";
import type { FilingStatus, MajorHazardUnitKind } from "../../domain/major-hazard/vocabulary";
import type { CheckFrequency, MeasureKind, PublicCategory, RiskPointKind } from "../../domain/risk/vocabulary";
import type { EnterpriseScale, EnterpriseStatus, OrganisationKind, TerritoryLevel } from "../api/types";
import type { MessageKey, Translate } from "../i18n";

// One place that turns stable codes into words, so a role or status reads the same on every page.

const ROLE_LABELS: Record<Role, MessageKey> = {
  admin: "role.admin",
  supervisor: "role.supervisor",
  department: "role.department",
  enterprise_principal: "role.enterprise_principal",
  safety_manager: "role.safety_manager",
  employee: "role.employee",
  insurer: "role.insurer",
  third_party: "role.third_party",
  integrator: "role.integrator",
};

const STATUS_LABELS: Record<EnterpriseStatus, MessageKey> = {
  operating: "enterpriseStatus.operating",
  suspended: "enterpriseStatus.suspended",
  closed: "enterpriseStatus.closed",
};

export const STATUS_COLOURS: Record<EnterpriseStatus, string> = {
  operating: "green",
  suspended: "orange",
  closed: "default",
};

const SCALE_LABELS: Record<EnterpriseScale, MessageKey> = {
  large: "scale.large",
  medium: "scale.medium",
  small: "scale.small",
  micro: "scale.micro",
};

const LEVEL_LABELS: Record<TerritoryLevel, MessageKey> = {
  city: "territoryLevel.city",
  district: "territoryLevel.district",
  town: "territoryLevel.town",
  grid: "territoryLevel.grid",
};

const ORGANISATION_KIND_LABELS: Record<OrganisationKind, MessageKey> = {
  emergency_management: "organisationKind.emergency_management",
  industry_department: "organisationKind.industry_department",
  insurer: "organisationKind.insurer",
  third_party: "organisationKind.third_party",
};

const AUDIT_ACTION_LABELS: Record<string, MessageKey> = {
  create: "auditAction.create",
  update: "auditAction.update",
  delete: "auditAction.delete",
  login: "auditAction.login",
  revoke: "auditAction.revoke",
  import: "auditAction.import",
  seed: "auditAction.seed",
  assess: "auditAction.assess",
  file: "auditAction.file",
  accept: "auditAction.accept",
  return: "auditAction.return",
};

const ENTITY_TYPE_LABELS: Record<string, MessageKey> = {
  enterprise: "entityType.enterprise",
  user: "entityType.user",
  organisation: "entityType.organisation",
  api_token: "entityType.api_token",
  control_level_mapping: "entityType.control_level_mapping",
  territory: "entityType.territory",
  risk_point: "entityType.risk_point",
  hazard: "entityType.hazard",
  control_measure: "entityType.control_measure",
  attachment: "entityType.attachment",
  risk_bands: "entityType.risk_bands",
  major_hazard_unit: "entityType.major_hazard_unit",
  major_hazard_filing: "entityType.major_hazard_filing",
  installation: "entityType.installation",
};

const RISK_POINT_KIND_LABELS: Record<RiskPointKind, MessageKey> = {
  place: "riskKind.place",
  facility: "riskKind.facility",
  process: "riskKind.process",
  operation: "riskKind.operation",
};

const PUBLIC_CATEGORY_LABELS: Record<PublicCategory, MessageKey> = {
  crowded_place: "publicCategory.crowded_place",
  gas_pipeline: "publicCategory.gas_pipeline",
  construction_site: "publicCategory.construction_site",
  traffic: "publicCategory.traffic",
  water: "publicCategory.water",
  other: "publicCategory.other",
};

const MEASURE_KIND_LABELS: Record<MeasureKind, MessageKey> = {
  engineering: "measureKind.engineering",
  management: "measureKind.management",
  training: "measureKind.training",
  protection: "measureKind.protection",
  emergency: "measureKind.emergency",
};

const CHECK_FREQUENCY_LABELS: Record<CheckFrequency, MessageKey> = {
  shift: "checkFrequency.shift",
  daily: "checkFrequency.daily",
  weekly: "checkFrequency.weekly",
  monthly: "checkFrequency.monthly",
  quarterly: "checkFrequency.quarterly",
  yearly: "checkFrequency.yearly",
};

const FILING_STATUS_LABELS: Record<FilingStatus, MessageKey> = {
  submitted: "filingStatus.submitted",
  accepted: "filingStatus.accepted",
  returned: "filingStatus.returned",
};

export const FILING_STATUS_COLOURS: Record<FilingStatus, string> = {
  submitted: "processing",
  accepted: "success",
  returned: "warning",
};

const UNIT_KIND_LABELS: Record<MajorHazardUnitKind, MessageKey> = {
  plant: "unitKind.plant",
  storage: "unitKind.storage",
};

/** A code the dictionary does not know yet is shown as it is rather than hidden. */
function labelOf<K extends string>(t: Translate, labels: Partial<Record<K, MessageKey>>, code: K): string {
  const key = labels[code];
  return key ? t(key) : code;
}

export const roleLabel = (t: Translate, role: Role | string) =>
  labelOf(t, ROLE_LABELS as Record<string, MessageKey>, role);
export const statusLabel = (t: Translate, status: EnterpriseStatus | string) =>
  labelOf(t, STATUS_LABELS as Record<string, MessageKey>, status);
export const scaleLabel = (t: Translate, scale: EnterpriseScale | string) =>
  labelOf(t, SCALE_LABELS as Record<string, MessageKey>, scale);
export const territoryLevelLabel = (t: Translate, level: TerritoryLevel | string) =>
  labelOf(t, LEVEL_LABELS as Record<string, MessageKey>, level);
export const organisationKindLabel = (t: Translate, kind: OrganisationKind | string) =>
  labelOf(t, ORGANISATION_KIND_LABELS as Record<string, MessageKey>, kind);
export const auditActionLabel = (t: Translate, action: string) => labelOf(t, AUDIT_ACTION_LABELS, action);
export const entityTypeLabel = (t: Translate, entityType: string) => labelOf(t, ENTITY_TYPE_LABELS, entityType);
export const riskPointKindLabel = (t: Translate, kind: RiskPointKind | string) =>
  labelOf(t, RISK_POINT_KIND_LABELS as Record<string, MessageKey>, kind);
export const publicCategoryLabel = (t: Translate, category: PublicCategory | string) =>
  labelOf(t, PUBLIC_CATEGORY_LABELS as Record<string, MessageKey>, category);
export const measureKindLabel = (t: Translate, kind: MeasureKind | string) =>
  labelOf(t, MEASURE_KIND_LABELS as Record<string, MessageKey>, kind);
export const checkFrequencyLabel = (t: Translate, frequency: CheckFrequency | string) =>
  labelOf(t, CHECK_FREQUENCY_LABELS as Record<string, MessageKey>, frequency);
export const filingStatusLabel = (t: Translate, status: FilingStatus | string) =>
  labelOf(t, FILING_STATUS_LABELS as Record<string, MessageKey>, status);
export const unitKindLabel = (t: Translate, kind: MajorHazardUnitKind | string) =>
  labelOf(t, UNIT_KIND_LABELS as Record<string, MessageKey>, kind);
export const AUDIT_ENTITY_TYPES = Object.keys(ENTITY_TYPE_LABELS).filter((type) => type !== "installation");

// Fields of audited records, as the server stores them (snake_case) or sends them (camelCase).
const FIELD_LABELS: Record<string, MessageKey> = {
  name: "enterprise.name",
  uscc: "enterprise.uscc",
  industry_code: "enterprise.industry",
  industryCode: "enterprise.industry",
  industry_section: "field.industrySection",
  scale: "enterprise.scale",
  status: "enterprise.status",
  address: "enterprise.address",
  lng: "enterprise.lng",
  lat: "enterprise.lat",
  territory_id: "enterprise.territory",
  territoryId: "enterprise.territory",
  territory_path: "field.territoryPath",
  principal_name: "enterprise.principalName",
  principalName: "enterprise.principalName",
  principal_phone: "enterprise.principalPhone",
  principalPhone: "enterprise.principalPhone",
  safety_managers: "enterprise.safetyManagers",
  safetyManagers: "enterprise.safetyManagers",
  contacts: "enterprise.contacts",
  username: "user.username",
  displayName: "user.displayName",
  display_name: "user.displayName",
  role: "user.role",
  industries: "user.industries",
  enterpriseIds: "user.enterprises",
  organisationId: "user.organisation",
  organisation: "user.organisation",
  territory: "user.territory",
  disabled: "user.state",
  passwordReset: "user.resetPassword",
  kind: "organisation.kind",
  phone: "organisation.phone",
};

/** A record field's name in the user's language, or the field's own name when it has no label. */
export const fieldLabel = (t: Translate, field: string) => labelOf(t, FIELD_LABELS, field);

/** A timestamp in the user's language and local time zone, to the minute. */
export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale === "en" ? "en-GB" : "zh-CN", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  });
}
