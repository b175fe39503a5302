import type { Selectable, Transaction } from "kysely";
import type { CampaignStatus } from "../../../domain/campaign";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { CampaignTable, DB } from "../../db/schema";
import { conflict, type LocalisedText } from "../../errors";
import { runnableCampaign } from "./campaign-queries";

/** A campaign's step from one status to the next, the audit action naming it, and why another status refuses it. */
export type StatusStep = {
  from: CampaignStatus;
  to: "active" | "closed";
  action: "activate" | "close";
  refusal: (status: CampaignStatus) => LocalisedText;
};

/**
 * Moves a campaign the caller runs one step on, stamping when, with its audit entry. The status is checked on the row
 * locked in the caller's transaction, so of two requests racing for the same step one passes and the other is refused.
 */
export async function stepCampaign(
  trx: Transaction<DB>,
  principal: Principal,
  actor: Actor,
  id: string,
  step: StatusStep,
  now: Date,
): Promise<Selectable<CampaignTable>> {
  const row = await runnableCampaign(trx, principal, id, { lock: "update" });
  if (row.status !== step.from) throw conflict(step.refusal(row.status));
  const stamp = step.to === "active" ? { activated_at: now } : { closed_at: now };
  await trx
    .updateTable("campaign")
    .set({ status: step.to, ...stamp, updated_at: now })
    .where("id", "=", row.id)
    .execute();
  await recordAudit(trx, actor, {
    action: step.action,
    entityType: "campaign",
    entityId: row.id,
    territoryPath: row.owner_path,
    before: { status: step.from },
    after: { status: step.to },
  });
  return row;
}
