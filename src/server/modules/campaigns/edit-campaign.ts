import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { conflict } from "../../errors";
import { planColumns, resolvePlan, storePlan } from "./campaign-plan";
import { runnableCampaign } from "./campaign-queries";
import type { CampaignPlanInput } from "./schema";

/**
 * Replaces a draft's plan. The campaign row is locked while the plan is checked and stored, so it cannot be started
 * in between: a plan changes only while nobody reports against it.
 */
export async function editCampaign(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  id: string,
  input: CampaignPlanInput,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await runnableCampaign(trx, principal, id, { lock: "update" });
    if (row.status !== "draft")
      throw conflict({
        "zh-CN": "专项行动已启动，方案不能再修改；如需调整，请结束后另行发起",
        en: "The campaign is running, so its plan can no longer change; close it and start a new one to adjust",
      });
    const plan = await resolvePlan(trx, principal, input);
    await trx
      .updateTable("campaign")
      .set({ ...planColumns(input, plan), updated_at: new Date() })
      .where("id", "=", row.id)
      .execute();
    await storePlan(trx, row.id, input, plan.participants);
    await recordAudit(trx, actor, {
      action: "update",
      entityType: "campaign",
      entityId: row.id,
      territoryPath: row.owner_path,
      before: { title: row.title, startDate: row.start_date, endDate: row.end_date, schedule: row.schedule },
      after: input,
    });
  });
}
