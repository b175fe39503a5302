import type { Kysely } from "kysely";
import { AUTHORITY } from "../../../domain/access/roles";
import { type CheckFrequency, periodContaining, periodsBetween } from "../../../domain/inspection/schedule";
import { type LocalisedText, text } from "../../../domain/text";
import type { DB } from "../../db/schema";
import type { Job, JobContext } from "../../jobs/job-runner";
import { runEachIsolated } from "../../jobs/run-each-isolated";
import { notify } from "../../notifications/notify";

// Tasks are created a day ahead so that a shift's checklist is waiting when the shift starts.
const LOOKAHEAD_MS = 24 * 3600_000;

const TITLES: Record<CheckFrequency, LocalisedText> = {
  shift: text("班次检查", "Shift check"),
  daily: text("日常检查", "Daily check"),
  weekly: text("周检查", "Weekly check"),
  monthly: text("月度检查", "Monthly check"),
  quarterly: text("季度检查", "Quarterly check"),
  yearly: text("年度检查", "Yearly check"),
};

/**
 * Creates the inspection tasks whose periods begin before now + one day: one
 * task per enterprise, frequency, control level and inspector, holding the
 * active checklist items of that group. Unique keys make it idempotent.
 */
export async function generateInspectionTasks(
  db: Kysely<DB>,
  now: Date,
  log: JobContext["log"] = console,
): Promise<number> {
  const items = await db
    .selectFrom("checklist_item")
    .innerJoin("enterprise", "enterprise.id", "checklist_item.enterprise_id")
    .select([
      "checklist_item.enterprise_id",
      "checklist_item.id",
      "checklist_item.check_frequency",
      "checklist_item.control_level",
      "checklist_item.inspector_user_id",
      "checklist_item.content",
    ])
    .where("checklist_item.active", "=", true)
    // A closed enterprise keeps its past tasks but is given no new ones.
    .where("enterprise.status", "<>", "closed")
    .execute();
  const groups = new Map<string, typeof items>();
  for (const item of items) {
    const key = `${item.enterprise_id}|${item.check_frequency}|${item.control_level ?? "none"}|${item.inspector_user_id ?? "role"}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  let created = 0;
  const to = new Date(now.getTime() + LOOKAHEAD_MS);
  await runEachIsolated(
    groups,
    { job: "inspection-tasks", log, describe: ([key]) => ({ schedule: key }) },
    async ([key, group]) => {
      created += await createTasksOfGroup(db, key, group, now, to);
    },
  );
  return created;
}

type ChecklistRow = {
  enterprise_id: string;
  id: string;
  check_frequency: string;
  control_level: string | null;
  inspector_user_id: string | null;
};

/** The tasks of one enterprise's schedule group for the periods now and within a day; returns how many were new. */
async function createTasksOfGroup(db: Kysely<DB>, key: string, group: ChecklistRow[], now: Date, to: Date) {
  const first = group[0];
  const frequency = first.check_frequency as CheckFrequency;
  const scheduleKey = key.split("|").slice(1).join("|");
  // The task's title is stored in Chinese, the enterprise's working language.
  const title = TITLES[frequency]["zh-CN"];
  // The period running now (a new checklist still gets this week's task) and those starting within a day.
  const periods = [periodContaining(frequency, now), ...periodsBetween(frequency, now, to)];
  const seen = new Set<number>();
  let created = 0;
  for (const period of periods) {
    if (period.due <= now || seen.has(period.start.getTime())) continue;
    seen.add(period.start.getTime());
    // A task and its items together, so a failure never leaves an empty task behind.
    const isNew = await db.transaction().execute(async (trx) => {
      const task = await trx
        .insertInto("inspection_task")
        .values({
          enterprise_id: first.enterprise_id,
          schedule_key: scheduleKey,
          title,
          frequency,
          control_level: first.control_level,
          period_start: period.start,
          due_at: period.due,
          inspector_user_id: first.inspector_user_id,
        })
        .onConflict((oc) => oc.columns(["enterprise_id", "schedule_key", "period_start"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!task) return false;
      await trx
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
      return true;
    });
    if (isNew) created++;
  }
  return created;
}

/** Tasks past due and not completed become missed, and the enterprise's managers are told. */
export async function markMissedTasks(db: Kysely<DB>, now: Date, log: JobContext["log"] = console): Promise<number> {
  const missed = await db
    .updateTable("inspection_task")
    .set({ status: "missed" })
    .where("status", "=", "open")
    .where("due_at", "<=", now)
    .returning(["enterprise_id", "id", "frequency", "due_at"])
    .execute();
  await runEachIsolated(
    missed,
    { job: "inspection-tasks", log, describe: (task) => ({ taskId: task.id, enterpriseId: task.enterprise_id }) },
    async (task) => {
      const managers = await db
        .selectFrom("user_enterprise")
        .innerJoin("app_user", "app_user.id", "user_enterprise.user_id")
        .select(["app_user.id", "app_user.role"])
        .where("user_enterprise.enterprise_id", "=", task.enterprise_id)
        .where("app_user.role", "in", ["safety_manager", "enterprise_principal"])
        .where("app_user.disabled", "=", false)
        .execute();
      await db.transaction().execute((trx) =>
        notify(trx, {
          userIds: managers
            .filter((m) => AUTHORITY[m.role as "safety_manager"] >= AUTHORITY.safety_manager)
            .map((m) => m.id),
          kind: "inspection.missed",
          dedupeKey: `task:${task.id}:missed`,
          title: text(
            `检查任务未完成：${TITLES[task.frequency as CheckFrequency]["zh-CN"]}`,
            `Inspection task missed: ${TITLES[task.frequency as CheckFrequency].en}`,
          ),
          body: text(`应于 ${task.due_at.toISOString()} 前完成`, `It was due by ${task.due_at.toISOString()}`),
          link: `/inspections/${task.id}`,
          severity: "warning",
          enterpriseId: task.enterprise_id,
          at: now,
        }),
      );
    },
  );
  return missed.length;
}

export function inspectionTaskJob(): Job {
  return {
    name: "inspection-tasks",
    everySeconds: 600,
    async run({ db, clock, log }) {
      const now = clock.now();
      return { missed: await markMissedTasks(db, now, log), created: await generateInspectionTasks(db, now, log) };
    },
  };
}
