import type { Kysely } from "kysely";
import type { Actor } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { stepCampaign } from "./campaign-status";

/**
 * Ends a running campaign: no more reports are taken and completion is fixed as of now. A report being stored holds
 * the campaign row too, so it waits for the close, or the close for it.
 */
export async function closeCampaign(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  id: string,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await stepCampaign(
      trx,
      principal,
      actor,
      id,
      {
        from: "active",
        to: "closed",
        action: "close",
        refusal: (status) =>
          status === "draft"
            ? {
                "zh-CN": "草稿尚未启动，无需结束；可直接修改",
                en: "A draft has not started, so it cannot be closed; edit it instead",
              }
            : { "zh-CN": "专项行动已经结束", en: "The campaign is already closed" },
      },
      now,
    );
  });
}
