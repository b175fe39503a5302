import { type Kysely, sql } from "kysely";
import { text } from "../../../domain/text";
import type { Scope } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { notFound } from "../../errors";
import type { TaskListQuery } from "./schema";

/** Inspection tasks in a scope, with their enterprise's name and how many of their items have a result. */
function tasksIn(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom("inspection_task")
    .innerJoin("enterprise", "enterprise.id", "inspection_task.enterprise_id")
    .selectAll("inspection_task")
    .select([
      "enterprise.name as enterprise_name",
      sql<number>`(SELECT count(*) FROM inspection_task_item i WHERE i.enterprise_id = inspection_task.enterprise_id AND i.task_id = inspection_task.id)`.as(
        "item_count",
      ),
      sql<number>`(SELECT count(*) FROM inspection_task_item i WHERE i.enterprise_id = inspection_task.enterprise_id AND i.task_id = inspection_task.id AND i.outcome IS NOT NULL)`.as(
        "done_count",
      ),
    ])
    .where((eb) => enterpriseInScope(eb, scope));
}

export type InspectionTaskRow = Awaited<ReturnType<ReturnType<typeof tasksIn>["execute"]>>[number];

/** One task in the scope; one outside answers 404 exactly like one that does not exist. */
export async function findInspectionTask(db: Kysely<DB>, scope: Scope, id: string): Promise<InspectionTaskRow> {
  const task = await tasksIn(db, scope).where("inspection_task.id", "=", id).executeTakeFirst();
  if (!task) throw notFound(text("该检查任务", "The inspection task"));
  return task;
}

/** A page of the tasks in the scope, the soonest due first. */
export async function findInspectionTasks(db: Kysely<DB>, scope: Scope, filter: TaskListQuery) {
  let query = tasksIn(db, scope);
  if (filter.enterpriseId) query = query.where("inspection_task.enterprise_id", "=", filter.enterpriseId);
  if (filter.status) query = query.where("inspection_task.status", "=", filter.status);
  return query
    .orderBy("inspection_task.due_at")
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
}

/** A task's items with what each checks and the result recorded, in the order of their content. */
export async function findTaskItems(db: Kysely<DB>, task: { enterprise_id: string; id: string }) {
  return db
    .selectFrom("inspection_task_item")
    .innerJoin("checklist_item", (join) =>
      join
        .onRef("checklist_item.enterprise_id", "=", "inspection_task_item.enterprise_id")
        .onRef("checklist_item.id", "=", "inspection_task_item.checklist_item_id"),
    )
    .selectAll("inspection_task_item")
    .select(["checklist_item.content", "checklist_item.risk_point_id"])
    .where("inspection_task_item.enterprise_id", "=", task.enterprise_id)
    .where("inspection_task_item.task_id", "=", task.id)
    .orderBy("checklist_item.content")
    .execute();
}

export type TaskItemRow = Awaited<ReturnType<typeof findTaskItems>>[number];

/** An enterprise's active check items: from its measures, then templates, then its own. */
export async function findChecklistItems(db: Kysely<DB>, enterpriseId: string) {
  return db
    .selectFrom("checklist_item")
    .selectAll()
    .where("enterprise_id", "=", enterpriseId)
    .where("active", "=", true)
    .orderBy("source")
    .orderBy("created_at")
    .execute();
}

export type ChecklistItemRow = Awaited<ReturnType<typeof findChecklistItems>>[number];
