import type { Kysely } from "kysely";
import { text } from "../../../domain/text";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { AppError, forbidden, invalidFields, notFound } from "../../errors";
import { requirePhotos } from "../attachments/require-photos";
import { storeReportedHiddenDanger } from "../hidden-dangers/store-hidden-danger";
import { findInspectionTask } from "./inspection-queries";
import type { CheckBody } from "./schema";

/**
 * Records one check of an open task: pass, fail or not applicable, with a note, photos and the device's location.
 * The first failure of an item opens a hidden danger (source "inspection") in the same transaction.
 */
export async function recordCheck(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  where: { taskId: string; itemId: string },
  body: CheckBody,
): Promise<{ outcome: CheckBody["outcome"]; hiddenDangerId: string | null }> {
  const task = await findInspectionTask(db, principal.scope, where.taskId);
  if (principal.scope.kind !== "enterprises") throw forbidden();
  if (task.status !== "open") {
    throw new AppError(
      "CONFLICT",
      task.status === "missed"
        ? text(
            "该任务已逾期未完成，记录为漏检，不能再补录",
            "This task was missed; it stays recorded as missed and cannot be filled in late",
          )
        : text("该任务已完成", "This task is already completed"),
    );
  }
  await requirePhotos(db, task.enterprise_id, "photoIds", body.photoIds);
  if (body.outcome === "fail" && !body.note?.trim() && !body.photoIds?.length) {
    throw invalidFields([
      { field: "note", text: text("不合格项请说明情况或拍照", "Describe or photograph a failed item") },
    ]);
  }
  const item = await db
    .selectFrom("inspection_task_item")
    .innerJoin("checklist_item", (join) =>
      join
        .onRef("checklist_item.enterprise_id", "=", "inspection_task_item.enterprise_id")
        .onRef("checklist_item.id", "=", "inspection_task_item.checklist_item_id"),
    )
    .select(["inspection_task_item.hidden_danger_id", "checklist_item.content", "checklist_item.risk_point_id"])
    .where("inspection_task_item.enterprise_id", "=", task.enterprise_id)
    .where("inspection_task_item.task_id", "=", task.id)
    .where("inspection_task_item.checklist_item_id", "=", where.itemId)
    .executeTakeFirst();
  if (!item) throw notFound(text("该检查项", "The check item"));
  const now = new Date();
  let hiddenDangerId = item.hidden_danger_id;
  await db.transaction().execute(async (trx) => {
    if (body.outcome === "fail" && !hiddenDangerId) {
      const enterprise = await trx
        .selectFrom("enterprise")
        .select(["id", "territory_path"])
        .where("id", "=", task.enterprise_id)
        .executeTakeFirstOrThrow();
      const created = await storeReportedHiddenDanger(trx, {
        principal,
        enterprise,
        report: {
          source: "inspection",
          description: `${item.content}${body.note ? `：${body.note}` : ""}`,
          photoIds: body.photoIds,
        },
        riskPointId: item.risk_point_id,
        comment: body.note ?? "",
        now,
      });
      hiddenDangerId = created.id;
    }
    await trx
      .updateTable("inspection_task_item")
      .set({
        outcome: body.outcome,
        note: body.note ?? "",
        photo_ids: body.photoIds ?? [],
        lng: body.lng ?? null,
        lat: body.lat ?? null,
        recorded_at: now,
        recorded_by: principal.userId,
        hidden_danger_id: hiddenDangerId,
      })
      .where("enterprise_id", "=", task.enterprise_id)
      .where("task_id", "=", task.id)
      .where("checklist_item_id", "=", where.itemId)
      .execute();
    await recordAudit(trx, actor, {
      action: "check",
      entityType: "inspection_task",
      entityId: task.id,
      enterpriseId: task.enterprise_id,
      after: { itemId: where.itemId, ...body, hiddenDangerId },
    });
  });
  return { outcome: body.outcome, hiddenDangerId };
}
