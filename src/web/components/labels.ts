import { ROLES } from "../../domain/access/roles";
import { FILING_STATUSES, type FilingStatus, UNIT_KINDS } from "../../domain/major-hazard/vocabulary";
import { CHECK_FREQUENCIES, MEASURE_KINDS, PUBLIC_CATEGORIES, RISK_POINT_KINDS } from "../../domain/risk/vocabulary";
import { ENTERPRISE_SCALES, ENTERPRISE_STATUSES, type EnterpriseStatus, ORGANISATION_KINDS } from "../api/types";
import type { MessageKey, Translate } from "../i18n";

// One place that turns stable codes into words, so a role or status reads the same on every page.

const TERRITORY_LEVELS = ["city", "district", "town", "grid"] as const;
const AUDIT_ACTIONS = [
  "create",
  "update",
  "delete",
  "login",
  "revoke",
  "import",
  "seed",
  "assess",
  "file",
  "accept",
  "return",
] as const;
const ENTITY_TYPES = [
  "enterprise",
  "user",
  "organisation",
  "api_token",
  "control_level_mapping",
  "territory",
  "risk_point",
  "hazard",
  "control_measure",
  "attachment",
  "risk_bands",
  "major_hazard_unit",
  "major_hazard_filing",
  "installation",
] as const;

/**
 * The words of a list of codes: the dictionary's `<prefix>.<code>` for a code of the list, the code itself for one the
 * list does not know yet (shown as it is rather than hidden).
 */
export function codeLabel(prefix: string, codes: readonly string[]) {
  return (t: Translate, code: string): string => (codes.includes(code) ? t(`${prefix}.${code}` as MessageKey) : code);
}

/** Every labelled list with its dictionary prefix, so a test can check each code has its words in both languages. */
export const LABELLED_CODES: Readonly<Record<string, readonly string[]>> = {
  role: ROLES,
  enterpriseStatus: ENTERPRISE_STATUSES,
  scale: ENTERPRISE_SCALES,
  territoryLevel: TERRITORY_LEVELS,
  organisationKind: ORGANISATION_KINDS,
  auditAction: AUDIT_ACTIONS,
  entityType: ENTITY_TYPES,
  riskKind: RISK_POINT_KINDS,
  publicCategory: PUBLIC_CATEGORIES,
  measureKind: MEASURE_KINDS,
  checkFrequency: CHECK_FREQUENCIES,
  filingStatus: FILING_STATUSES,
  unitKind: UNIT_KINDS,
};

export const roleLabel = codeLabel("role", ROLES);
export const statusLabel = codeLabel("enterpriseStatus", ENTERPRISE_STATUSES);
export const scaleLabel = codeLabel("scale", ENTERPRISE_SCALES);
export const territoryLevelLabel = codeLabel("territoryLevel", TERRITORY_LEVELS);
export const organisationKindLabel = codeLabel("organisationKind", ORGANISATION_KINDS);
export const auditActionLabel = codeLabel("auditAction", AUDIT_ACTIONS);
export const entityTypeLabel = codeLabel("entityType", ENTITY_TYPES);
export const riskPointKindLabel = codeLabel("riskKind", RISK_POINT_KINDS);
export const publicCategoryLabel = codeLabel("publicCategory", PUBLIC_CATEGORIES);
export const measureKindLabel = codeLabel("measureKind", MEASURE_KINDS);
export const checkFrequencyLabel = codeLabel("checkFrequency", CHECK_FREQUENCIES);
export const filingStatusLabel = codeLabel("filingStatus", FILING_STATUSES);
export const unitKindLabel = codeLabel("unitKind", UNIT_KINDS);
/** What the audit page filters by; installation entries (seeding, setup) are not a record one looks for. */
export const AUDIT_ENTITY_TYPES = ENTITY_TYPES.filter((type) => type !== "installation");

export const STATUS_COLOURS: Readonly<Record<string, string>> = {
  operating: "green",
  suspended: "orange",
  closed: "default",
} satisfies Record<EnterpriseStatus, string>;

export const FILING_STATUS_COLOURS: Readonly<Record<string, string>> = {
  submitted: "processing",
  accepted: "success",
  returned: "warning",
} satisfies Record<FilingStatus, string>;

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
export const fieldLabel = (t: Translate, field: string) =>
  Object.hasOwn(FIELD_LABELS, field) ? t(FIELD_LABELS[field]) : field;

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

/** A rate of 0..1 as a percentage with one decimal, or a dash when there is nothing to rate. */
export const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)}%`);
