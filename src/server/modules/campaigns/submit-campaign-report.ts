import type { Kysely, Transaction } from "kysely";
import type { Static } from "typebox";
import { chinaDateOf, deadlineOf, figureProblems } from "../../../domain/campaign";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { conflict, forbidden, invalidFields } from "../../errors";
import { ownParticipants } from "./campaign-access";
import { dueDatesOf } from "./campaign-completion";
import { problemsToError } from "./campaign-plan";
import { visibleCampaign } from "./campaign-queries";
import type { CampaignReportInput, ReportReceipt } from "./schema";

/** The participant the caller reports for: the one it names, or its only one. */
function reportingParticipant(own: { id: string; name: string }[], participantId: string | undefined) {
  const participant = participantId ? own.find((p) => p.id === participantId) : own[0];
  if (participantId && !participant)
    throw forbidden({
      "zh-CN": "只能为您本单位报送",
      en: "You may report only for your own territory or department",
    });
  if (!participantId && own.length > 1)
    throw invalidFields([
      {
        field: "participantId",
        text: {
          "zh-CN": `您可代表 ${own.map((p) => p.name).join("、")} 报送，请选择其一`,
          en: `You report for ${own.map((p) => p.name).join(", ")}; choose one`,
        },
      },
    ]);
  return participant!;
}

/** Photos are the attachments module's: a territory node's supervisors upload them to their own node. */
async function checkAttachments(trx: Transaction<DB>, campaignId: string, participantId: string, ids: string[]) {
  if (ids.length === 0) return;
  const owner = await trx
    .selectFrom("campaign_participant")
    .select("territory_id")
    .where("campaign_id", "=", campaignId)
    .where("id", "=", participantId)
    .executeTakeFirstOrThrow();
  const found = owner.territory_id
    ? await trx
        .selectFrom("attachment")
        .select("id")
        .where("owner_id", "=", owner.territory_id)
        .where("id", "in", ids)
        .execute()
    : [];
  if (found.length !== ids.length)
    throw invalidFields([
      {
        field: "attachmentIds",
        text: {
          "zh-CN": "附件须先上传到本单位的属地（部门报送暂不支持附件）",
          en: "Upload the attachments to your own territory first (department reports take no attachments yet)",
        },
      },
    ]);
}

/**
 * Submits a participant's progress report for one due date; submitting again for the same date adds a new version
 * that replaces the old one (kept as history), and lateness counts from the first. The campaign row is held for the
 * whole transaction, so a report is never taken by a campaign that has just been closed.
 */
export async function submitCampaignReport(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  id: string,
  input: CampaignReportInput,
  now: Date,
): Promise<Static<typeof ReportReceipt>> {
  return db.transaction().execute(async (trx) => {
    const row = await visibleCampaign(trx, principal, id, { lock: "share" });
    const own = await ownParticipants(trx, principal, row.id);
    if (own.length === 0)
      throw forbidden({
        "zh-CN": "您不是本专项行动的报送单位：由参与的下级属地监管人员或参与部门报送",
        en: "You do not report for this campaign: its participating territories' supervisors and departments do",
      });
    if (row.status === "draft")
      throw conflict({
        "zh-CN": "专项行动尚未启动，启动后才能报送",
        en: "The campaign has not started yet; reports are taken once it is active",
      });
    if (row.status === "closed")
      throw conflict({
        "zh-CN": `专项行动已于 ${row.closed_at ? chinaDateOf(row.closed_at) : ""} 结束，不再接受报送`,
        en: `The campaign closed on ${row.closed_at ? chinaDateOf(row.closed_at) : ""}; it takes no more reports`,
      });
    const target = reportingParticipant(own, input.participantId);
    const dueDates = dueDatesOf(row);
    if (!dueDates.some((d) => d.dueDate === input.dueDate))
      throw invalidFields([
        {
          field: "dueDate",
          text: {
            "zh-CN": `${input.dueDate} 不是本行动的报送日期；应为 ${dueDates.map((d) => d.dueDate).join("、")} 之一`,
            en: `${input.dueDate} is not a report date of this campaign; use one of ${dueDates.map((d) => d.dueDate).join(", ")}`,
          },
        },
      ]);
    const tasks = await trx.selectFrom("campaign_task").select("id").where("campaign_id", "=", row.id).execute();
    const problems = figureProblems(
      tasks.map((t) => t.id),
      input.figures,
    );
    if (problems.length > 0) throw problemsToError(problems);
    const attachmentIds = [...new Set(input.attachmentIds ?? [])];
    await checkAttachments(trx, row.id, target.id, attachmentIds);

    const figures = Object.fromEntries(input.figures.map((f) => [f.taskId, f.values]));
    const previous = await trx
      .selectFrom("campaign_report")
      .select(["version", "submitted_at"])
      .where("campaign_id", "=", row.id)
      .where("participant_id", "=", target.id)
      .where("due_date", "=", input.dueDate)
      .orderBy("version")
      .execute();
    const version = (previous.at(-1)?.version ?? 0) + 1;
    const inserted = await trx
      .insertInto("campaign_report")
      .values({
        campaign_id: row.id,
        participant_id: target.id,
        due_date: input.dueDate,
        version,
        text: input.text,
        figures: JSON.stringify(figures),
        attachment_ids: attachmentIds,
        submitted_by: principal.userId,
        submitted_by_name: principal.displayName,
        submitted_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .returning("version")
      .executeTakeFirst();
    if (!inserted)
      throw conflict({
        "zh-CN": "同一报送期刚有另一份报告提交，请刷新后再提交",
        en: "Another report for this date was just submitted; reload and submit again",
      });
    const path = await trx
      .selectFrom("campaign_participant")
      .select("path")
      .where("campaign_id", "=", row.id)
      .where("id", "=", target.id)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: version === 1 ? "report" : "resubmit",
      entityType: "campaign_report",
      entityId: `${row.id}:${target.id}:${input.dueDate}:${version}`,
      territoryPath: path.path,
      after: { participant: target.name, dueDate: input.dueDate, version, text: input.text, figures, attachmentIds },
    });
    const firstSubmittedAt = previous[0]?.submitted_at ?? now;
    return {
      campaignId: row.id,
      participantId: target.id,
      participantName: target.name,
      dueDate: input.dueDate,
      version,
      replacesVersion: version > 1 ? version - 1 : null,
      submittedAt: now.toISOString(),
      timing: firstSubmittedAt < deadlineOf(input.dueDate) ? "on_time" : "late",
    };
  });
}
