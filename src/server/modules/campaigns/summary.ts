import type { Kysely, Transaction } from "kysely";
import type { Static } from "typebox";
import type { Scope } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { loadCompletion, sumCompletion } from "./campaign-completion";
import type { CampaignSummary as CampaignSummarySchema } from "./schema";

type Db = Kysely<DB> | Transaction<DB>;

export type CampaignSummary = Static<typeof CampaignSummarySchema>;

/**
 * Special actions as a cockpit sees them for a scope: every active or closed
 * campaign run by a territory inside the scope (all its participants count), and
 * campaigns run from above in which participants inside the scope take part
 * (only those participants count, so a district sees its own share of a city
 * campaign). Drafts are left out. Industry limits of a department's scope are
 * not applied: campaigns are counted by territory. An enterprise scope sees none.
 *
 * `now` decides which reports are owed; pass the request's time.
 */
export async function campaignSummary(db: Db, scope: Scope, now: Date = new Date()): Promise<CampaignSummary> {
  const empty: CampaignSummary = {
    active: 0,
    closed: 0,
    reportsDue: 0,
    reportsSubmitted: 0,
    reportsOverdue: 0,
    byCampaign: [],
  };
  if (scope.kind !== "territory") return empty;
  const prefix = `${scope.path}%`;
  const participants = await db
    .selectFrom("campaign_participant")
    .innerJoin("campaign", "campaign.id", "campaign_participant.campaign_id")
    .selectAll("campaign_participant")
    .where("campaign.status", "<>", "draft")
    .where((eb) => eb.or([eb("campaign.owner_path", "like", prefix), eb("campaign_participant.path", "like", prefix)]))
    .execute();
  const campaignIds = [...new Set(participants.map((p) => p.campaign_id))];
  if (campaignIds.length === 0) return empty;
  const campaigns = await db
    .selectFrom("campaign")
    .select(["id", "title", "status", "start_date", "end_date", "schedule", "final_report", "closed_at"])
    .where("id", "in", campaignIds)
    .orderBy("start_date", "desc")
    .execute();
  const completion = await loadCompletion(db, campaigns, participants, now);
  const summary = { ...empty, byCampaign: [] as CampaignSummary["byCampaign"] };
  for (const campaign of campaigns) {
    const rows = completion.get(campaign.id)?.participants ?? [];
    const total = sumCompletion(rows);
    if (campaign.status === "active") summary.active++;
    else summary.closed++;
    summary.reportsDue += total.due;
    summary.reportsSubmitted += total.submitted;
    summary.reportsOverdue += total.missing;
    summary.byCampaign.push({
      id: campaign.id,
      title: campaign.title,
      status: campaign.status as "active" | "closed",
      startDate: campaign.start_date,
      endDate: campaign.end_date,
      participants: rows.length,
      reportsDue: total.due,
      reportsSubmitted: total.submitted,
      reportsLate: total.late,
      reportsOverdue: total.missing,
    });
  }
  return summary;
}
