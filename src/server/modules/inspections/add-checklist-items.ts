import type { Kysely } from "kysely";
import type { CheckFrequency } from "../../../domain/inspection/schedule";
import { INSPECTION_TEMPLATES } from "../../../domain/inspection/templates";
import { type Locale, text } from "../../../domain/text";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import { requireUser } from "../../auth/require-user";
import type { DB } from "../../db/schema";
import { invalidFields } from "../../errors";
import type { JobContext } from "../../jobs/job-runner";
import { requireChecklistManager } from "./checklist-access";
import { generateInspectionTasks } from "./inspection-jobs";
import type { ChecklistItemsBody } from "./schema";

/**
 * Adds an enterprise's own check item, or the items of an inspection template in the caller's language, and
 * creates the tasks that are due at once. Returns how many items were added.
 */
export async function addChecklistItems(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  body: ChecklistItemsBody,
  locale: Locale,
  log: JobContext["log"],
): Promise<number> {
  requireChecklistManager(principal, body.enterpriseId);
  if (body.inspectorUserId) {
    await requireUser(db, "inspectorUserId", body.inspectorUserId, {
      kind: "enterprise",
      enterpriseId: body.enterpriseId,
    });
  }
  let rows: { content: string; frequency: CheckFrequency; source: "template" | "custom" }[];
  if (body.templateKind) {
    const template = INSPECTION_TEMPLATES[body.templateKind];
    rows = template.items.map((item) => ({
      content: item.content[locale],
      frequency: body.checkFrequency ?? template.frequency,
      source: "template",
    }));
  } else {
    if (!body.content || !body.checkFrequency) {
      throw invalidFields([
        {
          field: "content",
          text: text("自定义检查项须填写检查内容和频次", "A custom item needs its content and frequency"),
        },
      ]);
    }
    rows = [{ content: body.content, frequency: body.checkFrequency, source: "custom" }];
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("checklist_item")
      .values(
        rows.map((row) => ({
          enterprise_id: body.enterpriseId,
          source: row.source,
          control_measure_id: null,
          risk_point_id: null,
          template_kind: body.templateKind ?? null,
          content: row.content,
          check_frequency: row.frequency,
          control_level: null,
          responsible_person: "",
          inspector_user_id: body.inspectorUserId ?? null,
        })),
      )
      .execute();
    await recordAudit(trx, actor, {
      action: "create",
      entityType: "checklist_item",
      entityId: body.enterpriseId,
      enterpriseId: body.enterpriseId,
      after: rows,
    });
  });
  await generateInspectionTasks(db, new Date(), log);
  return rows.length;
}
