import type { ColumnType, Generated } from "kysely";

/** Row types of the tables, as Kysely sees them. API shapes live with their modules. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface SchemaMigrationTable {
  version: string;
  applied_at: Generated<Date>;
}

export interface ReferenceSetTable {
  kind: string;
  version: string;
  title: string;
  source: string;
  is_current: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface ReferenceItemTable {
  kind: string;
  version: string;
  code: string;
  parent_code: string | null;
  name_zh: string;
  name_en: string;
  sort_order: Generated<number>;
  attributes: Json<Record<string, unknown>>;
}

export interface ControlLevelMappingTable {
  risk_level: number;
  control_level: string;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface GeoPolygon {
  type: "Polygon";
  coordinates: [number, number][][];
}

export interface TerritoryTable {
  id: Generated<string>;
  code: string;
  name: string;
  name_en: Generated<string>;
  level: "city" | "district" | "town" | "grid";
  parent_id: string | null;
  path: string;
  boundary: Json<GeoPolygon> | null;
  min_lng: number | null;
  min_lat: number | null;
  max_lng: number | null;
  max_lat: number | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export type OrganisationKind = "emergency_management" | "industry_department" | "insurer" | "third_party";

export interface OrganisationTable {
  id: Generated<string>;
  kind: OrganisationKind;
  name: string;
  territory_id: string | null;
  industries: ColumnType<string[], string[] | undefined, string[]>;
  phone: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface PersonContact {
  name: string;
  phone: string;
  role?: string;
}

export type EnterpriseScale = "large" | "medium" | "small" | "micro";
export type EnterpriseStatus = "operating" | "suspended" | "closed";

export interface EnterpriseTable {
  id: Generated<string>;
  name: string;
  uscc: string;
  industry_code: string;
  industry_section: string;
  scale: EnterpriseScale;
  address: string;
  lng: number | null;
  lat: number | null;
  territory_id: string;
  territory_path: string;
  principal_name: string;
  principal_phone: string;
  safety_managers: Json<PersonContact[]>;
  contacts: Json<PersonContact[]>;
  status: EnterpriseStatus;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  territory_id: string | null;
  industries: ColumnType<string[], string[] | undefined, string[]>;
  organisation_id: string | null;
  phone: Generated<string>;
  email: Generated<string>;
  disabled: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface UserEnterpriseTable {
  enterprise_id: string;
  user_id: string;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  ip: string;
  user_agent: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface ApiTokenTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginFailureTable {
  id: Generated<number>;
  throttle_key: string;
  at: Timestamp;
}

export interface SettingTable {
  key: string;
  value: Json<unknown>;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  actor_ip: string;
  action: string;
  entity_type: string;
  entity_id: string;
  enterprise_id: string | null;
  territory_path: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  prev_hash: string;
  hash: string;
}

export interface DB {
  schema_migration: SchemaMigrationTable;
  reference_set: ReferenceSetTable;
  reference_item: ReferenceItemTable;
  control_level_mapping: ControlLevelMappingTable;
  territory: TerritoryTable;
  organisation: OrganisationTable;
  enterprise: EnterpriseTable;
  app_user: AppUserTable;
  user_enterprise: UserEnterpriseTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  login_failure: LoginFailureTable;
  setting: SettingTable;
  audit_log: AuditLogTable;
}
