import { type Kysely, sql } from "kysely";
import { DEADLINE_RUNNING_STATUSES } from "../../../domain/hidden-danger/vocabulary";
import { ACTIVE_ALARM_STATUSES } from "../../../domain/monitoring/alarm-lifecycle";
import { MANAGEMENT_ALARM_SEVERITY, type ManagementAlarmKind } from "../../../domain/monitoring/management-alarm-kinds";
import { type LocalisedText, text } from "../../../domain/text";
import type { DB } from "../../db/schema";
import type { JobContext } from "../../jobs/job-runner";
import { runEachIsolated } from "../../jobs/run-each-isolated";
import { notify } from "../../notifications/notify";

/** A condition found in the records that deserves an alarm like a sensor's. */
interface ManagementCondition {
  enterpriseId: string;
  territoryPath: string;
  /** Stable per subject, e.g. "mgmt:hidden-danger-overdue:<id>": one open alarm per subject. */
  ruleId: string;
  ruleKind: ManagementAlarmKind;
  message: LocalisedText;
}

// Practice, configurable later: how many missed inspection tasks in a row make an alarm.
export const MISSED_TASKS_IN_A_ROW = 3;

async function currentConditions(trx: Kysely<DB>, now: Date): Promise<ManagementCondition[]> {
  const conditions: ManagementCondition[] = [];
  const overdueMajor = await trx
    .selectFrom("hidden_danger")
    .select(["enterprise_id", "id", "code", "territory_path", "description"])
    .where("level", "=", "major")
    .where("status", "in", [...DEADLINE_RUNNING_STATUSES])
    .where("deadline", "<", now)
    .execute();
  for (const d of overdueMajor) {
    conditions.push({
      enterpriseId: d.enterprise_id,
      territoryPath: d.territory_path,
      ruleId: `mgmt:hidden-danger-overdue:${d.id}`,
      ruleKind: "hidden_danger_overdue",
      message: text(
        `重大事故隐患 ${d.code} 逾期未整改：${d.description}`,
        `Major hidden danger ${d.code} is overdue: ${d.description}`,
      ),
    });
  }
  // The last MISSED_TASKS_IN_A_ROW tasks of a schedule were all missed.
  const missedRuns = await sql<{ enterprise_id: string; schedule_key: string; territory_path: string; title: string }>`
    SELECT t.enterprise_id, t.schedule_key, e.territory_path, min(t.title) AS title
    FROM (
      SELECT enterprise_id, schedule_key, title, status,
             row_number() OVER (PARTITION BY enterprise_id, schedule_key ORDER BY due_at DESC) AS n
      FROM inspection_task WHERE due_at <= ${now}
    ) t JOIN enterprise e ON e.id = t.enterprise_id
    WHERE t.n <= ${MISSED_TASKS_IN_A_ROW}
    GROUP BY t.enterprise_id, t.schedule_key, e.territory_path
    HAVING count(*) = ${MISSED_TASKS_IN_A_ROW} AND bool_and(t.status = 'missed')`.execute(trx);
  for (const run of missedRuns.rows) {
    conditions.push({
      enterpriseId: run.enterprise_id,
      territoryPath: run.territory_path,
      ruleId: `mgmt:inspections-missed:${run.schedule_key}`,
      ruleKind: "inspections_missed",
      message: text(
        `${run.title} 已连续 ${MISSED_TASKS_IN_A_ROW} 次未完成`,
        `${run.title}: the last ${MISSED_TASKS_IN_A_ROW} tasks were all missed`,
      ),
    });
  }
  const pastCalibration = await trx
    .selectFrom("device")
    .innerJoin("enterprise", "enterprise.id", "device.enterprise_id")
    .select(["device.enterprise_id", "device.id", "device.name", "device.calibration_due", "enterprise.territory_path"])
    .where("device.calibration_due", "<", sql<string>`${now.toISOString().slice(0, 10)}::date`)
    .execute();
  for (const d of pastCalibration) {
    conditions.push({
      enterpriseId: d.enterprise_id,
      territoryPath: d.territory_path,
      ruleId: `mgmt:calibration-overdue:${d.id}`,
      ruleKind: "calibration_overdue",
      message: text(
        `${d.name} 已过检定/校准有效期（${d.calibration_due}）`,
        `${d.name} is past its calibration date (${d.calibration_due})`,
      ),
    });
  }
  // A major hazard source whose linked sensors are offline: its monitoring is blind (Work Safety Law (2021) art. 36, art. 40).
  const blind = await sql<{
    enterprise_id: string;
    unit_id: string;
    name: string;
    territory_path: string;
    offline: number;
  }>`
    SELECT u.enterprise_id, u.id AS unit_id, u.name, e.territory_path, count(*) AS offline
    FROM major_hazard_unit u
    JOIN enterprise e ON e.id = u.enterprise_id
    JOIN device d ON d.enterprise_id = u.enterprise_id AND d.major_hazard_unit_id = u.id
    JOIN alarm a ON a.enterprise_id = d.enterprise_id AND a.device_id = d.id
    WHERE u.is_major AND a.rule_kind = 'inactivity' AND a.status IN ('active_unacknowledged', 'acknowledged')
    GROUP BY u.enterprise_id, u.id, u.name, e.territory_path`.execute(trx);
  for (const unit of blind.rows) {
    conditions.push({
      enterpriseId: unit.enterprise_id,
      territoryPath: unit.territory_path,
      ruleId: `mgmt:major-hazard-offline:${unit.unit_id}`,
      ruleKind: "major_hazard_offline",
      message: text(
        `重大危险源 ${unit.name} 有 ${unit.offline} 个监测点离线`,
        `Major hazard source ${unit.name}: ${unit.offline} sensor(s) offline`,
      ),
    });
  }
  return conditions;
}

/**
 * Alarms on management data, in the same model as sensor alarms: raised while
 * a condition holds, one per subject, cleared when it ends. Each alarm is
 * raised or cleared in its own transaction, so one that fails is logged and
 * skipped and the others still change.
 */
export async function evaluateManagementAlarms(
  db: Kysely<DB>,
  now: Date,
  log: JobContext["log"] = console,
): Promise<{ raised: number; cleared: number; failed: number }> {
  const conditions = await currentConditions(db, now);
  const open = await db
    .selectFrom("alarm")
    .select(["enterprise_id", "id", "rule_id", "status"])
    .where("source", "=", "management")
    .where("status", "in", [...ACTIVE_ALARM_STATUSES])
    .execute();
  const openKeys = new Set(open.map((a) => `${a.enterprise_id}|${a.rule_id}`));
  const wanted = new Set(conditions.map((c) => `${c.enterpriseId}|${c.ruleId}`));
  let raised = 0;
  const raising = await runEachIsolated(
    conditions.filter((c) => !openKeys.has(`${c.enterpriseId}|${c.ruleId}`)),
    { job: "management-alarms", log, describe: (c) => ({ enterpriseId: c.enterpriseId, ruleId: c.ruleId }) },
    (c) =>
      db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto("alarm")
          .values({
            enterprise_id: c.enterpriseId,
            territory_path: c.territoryPath,
            source: "management",
            device_id: null,
            rule_id: c.ruleId,
            rule_kind: c.ruleKind,
            severity: MANAGEMENT_ALARM_SEVERITY[c.ruleKind],
            status: "active_unacknowledged",
            raised_at: now,
            last_value: null,
            peak: null,
            last_update_at: now,
            message_zh: c.message["zh-CN"],
            message_en: c.message.en,
            acknowledged_at: null,
            acknowledged_by: null,
            acknowledge_note: null,
            cleared_at: null,
            clear_value: null,
            disposals: "[]",
            cap_messages: "[]",
            changed_at: now,
          })
          .onConflict((oc) => oc.doNothing())
          .returning("id")
          .executeTakeFirst();
        if (!created) return;
        raised++;
        const managers = await trx
          .selectFrom("user_enterprise")
          .innerJoin("app_user", "app_user.id", "user_enterprise.user_id")
          .select("app_user.id")
          .where("user_enterprise.enterprise_id", "=", c.enterpriseId)
          .where("app_user.role", "in", ["safety_manager", "enterprise_principal"])
          .execute();
        await notify(trx, {
          userIds: managers.map((m) => m.id),
          kind: "alarm.raised",
          dedupeKey: `alarm:${created.id}:raised`,
          title: { "zh-CN": `管理预警：${c.message["zh-CN"]}`, en: `Management alarm: ${c.message.en}` },
          link: `/monitoring/alarms`,
          severity: MANAGEMENT_ALARM_SEVERITY[c.ruleKind] <= 2 ? "critical" : "warning",
          enterpriseId: c.enterpriseId,
          territoryPath: c.territoryPath,
          at: now,
        });
      }),
  );
  const clearing = await runEachIsolated(
    open.filter((a) => !wanted.has(`${a.enterprise_id}|${a.rule_id}`)),
    { job: "management-alarms", log, describe: (a) => ({ enterpriseId: a.enterprise_id, alarmId: a.id }) },
    async (a) => {
      // The acknowledged state is read at the update, not from the list: someone may acknowledge meanwhile.
      await sql`
        UPDATE alarm SET status = CASE WHEN status = 'acknowledged' THEN 'cleared' ELSE 'cleared_unacknowledged' END,
                         cleared_at = ${now}, last_update_at = ${now}, changed_at = ${now}
         WHERE enterprise_id = ${a.enterprise_id} AND id = ${a.id}
           AND status IN ('active_unacknowledged', 'acknowledged')`.execute(db);
    },
  );
  return { raised, cleared: clearing.done, failed: raising.failed + clearing.failed };
}
