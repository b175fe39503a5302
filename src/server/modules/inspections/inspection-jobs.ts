import type { Kysely } from "kysely";
import { AUTHORITY } from "../../../domain/access/roles";
import {
  type CheckFrequency,
  DEFAULT_INSPECTION_BY_CONTROL_LEVEL,
  periodContaining,
  periodsBetween,
} from "../../../domain/inspection/schedule";
import type { ControlLevel } from "../../../domain/reference/risk-levels";
import type { DB } from "../../db/schema";
import type { Job } from "../../jobs/job-runner";
import { notify } from "../../notifications/notify";

// Tasks are created a day ahead so that a shift's checklist is waiting when the shift starts.
const LOOKAHEAD_MS = 24 * 3600_000;

const TITLES: Record<CheckFrequency, [string, string]> = {
  shift: ["班次检查", "Shift check"],
  daily: ["日常检查", "Daily check"],
  weekly: ["周检查", "Weekly check"],
  monthly: ["月度检查", "Monthly check"],
  quarterly: ["季度检查", "Quarterly check"],
  yearly: ["年度检查", "Yearly check"],
};

/**
 * Creates the inspection tasks whose periods begin before now + one day: one
 * task per enterprise, frequency, control level and inspector, holding the
 * active checklist items of that group. Unique keys make it idempotent.
 */
export async function generateInspectionTasks(db: Kysely<DB>, now: Date): Promise<number> {
  const items = await db
    .selectFrom("checklist_item")
    .select(["enterprise_id", "id", "check_frequency", "control_level", "inspector_user_id", "content"])
    .where("active", "=", true)
    .execute();
  const groups = new Map<string, typeof items>();
  for (const item of items) {
    const key = `${item.enterprise_id}|${item.check_frequency}|${item.control_level ?? "none"}|${item.inspector_user_id ?? "role"}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  let created = 0;
  const to = new Date(now.getTime() + LOOKAHEAD_MS);
  for (const [key, group] of groups) {
    const first = group[0];
    const frequency = first.check_frequency as CheckFrequency;
    // The period running now (a new checklist still gets this week's task) and those starting within a day.
    const periods = [periodContaining(frequency, now), ...periodsBetween(frequency, now, to)];
    const seen = new Set<number>();
    for (const period of periods) {
      if (period.due <= now || seen.has(period.start.getTime())) continue;
      seen.add(period.start.getTime());
      const scheduleKey = key.split("|").slice(1).join("|");
      const [zh] = TITLES[frequency];
      const task = await db
        .insertInto("inspection_task")
        .values({
          enterprise_id: first.enterprise_id,
          schedule_key: scheduleKey,
          title: zh,
          frequency,
          control_level: first.control_level,
          period_start: period.start,
          due_at: period.due,
          inspector_user_id: first.inspector_user_id,
        })
        .onConflict((oc) => oc.columns(["enterprise_id", "schedule_key", "period_start"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!task) continue;
      created++;
      await db
        .insertInto("inspection_task_item")
        .values(
          group.map((item) => ({
            enterprise_id: first.enterprise_id,
            task_id: task.id,
            checklist_item_id: item.id,
            outcome: null,
            lng: null,
            lat: null,
            recorded_at: null,
            recorded_by: null,
            hidden_danger_id: null,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }
  return created;
}

/** Tasks past due and not completed become missed, and the enterprise's managers are told. */
export async function markMissedTasks(db: Kysely<DB>, now: Date): Promise<number> {
  const missed = await db
    .updateTable("inspection_task")
    .set({ status: "missed" })
    .where("status", "=", "open")
    .where("due_at", "<=", now)
    .returning(["enterprise_id", "id", "frequency", "due_at"])
    .execute();
  for (const task of missed) {
    const managers = await db
      .selectFrom("user_enterprise")
      .innerJoin("app_user", "app_user.id", "user_enterprise.user_id")
      .select(["app_user.id", "app_user.role"])
      .where("user_enterprise.enterprise_id", "=", task.enterprise_id)
      .where("app_user.role", "in", ["safety_manager", "enterprise_principal"])
      .execute();
    await db.transaction().execute((trx) =>
      notify(trx, {
        userIds: managers
          .filter((m) => AUTHORITY[m.role as "safety_manager"] >= AUTHORITY.safety_manager)
          .map((m) => m.id),
        kind: "inspection.missed",
        dedupeKey: `task:${task.id}:missed`,
        title: {
          "zh-CN": `检查任务未完成：${TITLES[task.frequency as CheckFrequency][0]}`,
          en: `Inspection task missed: ${TITLES[task.frequency as CheckFrequency][1]}`,
        },
        body: { "zh-CN": `应于 ${task.due_at.toISOString()} 前完成`, en: `It was due by ${task.due_at.toISOString()}` },
        link: `/inspections/${task.id}`,
        severity: "warning",
        enterpriseId: task.enterprise_id,
        at: now,
      }),
    );
  }
  return missed.length;
}

export function inspectionTaskJob(): Job {
  return {
    name: "inspection-tasks",
    everySeconds: 600,
    async run({ db, clock }) {
      const now = clock.now();
      return { missed: await markMissedTasks(db, now), created: await generateInspectionTasks(db, now) };
    },
  };
}

/** Who checks an item by default: the control level's inspector (REFERENCE.md §2 mapping, practice). */
export function defaultFrequencyFor(controlLevel: ControlLevel | null): CheckFrequency {
  return controlLevel ? DEFAULT_INSPECTION_BY_CONTROL_LEVEL[controlLevel].frequency : "daily";
}
