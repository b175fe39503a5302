import type { Kysely, Selectable } from "kysely";
import type { Static } from "typebox";
import {
  type CampaignFigure,
  type CampaignTaskKind,
  deadlineOf,
  type ReportSchedule,
  taskTotals,
} from "../../../domain/campaign";
import type { Principal } from "../../auth/principal";
import type { CampaignTable, DB } from "../../db/schema";
import { runsCampaign } from "./campaign-access";
import { dueDatesOf, loadCompletion, type ParticipantRow, sumCompletion } from "./campaign-completion";
import type { CampaignDetail as CampaignDetailSchema } from "./schema";

export type CampaignDetail = Static<typeof CampaignDetailSchema>;

/** Whether a principal reports for a participant row (the rule of participantMatches, on a loaded row). */
export function reportsFor(principal: Principal, participant: ParticipantRow): boolean {
  if (participant.kind === "territory")
    return principal.role === "supervisor" && participant.territory_id === principal.territoryId;
  return participant.organisation_id !== null && participant.organisation_id === principal.organisationId;
}

/** The campaign as the caller sees it: a runner sees every participant, a participant only itself. */
export async function presentCampaign(
  db: Kysely<DB>,
  row: Selectable<CampaignTable>,
  principal: Principal,
  now: Date,
): Promise<CampaignDetail> {
  const [tasks, participants, territories] = await Promise.all([
    db.selectFrom("campaign_task").selectAll().where("campaign_id", "=", row.id).orderBy("seq").execute(),
    db
      .selectFrom("campaign_participant")
      .selectAll()
      .where("campaign_id", "=", row.id)
      .orderBy("kind", "desc")
      .orderBy("path")
      .orderBy("name")
      .execute(),
    db
      .selectFrom("territory")
      .select(["id", "name", "name_en"])
      .where("id", "in", [...row.scope_territory_ids, ...(row.owner_territory_id ? [row.owner_territory_id] : [])])
      .execute(),
  ]);
  const runner = runsCampaign(principal, row.owner_path);
  const own = participants.filter((p) => reportsFor(principal, p));
  const visible = runner ? participants : own;
  const completion = (await loadCompletion(db, [row], visible, now)).get(row.id)!;
  const totals = taskTotals(
    tasks.map((t) => ({ id: t.id, targetFigure: t.target_figure as CampaignFigure | null, target: t.target })),
    completion.reports,
  );
  const territoryName = (id: string) => territories.find((t) => t.id === id);
  return {
    id: row.id,
    title: row.title,
    basis: row.basis,
    description: row.description,
    status: row.status,
    ownerTerritory: row.owner_territory_id
      ? {
          id: row.owner_territory_id,
          name: territoryName(row.owner_territory_id)?.name ?? "",
          nameEn: territoryName(row.owner_territory_id)?.name_en ?? "",
        }
      : null,
    scopeTerritories: row.scope_territory_ids.map((id) => ({
      id,
      name: territoryName(id)?.name ?? "",
      nameEn: territoryName(id)?.name_en ?? "",
    })),
    industries: row.industries,
    startDate: row.start_date,
    endDate: row.end_date,
    schedule: row.schedule as ReportSchedule,
    finalReport: row.final_report,
    reminderDays: row.reminder_days,
    createdByName: row.created_by_name,
    createdAt: row.created_at.toISOString(),
    activatedAt: row.activated_at?.toISOString() ?? null,
    closedAt: row.closed_at?.toISOString() ?? null,
    tasks: tasks.map((t) => ({
      id: t.id,
      title: t.title,
      description: t.description,
      kind: t.kind as CampaignTaskKind,
      targetFigure: t.target_figure as CampaignFigure | null,
      target: t.target,
    })),
    dueDates: dueDatesOf(row).map((d) => ({ ...d, deadline: deadlineOf(d.dueDate).toISOString() })),
    participants: completion.participants.map((p) => {
      const { reports, ...counts } = p.completion;
      return {
        id: p.id,
        kind: p.kind,
        territoryId: p.territory_id,
        name: p.name,
        nameEn: p.name_en,
        completion: counts,
        reports: reports.map((r) => {
          const report = p.reports.find((c) => c.dueDate === r.dueDate);
          return {
            dueDate: r.dueDate,
            final: r.final,
            deadline: r.deadline.toISOString(),
            timing: r.timing,
            version: report?.version ?? null,
            submittedAt: report?.submittedAt.toISOString() ?? null,
            firstSubmittedAt: report?.firstSubmittedAt.toISOString() ?? null,
            submittedByName: report?.submittedByName ?? null,
            text: report?.text ?? null,
            figures: report?.figures ?? null,
            attachmentIds: report?.attachmentIds ?? [],
          };
        }),
      };
    }),
    totals: sumCompletion(completion.participants),
    taskTotals: totals,
    canManage: runner && principal.permissions.includes("campaign:manage"),
    myParticipantIds: row.status === "active" ? own.map((p) => p.id) : [],
  };
}
