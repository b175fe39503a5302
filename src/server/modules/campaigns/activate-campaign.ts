import type { Kysely } from "kysely";
import type { Actor } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { notify } from "../../notifications/notify";
import { reportersOf } from "./campaign-access";
import { dueDatesOf } from "./campaign-completion";
import { stepCampaign } from "./campaign-status";

/** Starts a draft: its participants are told and reports become due. */
export async function activateCampaign(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  id: string,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await stepCampaign(
      trx,
      principal,
      actor,
      id,
      {
        from: "draft",
        to: "active",
        action: "activate",
        refusal: (status) => ({
          "zh-CN": `专项行动已是「${status === "active" ? "进行中" : "已结束"}」状态，不能再次启动`,
          en: `The campaign is already ${status}; it cannot be started again`,
        }),
      },
      now,
    );
    const participants = await trx
      .selectFrom("campaign_participant")
      .selectAll()
      .where("campaign_id", "=", row.id)
      .execute();
    const reporters = (await Promise.all(participants.map((p) => reportersOf(trx, p)))).flat();
    const first = dueDatesOf(row)[0];
    await notify(trx, {
      userIds: reporters,
      kind: "campaign.activated",
      dedupeKey: `campaign:${row.id}:activated`,
      title: { "zh-CN": `专项行动「${row.title}」已启动`, en: `Special action "${row.title}" has started` },
      body: {
        "zh-CN": `行动期限 ${row.start_date} 至 ${row.end_date}，首次报送 ${first?.dueDate ?? "—"}`,
        en: `Runs ${row.start_date} to ${row.end_date}; first report due ${first?.dueDate ?? "—"}`,
      },
      link: `/campaigns/${row.id}`,
      territoryPath: row.owner_path,
      at: now,
    });
  });
}
