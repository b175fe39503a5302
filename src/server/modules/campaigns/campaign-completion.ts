import type { Kysely, Transaction } from "kysely";
import type { CampaignStatus } from "../../../domain/campaign";
import {
  type FigureValues,
  type ParticipantCompletion,
  participantCompletion,
  type ReportSchedule,
  reportDueDates,
} from "../../../domain/campaign";
import type { DB } from "../../db/schema";

type Db = Kysely<DB> | Transaction<DB>;

export interface CampaignPlanRow {
  id: string;
  status: CampaignStatus;
  start_date: string;
  end_date: string;
  schedule: unknown;
  final_report: boolean;
  closed_at: Date | null;
}

export function dueDatesOf(row: Pick<CampaignPlanRow, "start_date" | "end_date" | "schedule" | "final_report">) {
  return reportDueDates({
    startDate: row.start_date,
    endDate: row.end_date,
    schedule: row.schedule as ReportSchedule,
    finalReport: row.final_report,
  });
}

/** The current (highest) version of one participant's report for one due date, and when it first came in. */
export interface CurrentReport {
  participantId: string;
  dueDate: string;
  version: number;
  text: string;
  figures: Record<string, FigureValues>;
  attachmentIds: string[];
  submittedAt: Date;
  submittedByName: string;
  firstSubmittedAt: Date;
}

export interface ParticipantRow {
  campaign_id: string;
  id: string;
  kind: "territory" | "organisation";
  territory_id: string | null;
  organisation_id: string | null;
  name: string;
  name_en: string;
  path: string;
}

export interface CampaignCompletion {
  participants: (ParticipantRow & { completion: ParticipantCompletion; reports: CurrentReport[] })[];
  reports: CurrentReport[];
}

/** Reports are stored as { taskId: { figure: n } }. */
function figuresOf(value: unknown): Record<string, FigureValues> {
  return (value ?? {}) as Record<string, FigureValues>;
}

/**
 * Completion of the given campaigns for the given participants (all, or only
 * those a filter lets through), as of now or, for a closed campaign, as of its
 * closing: what was not owed by then is not owed at all.
 */
export async function loadCompletion(
  db: Db,
  campaigns: readonly CampaignPlanRow[],
  participants: readonly ParticipantRow[],
  now: Date,
): Promise<Map<string, CampaignCompletion>> {
  const result = new Map<string, CampaignCompletion>();
  if (campaigns.length === 0) return result;
  const rows =
    participants.length > 0
      ? await db
          .selectFrom("campaign_report")
          .select([
            "campaign_id",
            "participant_id",
            "due_date",
            "version",
            "text",
            "figures",
            "attachment_ids",
            "submitted_at",
            "submitted_by_name",
          ])
          .where(
            "campaign_id",
            "in",
            campaigns.map((c) => c.id),
          )
          .orderBy("version")
          .execute()
      : [];
  const current = new Map<string, CurrentReport>();
  for (const row of rows) {
    const key = `${row.campaign_id}|${row.participant_id}|${row.due_date}`;
    const first = current.get(key)?.firstSubmittedAt ?? row.submitted_at;
    current.set(key, {
      participantId: row.participant_id,
      dueDate: row.due_date,
      version: row.version,
      text: row.text,
      figures: figuresOf(row.figures),
      attachmentIds: row.attachment_ids,
      submittedAt: row.submitted_at,
      submittedByName: row.submitted_by_name,
      firstSubmittedAt: new Date(Math.min(first.getTime(), row.submitted_at.getTime())),
    });
  }
  for (const campaign of campaigns) {
    const dueDates = campaign.status === "draft" ? [] : dueDatesOf(campaign);
    const asOf = campaign.closed_at && campaign.closed_at < now ? campaign.closed_at : now;
    const entry: CampaignCompletion = { participants: [], reports: [] };
    for (const participant of participants.filter((p) => p.campaign_id === campaign.id)) {
      const reports = dueDates
        .map((d) => current.get(`${campaign.id}|${participant.id}|${d.dueDate}`))
        .filter((r): r is CurrentReport => r !== undefined);
      const completion = participantCompletion(
        dueDates,
        new Map(reports.map((r) => [r.dueDate, r.firstSubmittedAt])),
        asOf,
      );
      entry.participants.push({ ...participant, completion, reports });
      entry.reports.push(...reports);
    }
    result.set(campaign.id, entry);
  }
  return result;
}

/** Sums of completion counts over participants. */
export function sumCompletion(participants: readonly { completion: ParticipantCompletion }[]) {
  const total = { due: 0, submitted: 0, onTime: 0, late: 0, missing: 0, upcoming: 0 };
  for (const { completion } of participants) {
    total.due += completion.due;
    total.submitted += completion.submitted;
    total.onTime += completion.onTime;
    total.late += completion.late;
    total.missing += completion.missing;
    total.upcoming += completion.upcoming;
  }
  return total;
}
