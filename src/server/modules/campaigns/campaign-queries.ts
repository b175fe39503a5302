import type { Kysely, Selectable, Transaction } from "kysely";
import type { Static } from "typebox";
import type { CampaignStatus, FigureValues } from "../../../domain/campaign";
import type { Principal } from "../../auth/principal";
import type { CampaignTable, DB } from "../../db/schema";
import { forbidden, type LocalisedText, notFound } from "../../errors";
import { campaignVisible, ownParticipants, runsCampaign } from "./campaign-access";
import { loadCompletion, sumCompletion } from "./campaign-completion";
import { reportsFor } from "./present-campaign";
import type { CampaignList, StoredReports } from "./schema";

type Db = Kysely<DB> | Transaction<DB>;

const THE_CAMPAIGN: LocalisedText = { "zh-CN": "该专项行动", en: "The campaign" };
const NOT_RUNNER: LocalisedText = {
  "zh-CN": "专项行动只能由发起的属地（或其上级）管理",
  en: "A campaign is managed only by the territory that runs it (or one above)",
};

/**
 * A campaign the caller may see (it runs it, or takes part in it once it is running); 404 for any other. Inside a
 * transaction, `lock` holds the row until commit, so its status cannot change under the operation.
 */
export async function visibleCampaign(
  db: Db,
  principal: Principal,
  id: string,
  options: { lock?: "update" | "share" } = {},
): Promise<Selectable<CampaignTable>> {
  let query = db
    .selectFrom("campaign")
    .selectAll()
    .where("id", "=", id)
    .where((eb) => campaignVisible(eb, principal));
  if (options.lock === "update") query = query.forUpdate();
  if (options.lock === "share") query = query.forShare();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound(THE_CAMPAIGN);
  return row;
}

/** A campaign the caller runs (its territory or one above the one that does); 403 for one it only reports to. */
export async function runnableCampaign(
  db: Db,
  principal: Principal,
  id: string,
  options: { lock?: "update" } = {},
): Promise<Selectable<CampaignTable>> {
  const row = await visibleCampaign(db, principal, id, options);
  if (!runsCampaign(principal, row.owner_path)) throw forbidden(NOT_RUNNER);
  return row;
}

/** Campaigns the caller runs or reports to, newest first, with the completion of the participants it may see. */
export async function findCampaigns(
  db: Kysely<DB>,
  principal: Principal,
  status: CampaignStatus | undefined,
  now: Date,
): Promise<Static<typeof CampaignList>> {
  let query = db
    .selectFrom("campaign")
    .selectAll()
    .where((eb) => campaignVisible(eb, principal))
    .orderBy("created_at", "desc")
    .limit(500);
  if (status) query = query.where("status", "=", status);
  const rows = await query.execute();
  const participants =
    rows.length > 0
      ? await db
          .selectFrom("campaign_participant")
          .selectAll()
          .where(
            "campaign_id",
            "in",
            rows.map((r) => r.id),
          )
          .execute()
      : [];
  const runnerOf = new Map(rows.map((r) => [r.id, runsCampaign(principal, r.owner_path)]));
  const visible = participants.filter((p) => runnerOf.get(p.campaign_id) || reportsFor(principal, p));
  const completion = await loadCompletion(db, rows, visible, now);
  return {
    items: rows.map((row) => {
      const entry = completion.get(row.id)!;
      return {
        id: row.id,
        title: row.title,
        status: row.status,
        startDate: row.start_date,
        endDate: row.end_date,
        createdByName: row.created_by_name,
        participants: entry.participants.length,
        role: runnerOf.get(row.id) ? "runner" : "participant",
        totals: sumCompletion(entry.participants),
      };
    }),
  };
}

/** Every version of the progress reports the caller may see: a runner all, a participant its own. */
export async function findReports(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
  filter: { participantId?: string; dueDate?: string },
): Promise<Static<typeof StoredReports>> {
  const row = await visibleCampaign(db, principal, id);
  let query = db
    .selectFrom("campaign_report")
    .innerJoin("campaign_participant", (join) =>
      join
        .onRef("campaign_participant.campaign_id", "=", "campaign_report.campaign_id")
        .onRef("campaign_participant.id", "=", "campaign_report.participant_id"),
    )
    .selectAll("campaign_report")
    .select("campaign_participant.name as participant_name")
    .where("campaign_report.campaign_id", "=", row.id)
    .orderBy("campaign_report.due_date")
    .orderBy("campaign_participant.name")
    .orderBy("campaign_report.version");
  if (!runsCampaign(principal, row.owner_path)) {
    const own = await ownParticipants(db, principal, row.id);
    query = query.where(
      "campaign_report.participant_id",
      "in",
      own.length > 0 ? own.map((p) => p.id) : ["00000000-0000-0000-0000-000000000000"],
    );
  }
  if (filter.participantId) query = query.where("campaign_report.participant_id", "=", filter.participantId);
  if (filter.dueDate) query = query.where("campaign_report.due_date", "=", filter.dueDate);
  const rows = await query.execute();
  return {
    items: rows.map((r) => ({
      participantId: r.participant_id,
      participantName: r.participant_name,
      dueDate: r.due_date,
      version: r.version,
      text: r.text,
      figures: r.figures as Record<string, FigureValues>,
      attachmentIds: r.attachment_ids,
      submittedByName: r.submitted_by_name,
      submittedAt: r.submitted_at.toISOString(),
    })),
  };
}
