import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import type { JobContext } from "../../jobs/job-runner";
import { requireChecklistManager } from "./checklist-access";
import { generateInspectionTasks } from "./inspection-jobs";

/**
 * Builds (or refreshes) an enterprise's checklist from its control measures: each measure's check content and
 * frequency becomes a check item, changed ones are updated, and the items of removed measures retire (kept for the
 * history of past tasks). Today's tasks then appear at once rather than at the job's next run.
 */
export async function generateChecklist(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  enterpriseId: string,
  log: JobContext["log"],
): Promise<{ measures: number; created: number; updated: number }> {
  requireChecklistManager(principal, enterpriseId);
  const measures = await db
    .selectFrom("control_measure")
    .innerJoin("risk_point", (join) =>
      join
        .onRef("risk_point.owner_id", "=", "control_measure.owner_id")
        .onRef("risk_point.id", "=", "control_measure.risk_point_id"),
    )
    .select([
      "control_measure.id",
      "control_measure.content",
      "control_measure.check_content",
      "control_measure.check_frequency",
      "control_measure.responsible_person",
      "risk_point.id as risk_point_id",
      "risk_point.name as risk_point_name",
      "risk_point.control_level",
    ])
    .where("control_measure.owner_id", "=", enterpriseId)
    .execute();
  let created = 0;
  let updated = 0;
  await db.transaction().execute(async (trx) => {
    for (const m of measures) {
      const content = `${m.risk_point_name}：${m.check_content || m.content}`;
      const existing = await trx
        .selectFrom("checklist_item")
        .selectAll()
        .where("enterprise_id", "=", enterpriseId)
        .where("control_measure_id", "=", m.id)
        .executeTakeFirst();
      const values = {
        content,
        check_frequency: m.check_frequency,
        control_level: m.control_level,
        responsible_person: m.responsible_person,
        risk_point_id: m.risk_point_id,
        active: true,
      };
      if (!existing) {
        await trx
          .insertInto("checklist_item")
          .values({
            enterprise_id: enterpriseId,
            source: "measure",
            control_measure_id: m.id,
            template_kind: null,
            inspector_user_id: null,
            ...values,
          })
          .execute();
        created++;
      } else if (
        existing.content !== content ||
        existing.check_frequency !== m.check_frequency ||
        existing.control_level !== m.control_level ||
        existing.responsible_person !== m.responsible_person ||
        !existing.active
      ) {
        await trx
          .updateTable("checklist_item")
          .set(values)
          .where("enterprise_id", "=", enterpriseId)
          .where("id", "=", existing.id)
          .execute();
        updated++;
      }
    }
    const current = measures.map((m) => m.id);
    const retired = await trx
      .updateTable("checklist_item")
      .set({ active: false })
      .where("enterprise_id", "=", enterpriseId)
      .where("source", "=", "measure")
      .where("active", "=", true)
      .$if(current.length > 0, (qb) => qb.where("control_measure_id", "not in", current))
      .returning("id")
      .execute();
    await recordAudit(trx, actor, {
      action: "generate",
      entityType: "checklist",
      entityId: enterpriseId,
      enterpriseId,
      after: { created, updated, retired: retired.length },
    });
  });
  await generateInspectionTasks(db, new Date(), log);
  return { measures: measures.length, created, updated };
}
