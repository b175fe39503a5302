import type { Kysely } from "kysely";
import { noticesDue } from "../../../domain/campaign";
import type { DB } from "../../db/schema";
import type { Job, JobContext } from "../../jobs/job-runner";
import { runEachIsolated } from "../../jobs/run-each-isolated";
import { notify } from "../../notifications/notify";
import { reportersOf } from "./campaign-access";
import { dueDatesOf } from "./campaign-completion";

/**
 * For every running campaign and participant: a reminder to the participant's
 * reporters when a due day is near and nothing is in, and, once the day has
 * passed with nothing in, an overdue notice to the campaign's creator (and the
 * participant). Each notice is keyed by campaign, participant, due date and
 * kind, and the notification centre keeps one per key and user, so the job may
 * run as often as it likes.
 */
export async function sendCampaignNotices(
  db: Kysely<DB>,
  now: Date,
  log: JobContext["log"] = console,
): Promise<{ checked: number; sent: number; failed: number }> {
  const campaigns = await db
    .selectFrom("campaign")
    .select([
      "id",
      "title",
      "owner_path",
      "start_date",
      "end_date",
      "schedule",
      "final_report",
      "reminder_days",
      "created_by",
    ])
    .where("status", "=", "active")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  let checked = 0;
  let sent = 0;
  let failed = 0;
  // A campaign whose plan cannot be read is skipped like a participant whose notice cannot be stored.
  const byCampaign = await runEachIsolated(
    campaigns,
    { job: "campaign-reminders", log, describe: (campaign) => ({ campaignId: campaign.id }) },
    async (campaign) => {
      const dueDates = dueDatesOf(campaign);
      const participants = await db
        .selectFrom("campaign_participant")
        .selectAll()
        .where("campaign_id", "=", campaign.id)
        .execute();
      const submitted = await db
        .selectFrom("campaign_report")
        .select(["participant_id", "due_date"])
        .distinct()
        .where("campaign_id", "=", campaign.id)
        .execute();
      const outcome = await runEachIsolated(
        participants,
        {
          job: "campaign-reminders",
          log,
          describe: (participant) => ({ campaignId: campaign.id, participantId: participant.id }),
        },
        async (participant) => {
          checked++;
          const done = new Set(submitted.filter((s) => s.participant_id === participant.id).map((s) => s.due_date));
          const notices = noticesDue(dueDates, done, now, campaign.reminder_days);
          if (notices.length === 0) return;
          const reporters = await reportersOf(db, participant);
          await db.transaction().execute(async (trx) => {
            for (const notice of notices) {
              const key = `campaign:${campaign.id}:${participant.id}:${notice.dueDate}:${notice.kind}`;
              const link = `/campaigns/${campaign.id}`;
              if (notice.kind === "reminder") {
                sent += await notify(trx, {
                  userIds: reporters,
                  kind: "campaign.report_due",
                  dedupeKey: key,
                  title: {
                    "zh-CN": `专项行动「${campaign.title}」须于 ${notice.dueDate} 前报送进展`,
                    en: `Progress report for "${campaign.title}" is due by ${notice.dueDate}`,
                  },
                  body: {
                    "zh-CN": `报送单位：${participant.name}`,
                    en: `For: ${participant.name_en || participant.name}`,
                  },
                  link,
                  severity: "info",
                  territoryPath: participant.path,
                  at: now,
                });
              } else {
                sent += await notify(trx, {
                  userIds: [...(campaign.created_by ? [campaign.created_by] : []), ...reporters],
                  kind: "campaign.report_overdue",
                  dedupeKey: key,
                  title: {
                    "zh-CN": `${participant.name} 逾期未报送专项行动「${campaign.title}」${notice.dueDate} 的进展`,
                    en: `${participant.name_en || participant.name} has not sent the ${notice.dueDate} report of "${campaign.title}"`,
                  },
                  body: {
                    "zh-CN": `报送日期 ${notice.dueDate} 已过，尚未收到报告`,
                    en: `The report due on ${notice.dueDate} has not come in`,
                  },
                  link,
                  severity: "warning",
                  territoryPath: campaign.owner_path,
                  at: now,
                });
              }
            }
          });
        },
      );
      failed += outcome.failed;
    },
  );
  failed += byCampaign.failed;
  return { checked, sent, failed };
}

export function campaignReminderJob(): Job {
  return {
    name: "campaign-reminders",
    // Due days end at midnight in Beijing; checking every quarter hour notices that soon enough.
    everySeconds: 900,
    run: ({ db, clock, log }) => sendCampaignNotices(db, clock.now(), log),
  };
}
