import { type Kysely, sql, type Transaction } from "kysely";
import { text } from "../../../domain/text";
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
  { kind: "riskPoints", table: "risk_point", column: "owner_id", label: text("个风险点", "risk points") },
  {
    kind: "majorHazardUnits",
    table: "major_hazard_unit",
    column: "enterprise_id",
    label: text("个危险化学品单元", "hazardous chemicals units"),
  },
  {
    kind: "hiddenDangers",
    table: "hidden_danger",
    column: "enterprise_id",
    label: text("条隐患", "hidden dangers"),
  },
  {
    kind: "checklistItems",
    table: "checklist_item",
    column: "enterprise_id",
    label: text("个检查项", "check items"),
  },
  {
    kind: "inspectionTasks",
    table: "inspection_task",
    column: "enterprise_id",
    label: text("个检查任务", "inspection tasks"),
  },
  {
    kind: "hiddenDangerSummaries",
    table: "hidden_danger_summary",
    column: "enterprise_id",
    label: text("份隐患排查治理统计", "signed hidden-danger summaries"),
  },
  { kind: "devices", table: "device", column: "enterprise_id", label: text("台监测设备", "devices") },
  { kind: "readings", table: "reading", column: "enterprise_id", label: text("条监测数据", "readings") },
  { kind: "alarms", table: "alarm", column: "enterprise_id", label: text("条报警", "alarms") },
  {
    kind: "ratings",
    table: "enterprise_rating_history",
    column: "enterprise_id",
    label: text("次风险评级", "ratings"),
  },
  {
    kind: "enforcementInspections",
    table: "enforcement_inspection",
    column: "enterprise_id",
    label: text("条执法检查记录", "enforcement inspections"),
  },
  {
    kind: "planEntries",
    table: "supervision_plan_item",
    column: "enterprise_id",
    label: text("个执法计划条目", "enforcement plan entries"),
  },
  {
    kind: "linkedUsers",
    table: "user_enterprise",
    column: "enterprise_id",
    label: text("个关联账号", "linked user accounts"),
  },
  { kind: "attachments", table: "attachment", column: "owner_id", label: text("个附件", "attachments") },
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
