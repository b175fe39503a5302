import type { Kysely, Transaction } from "kysely";
import { type PlanProblem, periodProblems } from "../../../domain/campaign";
import { SUPERVISING_ORGANISATION_KINDS } from "../../../domain/supervision";
import type { Principal } from "../../auth/principal";
import { requireTerritoryScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { invalidFields } from "../../errors";
import type { ParticipantRow } from "./campaign-completion";
import type { CampaignPlanInput } from "./schema";

type Db = Kysely<DB> | Transaction<DB>;
type NewParticipant = Omit<ParticipantRow, "campaign_id" | "id">;

/** A campaign's plan checked against the caller's scope, with who takes part. */
export type ResolvedPlan = {
  ownerTerritoryId: string | null;
  ownerPath: string;
  scopeIds: string[];
  industries: string[];
  participants: NewParticipant[];
};

/** The domain's plan and figure problems as the one 422 answer. */
export const problemsToError = (problems: PlanProblem[]) =>
  invalidFields(problems.map((p) => ({ field: p.field, text: { "zh-CN": p.zh, en: p.en } })));

/** Industry codes that are not a section or division of the current GB/T 4754-2017 list. */
async function unknownIndustries(db: Db, industries: string[]): Promise<string[]> {
  if (industries.length === 0) return [];
  const known = await db
    .selectFrom("reference_item")
    .innerJoin("reference_set", (join) =>
      join
        .onRef("reference_set.kind", "=", "reference_item.kind")
        .onRef("reference_set.version", "=", "reference_item.version"),
    )
    .select("reference_item.code")
    .where("reference_item.kind", "=", "industry")
    .where("reference_set.is_current", "=", true)
    .where("reference_item.code", "in", industries)
    .execute();
  return industries.filter((code) => !known.some((k) => k.code === code));
}

/**
 * Checks a campaign's plan against the caller's scope and works out who takes
 * part: the direct children of the caller's territory that overlap the scope,
 * and the departments named.
 */
export async function resolvePlan(db: Db, principal: Principal, input: CampaignPlanInput): Promise<ResolvedPlan> {
  const scope = requireTerritoryScope(principal);
  const owner = principal.territoryId
    ? await db.selectFrom("territory").select(["id", "path"]).where("id", "=", principal.territoryId).executeTakeFirst()
    : undefined;
  const ownerPath = owner?.path ?? scope.path;
  const problems: PlanProblem[] = [...periodProblems({ ...input, finalReport: input.finalReport ?? true })];

  const scopeIds = [...new Set(input.scopeTerritoryIds)];
  const scopeNodes = await db.selectFrom("territory").select(["id", "path"]).where("id", "in", scopeIds).execute();
  if (scopeNodes.length !== scopeIds.length || scopeNodes.some((n) => !n.path.startsWith(ownerPath)))
    problems.push({
      field: "scopeTerritoryIds",
      zh: "行动范围须是您本级或下级的属地",
      en: "The scope must be your own territory or territories below it",
    });

  const industries = [...new Set(input.industries ?? [])];
  const unknown = await unknownIndustries(db, industries);
  if (unknown.length > 0)
    problems.push({
      field: "industries",
      zh: `${unknown.join("、")} 不是 GB/T 4754-2017 的门类或大类代码`,
      en: `${unknown.join(", ")} is not a GB/T 4754-2017 section or division code`,
    });

  input.tasks.forEach((task, index) => {
    if ((task.targetFigure === undefined) !== (task.target === undefined))
      problems.push({
        field: `tasks.${index}.target`,
        zh: "目标数须同时给出统计项和数值（如：检查企业 50 家）",
        en: "A target needs both the figure it counts and the number (e.g. inspect 50 enterprises)",
      });
  });

  const children = await db
    .selectFrom("territory")
    .select(["id", "name", "name_en", "path"])
    .where((eb) => (owner ? eb("parent_id", "=", owner.id) : eb("parent_id", "is", null)))
    .where("path", "like", `${scope.path}%`)
    .orderBy("code")
    .execute();
  const scopePaths = scopeNodes.map((n) => n.path);
  const participants: NewParticipant[] = children
    .filter((child) => scopePaths.some((p) => p.startsWith(child.path) || child.path.startsWith(p)))
    .map((child) => ({
      kind: "territory",
      territory_id: child.id,
      organisation_id: null,
      name: child.name,
      name_en: child.name_en,
      path: child.path,
    }));

  const organisationIds = [...new Set(input.organisationIds ?? [])];
  if (organisationIds.length > 0) {
    const organisations = await db
      .selectFrom("organisation")
      .innerJoin("territory", "territory.id", "organisation.territory_id")
      .select(["organisation.id", "organisation.name", "organisation.kind", "territory.path"])
      .where("organisation.id", "in", organisationIds)
      .execute();
    const supervising: readonly string[] = SUPERVISING_ORGANISATION_KINDS;
    const fit = organisations.filter((o) => o.path.startsWith(scope.path) && supervising.includes(o.kind));
    if (fit.length !== organisationIds.length)
      problems.push({
        field: "organisationIds",
        zh: "参与部门须是您辖区内的政府部门（行业主管部门或应急管理部门）",
        en: "Participating departments must be government departments (industry or emergency management) in your territory",
      });
    for (const o of fit)
      participants.push({
        kind: "organisation",
        territory_id: null,
        organisation_id: o.id,
        name: o.name,
        name_en: "",
        path: o.path,
      });
  }
  if (problems.length === 0 && participants.length === 0)
    problems.push({
      field: "scopeTerritoryIds",
      zh: "没有下级属地或部门参与报送：请选择参与部门，或由上一级属地发起",
      en: "No subordinate territory or department would report: name departments, or run it from the level above",
    });
  if (problems.length > 0) throw problemsToError(problems);
  return { ownerTerritoryId: owner?.id ?? null, ownerPath, scopeIds, industries, participants };
}

/** The campaign columns a plan sets, the same on drafting and on every change of the draft. */
export function planColumns(input: CampaignPlanInput, plan: ResolvedPlan) {
  return {
    title: input.title,
    basis: input.basis ?? "",
    description: input.description ?? "",
    scope_territory_ids: plan.scopeIds,
    industries: plan.industries,
    start_date: input.startDate,
    end_date: input.endDate,
    schedule: JSON.stringify(input.schedule),
    final_report: input.finalReport ?? true,
    reminder_days: input.reminderDays ?? 2,
  };
}

/** Replaces a campaign's tasks and participants with the plan's. */
export async function storePlan(
  trx: Transaction<DB>,
  campaignId: string,
  input: CampaignPlanInput,
  participants: NewParticipant[],
) {
  await trx.deleteFrom("campaign_task").where("campaign_id", "=", campaignId).execute();
  await trx.deleteFrom("campaign_participant").where("campaign_id", "=", campaignId).execute();
  await trx
    .insertInto("campaign_task")
    .values(
      input.tasks.map((task, index) => ({
        campaign_id: campaignId,
        seq: index + 1,
        title: task.title,
        description: task.description ?? "",
        kind: task.kind,
        target_figure: task.targetFigure ?? null,
        target: task.target ?? null,
      })),
    )
    .execute();
  await trx
    .insertInto("campaign_participant")
    .values(participants.map((p) => ({ ...p, campaign_id: campaignId })))
    .execute();
}
