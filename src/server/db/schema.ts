import type { ColumnType, Generated } from "kysely";
import type { CampaignStatus, ParticipantKind } from "../../domain/campaign/campaign";
import type { FilingStatus, MajorHazardUnitKind } from "../../domain/major-hazard/vocabulary";
import type { DeviceType } from "../../domain/monitoring/device-types";
import type { ControlLevel, RiskColour } from "../../domain/reference/risk-levels";
import type { AssessmentMethod } from "../../domain/risk/scales";
import type { CheckFrequency, MeasureKind, PublicCategory, RiskPointKind } from "../../domain/risk/vocabulary";
import type { SelectionReason } from "../../domain/supervision/plan";

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
  control_level: ControlLevel;
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
  /** Set while the status is closed (a trigger keeps it in step with the status). */
  closed_at: Timestamp | null;
  closed_reason: Generated<string>;
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

export interface AttachmentTable {
  owner_id: string;
  id: Generated<string>;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  data: Buffer;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface RiskBandsTable {
  method: "LS" | "LEC" | "MES";
  version: string;
  thresholds: Json<{ level: number; minScore: number }[]>;
  is_current: Generated<boolean>;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface RiskPointTable {
  owner_id: string;
  id: Generated<string>;
  owner_kind: "enterprise" | "territory";
  territory_path: string;
  kind: RiskPointKind;
  public_category: PublicCategory | null;
  name: string;
  unit: string;
  lng: number | null;
  lat: number | null;
  area: Json<GeoPolygon> | null;
  photo_ids: ColumnType<string[], string[] | undefined, string[]>;
  control_level: ControlLevel | null;
  control_level_set_by_user: Generated<boolean>;
  controlling_unit: string;
  responsible_person: string;
  responsible_phone: string;
  emergency_phone: string;
  level: number | null;
  public_token: string;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface HazardTable {
  owner_id: string;
  id: Generated<string>;
  risk_point_id: string;
  description: string;
  factor_code: string;
  accident_types: ColumnType<string[], string[], string[]>;
  consequences: string;
  current_assessment_id: string | null;
  level: number | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface HazardAssessmentTable {
  owner_id: string;
  id: Generated<string>;
  hazard_id: string;
  method: AssessmentMethod;
  factors: Json<Record<string, number>>;
  score: number;
  level: number;
  colour: RiskColour;
  bands_version: string;
  bands: Json<{ level: number; minScore: number }[]>;
  assessor_user_id: string | null;
  assessor_name: string;
  assessor_organisation_id: string | null;
  note: string;
  assessed_at: Generated<Date>;
}

export interface ControlMeasureTable {
  owner_id: string;
  id: Generated<string>;
  risk_point_id: string;
  hazard_id: string | null;
  kind: MeasureKind;
  content: string;
  check_content: string;
  check_frequency: CheckFrequency;
  responsible_person: string;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface Gb18218VersionTable {
  version: string;
  based_on: string | null;
  note: string;
  is_current: Generated<boolean>;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface Gb18218SubstanceTable {
  version: string;
  key: string;
  cas: string | null;
  other_cas: ColumnType<string[], string[] | undefined, string[]>;
  name_zh: string;
  name_en: string;
  aliases: ColumnType<string[], string[] | undefined, string[]>;
  threshold_tonnes: number;
  hazard_class: string;
  beta_toxic_gas: number | null;
}

export interface Gb18218ClassTable {
  version: string;
  code: string;
  name_zh: string;
  name_en: string;
  threshold_tonnes: number;
  beta: number;
}

export interface MajorHazardTerm {
  substance: string;
  cas: string | null;
  q: number;
  Q: number;
  beta: number;
  ratio: number;
}

export interface MajorHazardUnitTable {
  enterprise_id: string;
  id: Generated<string>;
  name: string;
  unit_kind: MajorHazardUnitKind;
  exposed_population: number;
  lng: number | null;
  lat: number | null;
  table_version: string | null;
  s: number | null;
  r: number | null;
  alpha: number | null;
  is_major: boolean | null;
  level: number | null;
  terms: Json<MajorHazardTerm[]> | null;
  computed_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface MajorHazardSubstanceTable {
  enterprise_id: string;
  id: Generated<string>;
  unit_id: string;
  cas: string | null;
  name: string | null;
  hazard_class: string | null;
  quantity_tonnes: number;
}

export interface MajorHazardFilingTable {
  enterprise_id: string;
  id: Generated<string>;
  unit_id: string;
  territory_path: string;
  status: FilingStatus;
  safety_measures: string;
  emergency_measures: string;
  snapshot: Json<unknown>;
  submitted_by: string | null;
  submitted_at: Generated<Date>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_reason: string | null;
}

export interface JobLeaseTable {
  name: string;
  holder: string;
  expires_at: Timestamp;
  last_started_at: Timestamp | null;
  last_finished_at: Timestamp | null;
  last_error: string | null;
}

export interface NotificationTable {
  user_id: string;
  id: Generated<string>;
  kind: string;
  dedupe_key: string;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  link: string | null;
  severity: "info" | "warning" | "critical";
  enterprise_id: string | null;
  territory_path: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface WebhookTable {
  id: Generated<string>;
  name: string;
  url: string;
  secret: string;
  event_kinds: ColumnType<string[], string[], string[]>;
  territory_path: string;
  disabled: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface OutboundMessageTable {
  id: Generated<string>;
  channel: "webhook" | "email";
  target: string;
  webhook_id: string | null;
  payload: Json<Record<string, unknown>>;
  dedupe_key: string;
  status: Generated<"pending" | "sent" | "failed">;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: Timestamp;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface ChecklistItemTable {
  enterprise_id: string;
  id: Generated<string>;
  source: "measure" | "template" | "custom";
  control_measure_id: string | null;
  risk_point_id: string | null;
  template_kind: string | null;
  content: string;
  check_frequency: CheckFrequency;
  control_level: ControlLevel | null;
  responsible_person: string;
  inspector_user_id: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface InspectionTaskTable {
  enterprise_id: string;
  id: Generated<string>;
  schedule_key: string;
  title: string;
  frequency: string;
  control_level: string | null;
  period_start: Timestamp;
  due_at: Timestamp;
  inspector_user_id: string | null;
  status: Generated<"open" | "done" | "missed">;
  completed_at: Timestamp | null;
  completed_by: string | null;
  lng: number | null;
  lat: number | null;
  created_at: Generated<Date>;
}

export interface InspectionTaskItemTable {
  enterprise_id: string;
  task_id: string;
  checklist_item_id: string;
  outcome: "pass" | "fail" | "not_applicable" | null;
  note: Generated<string>;
  photo_ids: ColumnType<string[], string[] | undefined, string[]>;
  lng: number | null;
  lat: number | null;
  recorded_at: Timestamp | null;
  recorded_by: string | null;
  hidden_danger_id: string | null;
}

export interface HiddenDangerTable {
  enterprise_id: string;
  id: Generated<string>;
  code: string;
  territory_path: string;
  source: string;
  status: string;
  level: "general" | "major";
  description: string;
  place: string;
  risk_point_id: string | null;
  category_code: string;
  photo_before_ids: ColumnType<string[], string[] | undefined, string[]>;
  photo_after_ids: ColumnType<string[], string[] | undefined, string[]>;
  responsible_unit: Generated<string>;
  responsible_user_id: string | null;
  measures: Generated<string>;
  funds: number | null;
  deadline: Timestamp | null;
  finder_user_id: string | null;
  rectifier_user_id: string | null;
  state: Json<unknown>;
  found_at: Timestamp;
  closed_at: Timestamp | null;
  updated_at: Generated<Date>;
}

export interface HiddenDangerEventTable {
  enterprise_id: string;
  hidden_danger_id: string;
  seq: number;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_id: string | null;
  actor_name: string;
  at: Timestamp;
  comment: string;
  photo_ids: ColumnType<string[], string[] | undefined, string[]>;
  data: Json<unknown>;
}

export interface HiddenDangerEscalationTable {
  enterprise_id: string;
  hidden_danger_id: string;
  step: string;
  sent_at: Timestamp;
}

export interface HiddenDangerSummaryTable {
  enterprise_id: string;
  period: string;
  figures: Json<unknown>;
  signed_by: string;
  signed_name: string;
  signed_at: Timestamp;
}

export type { DeviceType };

export interface DeviceTable {
  enterprise_id: string;
  id: Generated<string>;
  code: string;
  name: string;
  device_type: DeviceType;
  unit: string;
  risk_point_id: string | null;
  major_hazard_unit_id: string | null;
  lng: number | null;
  lat: number | null;
  install_date: string | null;
  calibration_due: string | null;
  credential_hash: string | null;
  broker_password_hash: ColumnType<string | null, string | null | undefined, string | null>;
  credential_rotated_at: Timestamp | null;
  credential_revoked_at: Timestamp | null;
  rule_overrides: Json<unknown[]>;
  rule_state: Json<Record<string, unknown>>;
  last_value: number | null;
  last_ts: Timestamp | null;
  created_at: Generated<Date>;
}

export interface ReadingTable {
  enterprise_id: string;
  device_id: string;
  ts: Timestamp;
  value: number;
  received_at: Generated<Date>;
}

export interface IngestDeadLetterTable {
  enterprise_id: string;
  id: Generated<string>;
  device_code: string;
  channel: string;
  reason: string;
  detail: string | null;
  payload_excerpt: string;
  hour: Timestamp;
  first_at: Timestamp;
  last_at: Timestamp;
  count: Generated<number>;
}

export interface IngestCounterTable {
  day: string;
  channel: string;
  outcome: string;
  count: Generated<number>;
}

export interface AlarmTable {
  enterprise_id: string;
  id: Generated<string>;
  territory_path: string;
  source: "device" | "management";
  device_id: string | null;
  rule_id: string;
  rule_kind: string;
  severity: number;
  status: "active_unacknowledged" | "acknowledged" | "cleared_unacknowledged" | "cleared";
  raised_at: Timestamp;
  last_value: number | null;
  peak: number | null;
  last_update_at: Timestamp;
  message_zh: string;
  message_en: string;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  acknowledge_note: string | null;
  cleared_at: Timestamp | null;
  clear_value: number | null;
  disposals: Json<{ cause: string; actionTaken: string; by: string; at: string }[]>;
  escalation_steps: ColumnType<number[], number[] | undefined, number[]>;
  cap_messages: Json<{ identifier: string; sent: string; phase: string }[]>;
  changed_at: Generated<Date>;
}

export interface EnterpriseRatingTable {
  enterprise_id: string;
  score: number;
  level: number;
  inputs: Json<unknown>;
  contributions: Json<unknown[]>;
  explanation_zh: string;
  explanation_en: string;
  weights_version: string;
  computed_at: Timestamp;
}

export interface EnterpriseRatingHistoryTable {
  enterprise_id: string;
  computed_at: Timestamp;
  score: number;
  level: number;
  explanation_zh: string;
  explanation_en: string;
}

export interface RatingDirtyTable {
  enterprise_id: string;
  marked_at: Generated<Date>;
}

export interface SupervisionFrequencyTable {
  id: Generated<string>;
  organisation_id: string | null;
  territory_id: string | null;
  frequency: Json<Record<string, { timesPerYear: number }>>;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface SupervisionPlanTable {
  id: Generated<string>;
  organisation_id: string;
  territory_id: string;
  territory_path: string;
  year: number;
  month: number;
  seed: string;
  seed_number: number;
  annual_seed: string;
  capacity: number | null;
  frequency: Json<unknown>;
  summary: Json<unknown>;
  generated_at: Timestamp;
  generated_by: string | null;
  generated_by_name: Generated<string>;
}

export interface SupervisionPlanItemTable {
  enterprise_id: string;
  id: Generated<string>;
  plan_id: string;
  reason: SelectionReason;
  level: number;
  score: number;
  weight: number;
  inspections: number;
  months: ColumnType<number[], number[] | undefined, number[]>;
  check_contents_zh: Json<string[]>;
  check_contents_en: Json<string[]>;
}

export interface EnforcementInspectionTable {
  enterprise_id: string;
  id: Generated<string>;
  code: string;
  territory_path: string;
  organisation_id: string | null;
  plan_item_id: string | null;
  recheck_of_id: string | null;
  inspected_on: ColumnType<string, string, string>;
  inspector_ids: ColumnType<string[], string[], string[]>;
  inspector_names: ColumnType<string[], string[], string[]>;
  items_checked: Json<unknown[]>;
  findings: Generated<string>;
  hidden_danger_ids: ColumnType<string[], string[] | undefined, string[]>;
  rectification_deadline: ColumnType<string | null, string | null | undefined, string | null>;
  penalties: Json<unknown[]>;
  penalty_total_yuan: ColumnType<number, number | undefined, number>;
  violations: Generated<number>;
  recheck_due: ColumnType<string | null, string | null | undefined, string | null>;
  recheck_inspection_id: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface CampaignTable {
  id: Generated<string>;
  title: string;
  basis: Generated<string>;
  description: Generated<string>;
  owner_territory_id: string | null;
  owner_path: string;
  scope_territory_ids: ColumnType<string[], string[], string[]>;
  industries: ColumnType<string[], string[] | undefined, string[]>;
  start_date: string;
  end_date: string;
  schedule: Json<unknown>;
  final_report: boolean;
  reminder_days: Generated<number>;
  status: ColumnType<CampaignStatus, CampaignStatus | undefined, CampaignStatus>;
  created_by: string | null;
  created_by_name: string;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  activated_at: Timestamp | null;
  closed_at: Timestamp | null;
}

export interface CampaignTaskTable {
  campaign_id: string;
  id: Generated<string>;
  seq: number;
  title: string;
  description: Generated<string>;
  kind: string;
  target_figure: string | null;
  target: number | null;
}

export interface CampaignParticipantTable {
  campaign_id: string;
  id: Generated<string>;
  kind: ParticipantKind;
  territory_id: string | null;
  organisation_id: string | null;
  name: string;
  name_en: Generated<string>;
  path: string;
}

export interface CampaignReportTable {
  campaign_id: string;
  participant_id: string;
  due_date: string;
  version: number;
  text: string;
  figures: Json<unknown>;
  attachment_ids: ColumnType<string[], string[] | undefined, string[]>;
  submitted_by: string | null;
  submitted_by_name: string;
  submitted_at: Timestamp;
}

/** Pre-counted map clusters (migration 0008): one row per layer, grid, cell, territory node and level. */
export interface MapClusterCellTable {
  layer: "enterprises" | "riskPoints";
  grid: number;
  cx: number;
  cy: number;
  territory_path: string;
  n: number;
  l1: number;
  l2: number;
  l3: number;
  l4: number;
  sum_lng: number;
  sum_lat: number;
  flagged: number;
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
  attachment: AttachmentTable;
  risk_bands: RiskBandsTable;
  risk_point: RiskPointTable;
  hazard: HazardTable;
  hazard_assessment: HazardAssessmentTable;
  control_measure: ControlMeasureTable;
  gb18218_version: Gb18218VersionTable;
  gb18218_substance: Gb18218SubstanceTable;
  gb18218_class: Gb18218ClassTable;
  major_hazard_unit: MajorHazardUnitTable;
  major_hazard_substance: MajorHazardSubstanceTable;
  major_hazard_filing: MajorHazardFilingTable;
  job_lease: JobLeaseTable;
  notification: NotificationTable;
  webhook: WebhookTable;
  outbound_message: OutboundMessageTable;
  checklist_item: ChecklistItemTable;
  inspection_task: InspectionTaskTable;
  inspection_task_item: InspectionTaskItemTable;
  hidden_danger: HiddenDangerTable;
  hidden_danger_event: HiddenDangerEventTable;
  hidden_danger_escalation: HiddenDangerEscalationTable;
  hidden_danger_summary: HiddenDangerSummaryTable;
  device: DeviceTable;
  ingest_dead_letter: IngestDeadLetterTable;
  reading: ReadingTable;
  ingest_counter: IngestCounterTable;
  alarm: AlarmTable;
  enterprise_rating: EnterpriseRatingTable;
  enterprise_rating_history: EnterpriseRatingHistoryTable;
  rating_dirty: RatingDirtyTable;
  map_cluster_cell: MapClusterCellTable;
  supervision_frequency: SupervisionFrequencyTable;
  supervision_plan: SupervisionPlanTable;
  supervision_plan_item: SupervisionPlanItemTable;
  enforcement_inspection: EnforcementInspectionTable;
  campaign: CampaignTable;
  campaign_task: CampaignTaskTable;
  campaign_participant: CampaignParticipantTable;
  campaign_report: CampaignReportTable;
}
