import type { Kysely } from "kysely";
import { text } from "../../../domain/text";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { conflict, invalidFields } from "../../errors";
import { findInspectionTask } from "./inspection-queries";

/** Completes an open task once every item has a result. */
export async function completeInspectionTask(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  id: string,
): Promise<void> {
  const task = await findInspectionTask(db, principal.scope, id);
  if (task.status !== "open") throw conflict(text("该任务不是待检状态", "This task is not open"));
  const left = Number(task.item_count) - Number(task.done_count);
  if (left > 0) {
    throw invalidFields([
      { field: "items", text: text(`还有 ${left} 项未检查`, `${left} item(s) have no result yet`) },
    ]);
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("inspection_task")
      .set({ status: "done", completed_at: new Date(), completed_by: principal.userId })
      .where("enterprise_id", "=", task.enterprise_id)
      .where("id", "=", task.id)
      .execute();
    await recordAudit(trx, actor, {
      action: "complete",
      entityType: "inspection_task",
      entityId: task.id,
      enterpriseId: task.enterprise_id,
    });
  });
}
