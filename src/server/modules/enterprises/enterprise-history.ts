import { type Kysely, sql, type Transaction } from "kysely";
import type { DB } from "../../db/schema";
import type { LocalisedText } from "../../errors";

/** One kind of record kept against an enterprise, and how many there are (counted up to CAP). */
export interface HistoryEntry {
  kind: string;
  count: number;
  label: LocalisedText;
}

// Counting stops here: the answer only has to say that there is history and roughly how much.
const CAP = 1000;

/** Everything that would be lost if the enterprise row were deleted (most of it cascades). */
const KINDS: { kind: string; table: string; column: string; label: LocalisedText }[] = [
  { kind: "riskPoints", table: "risk_point", column: "owner_id", label: { "zh-CN": "个风险点", en: "risk points" } },
  {
    kind: "majorHazardUnits",
    table: "major_hazard_unit",
    column: "enterprise_id",
    label: { "zh-CN": "个危险化学品单元", en: "hazardous chemicals units" },
  },
  {
    kind: "hiddenDangers",
    table: "hidden_danger",
    column: "enterprise_id",
    label: { "zh-CN": "条隐患", en: "hidden dangers" },
  },
  {
    kind: "checklistItems",
    table: "checklist_item",
    column: "enterprise_id",
    label: { "zh-CN": "个检查项", en: "check items" },
  },
  {
    kind: "inspectionTasks",
    table: "inspection_task",
    column: "enterprise_id",
    label: { "zh-CN": "个检查任务", en: "inspection tasks" },
  },
  {
    kind: "hiddenDangerSummaries",
    table: "hidden_danger_summary",
    column: "enterprise_id",
    label: { "zh-CN": "份隐患排查治理统计", en: "signed hidden-danger summaries" },
  },
  { kind: "devices", table: "device", column: "enterprise_id", label: { "zh-CN": "台监测设备", en: "devices" } },
  { kind: "readings", table: "reading", column: "enterprise_id", label: { "zh-CN": "条监测数据", en: "readings" } },
  { kind: "alarms", table: "alarm", column: "enterprise_id", label: { "zh-CN": "条报警", en: "alarms" } },
  {
    kind: "ratings",
    table: "enterprise_rating_history",
    column: "enterprise_id",
    label: { "zh-CN": "次风险评级", en: "ratings" },
  },
  {
    kind: "enforcementInspections",
    table: "enforcement_inspection",
    column: "enterprise_id",
    label: { "zh-CN": "条执法检查记录", en: "enforcement inspections" },
  },
  {
    kind: "planEntries",
    table: "supervision_plan_item",
    column: "enterprise_id",
    label: { "zh-CN": "个执法计划条目", en: "enforcement plan entries" },
  },
  {
    kind: "linkedUsers",
    table: "user_enterprise",
    column: "enterprise_id",
    label: { "zh-CN": "个关联账号", en: "linked user accounts" },
  },
  { kind: "attachments", table: "attachment", column: "owner_id", label: { "zh-CN": "个附件", en: "attachments" } },
];

/** The records kept against an enterprise, only the kinds it has; empty when deleting it loses nothing. */
export async function enterpriseHistory(
  db: Kysely<DB> | Transaction<DB>,
  enterpriseId: string,
): Promise<HistoryEntry[]> {
  const counts = sql.join(
    KINDS.map(
      ({ kind, table, column }) =>
        sql`(SELECT count(*) FROM (SELECT 1 FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ${enterpriseId} LIMIT ${CAP}) capped) AS ${sql.ref(kind)}`,
    ),
  );
  const { rows } = await sql<Record<string, number | string>>`SELECT ${counts}`.execute(db);
  const row = rows[0] ?? {};
  return KINDS.map(({ kind, label }) => ({ kind, label, count: Number(row[kind] ?? 0) })).filter(
    (entry) => entry.count > 0,
  );
}

/** "3 个风险点、12 条隐患" / "3 risk points, 12 hidden dangers". */
export function describeHistory(history: HistoryEntry[]): LocalisedText {
  const amount = (count: number) => (count >= CAP ? `${CAP}+` : String(count));
  return {
    "zh-CN": history.map((entry) => `${amount(entry.count)} ${entry.label["zh-CN"]}`).join("、"),
    en: history.map((entry) => `${amount(entry.count)} ${entry.label.en}`).join(", "),
  };
}
