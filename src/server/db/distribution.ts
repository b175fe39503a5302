/**
 * Where each table goes when the database is spread over Citus workers. Rows
 * an enterprise owns are distributed by its id, so one enterprise's register,
 * dangers, devices and readings sit on one worker and its queries touch one
 * shard; shared vocabularies and the government side are reference tables,
 * copied to every worker. docs/scale-out.md explains the choice; the schema
 * test (distribution.test.ts) keeps the schema to it.
 */

/** Distributed tables and their distribution column, all co-located with `enterprise`. */
export const DISTRIBUTED_TABLES: Record<string, string> = {
  enterprise: "id",
  user_enterprise: "enterprise_id",
  // Registers are owned by an enterprise, or by a territory for public areas (decision 0002): the owner's id.
  risk_point: "owner_id",
  hazard: "owner_id",
  hazard_assessment: "owner_id",
  control_measure: "owner_id",
  attachment: "owner_id",
  checklist_item: "enterprise_id",
  inspection_task: "enterprise_id",
  inspection_task_item: "enterprise_id",
  hidden_danger: "enterprise_id",
  hidden_danger_event: "enterprise_id",
  hidden_danger_escalation: "enterprise_id",
  hidden_danger_summary: "enterprise_id",
  major_hazard_unit: "enterprise_id",
  major_hazard_substance: "enterprise_id",
  major_hazard_filing: "enterprise_id",
  device: "enterprise_id",
  reading: "enterprise_id",
  alarm: "enterprise_id",
  ingest_dead_letter: "enterprise_id",
  enterprise_rating: "enterprise_id",
  enterprise_rating_history: "enterprise_id",
  rating_dirty: "enterprise_id",
  supervision_plan_item: "enterprise_id",
  enforcement_inspection: "enterprise_id",
};

/** Small, read everywhere, written rarely: copied to every worker. */
export const REFERENCE_TABLES: string[] = [
  "territory",
  "organisation",
  "app_user",
  "reference_set",
  "reference_item",
  "gb18218_version",
  "gb18218_class",
  "gb18218_substance",
  "risk_bands",
  "control_level_mapping",
  "setting",
  "supervision_frequency",
  "supervision_plan",
  "campaign",
  "campaign_participant",
  "campaign_task",
  "campaign_report",
  "webhook",
];

/** Kept on the coordinator only, each with the reason. */
export const LOCAL_TABLES: Record<string, string> = {
  schema_migration: "the migrations' own bookkeeping",
  audit_log: "one hash chain over every entry needs one global order",
  notification: "read by user, not by enterprise; a user may serve many enterprises",
  session: "looked up by token on every request, before any enterprise is known",
  api_token: "looked up by token on every request, before any enterprise is known",
  login_failure: "sign-in throttling, keyed by account and address",
  job_lease: "one lease per job for the whole installation",
  outbound_message: "the webhook outbox, drained by whichever process holds the lease",
  ingest_counter: "installation-wide ingest statistics per day",
  map_cluster_cell: "precomputed map clusters per territory, rebuilt from the distributed tables",
};

/** The statements that place the tables on a Citus coordinator, reference tables first. */
export function citusScript(): string {
  const quote = (value: string) => `'${value}'`;
  return [
    "CREATE EXTENSION IF NOT EXISTS citus;",
    ...REFERENCE_TABLES.map((table) => `SELECT create_reference_table(${quote(table)});`),
    ...Object.entries(DISTRIBUTED_TABLES).map(([table, column], index) =>
      index === 0
        ? `SELECT create_distributed_table(${quote(table)}, ${quote(column)});`
        : `SELECT create_distributed_table(${quote(table)}, ${quote(column)}, colocate_with => 'enterprise');`,
    ),
  ].join("\n");
}
