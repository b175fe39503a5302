import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { planColumns, resolvePlan, storePlan } from "./campaign-plan";
import type { CampaignPlanInput } from "./schema";

/**
 * Drafts a special action run by the caller's territory: its scope, period, tasks and report schedule; the
 * subordinate territories and named departments become its participants. Answers the new campaign's id.
 */
export async function createCampaign(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  input: CampaignPlanInput,
): Promise<string> {
  const plan = await resolvePlan(db, principal, input);
  return db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto("campaign")
      .values({
        ...planColumns(input, plan),
        owner_territory_id: plan.ownerTerritoryId,
        owner_path: plan.ownerPath,
        created_by: principal.userId,
        created_by_name: principal.displayName,
        updated_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await storePlan(trx, created.id, input, plan.participants);
    await recordAudit(trx, actor, {
      action: "create",
      entityType: "campaign",
      entityId: created.id,
      territoryPath: plan.ownerPath,
      after: { ...input, participants: plan.participants.map((p) => p.name) },
    });
    return created.id;
  });
}
