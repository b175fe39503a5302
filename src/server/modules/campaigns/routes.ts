import type { Kysely, Transaction } from "kysely";
import type { Static } from "typebox";
import { Type } from "typebox";
import { chinaDateOf, deadlineOf, figureProblems, type PlanProblem, periodProblems } from "../../../domain/campaign";
import { recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import { requireTerritoryScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { conflict, forbidden, invalidFields, type LocalisedText, notFound } from "../../errors";
import { notify } from "../../notifications/notify";
import { type App, actorOf, principalOf } from "../../types";
import { campaignVisible, ownParticipants, reportersOf, runsCampaign } from "./campaign-access";
import { dueDatesOf, loadCompletion, type ParticipantRow, sumCompletion } from "./campaign-completion";
import { CampaignInput, IdParams, ReportInput } from "./campaign-schemas";
import { campaignWorkbook } from "./export-campaign";
import { presentCampaign, reportsFor } from "./present-campaign";

const THE_CAMPAIGN: LocalisedText = { "zh-CN": "该专项行动", en: "The campaign" };
const NOT_RUNNER: LocalisedText = {
  "zh-CN": "专项行动只能由发起的属地（或其上级）管理",
  en: "A campaign is managed only by the territory that runs it (or one above)",
};

type CampaignBody = Static<typeof CampaignInput>;

const problemsToError = (problems: PlanProblem[]) =>
  invalidFields(problems.map((p) => ({ field: p.field, text: { "zh-CN": p.zh, en: p.en } })));

/**
 * Checks a campaign's plan against the caller's scope and works out who takes
 * part: the direct children of the caller's territory that overlap the scope,
 * and the departments named.
 */
async function resolvePlan(db: Kysely<DB> | Transaction<DB>, principal: Principal, body: CampaignBody) {
  const scope = requireTerritoryScope(principal);
  const owner = principal.territoryId
    ? await db.selectFrom("territory").select(["id", "path"]).where("id", "=", principal.territoryId).executeTakeFirst()
    : undefined;
  const ownerPath = owner?.path ?? scope.path;
  const problems: PlanProblem[] = [...periodProblems({ ...body, finalReport: body.finalReport ?? true })];

  const scopeIds = [...new Set(body.scopeTerritoryIds)];
  const scopeNodes = await db.selectFrom("territory").select(["id", "path"]).where("id", "in", scopeIds).execute();
  if (scopeNodes.length !== scopeIds.length || scopeNodes.some((n) => !n.path.startsWith(ownerPath)))
    problems.push({
      field: "scopeTerritoryIds",
      zh: "行动范围须是您本级或下级的属地",
      en: "The scope must be your own territory or territories below it",
    });

  const industries = [...new Set(body.industries ?? [])];
  if (industries.length > 0) {
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
    const unknown = industries.filter((code) => !known.some((k) => k.code === code));
    if (unknown.length > 0)
      problems.push({
        field: "industries",
        zh: `${unknown.join("、")} 不是 GB/T 4754-2017 的门类或大类代码`,
        en: `${unknown.join(", ")} is not a GB/T 4754-2017 section or division code`,
      });
  }

  body.tasks.forEach((task, index) => {
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
  const participants: Omit<ParticipantRow, "campaign_id" | "id">[] = children
    .filter((child) => scopePaths.some((p) => p.startsWith(child.path) || child.path.startsWith(p)))
    .map((child) => ({
      kind: "territory",
      territory_id: child.id,
      organisation_id: null,
      name: child.name,
      name_en: child.name_en,
      path: child.path,
    }));

  const organisationIds = [...new Set(body.organisationIds ?? [])];
  if (organisationIds.length > 0) {
    const organisations = await db
      .selectFrom("organisation")
      .innerJoin("territory", "territory.id", "organisation.territory_id")
      .select(["organisation.id", "organisation.name", "organisation.kind", "territory.path"])
      .where("organisation.id", "in", organisationIds)
      .execute();
    const fit = organisations.filter(
      (o) => o.path.startsWith(scope.path) && ["industry_department", "emergency_management"].includes(o.kind),
    );
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
function planColumns(body: CampaignBody, plan: { scopeIds: string[]; industries: string[] }) {
  return {
    title: body.title,
    basis: body.basis ?? "",
    description: body.description ?? "",
    scope_territory_ids: plan.scopeIds,
    industries: plan.industries,
    start_date: body.startDate,
    end_date: body.endDate,
    schedule: JSON.stringify(body.schedule),
    final_report: body.finalReport ?? true,
    reminder_days: body.reminderDays ?? 2,
  };
}

async function storePlan(
  trx: Transaction<DB>,
  campaignId: string,
  body: CampaignBody,
  participants: Omit<ParticipantRow, "campaign_id" | "id">[],
) {
  await trx.deleteFrom("campaign_task").where("campaign_id", "=", campaignId).execute();
  await trx.deleteFrom("campaign_participant").where("campaign_id", "=", campaignId).execute();
  await trx
    .insertInto("campaign_task")
    .values(
      body.tasks.map((task, index) => ({
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

export async function campaignRoutes(app: App) {
  const { db } = app.database;

  async function loadVisible(principal: Principal, id: string) {
    const row = await db
      .selectFrom("campaign")
      .selectAll()
      .where("id", "=", id)
      .where((eb) => campaignVisible(eb, principal))
      .executeTakeFirst();
    if (!row) throw notFound(THE_CAMPAIGN);
    return row;
  }

  async function loadRunnable(principal: Principal, id: string) {
    const row = await loadVisible(principal, id);
    if (!runsCampaign(principal, row.owner_path)) throw forbidden(NOT_RUNNER);
    return row;
  }

  app.get(
    "/campaigns",
    {
      config: { permission: ["campaign:manage", "campaign:report"] },
      schema: {
        tags: ["campaigns"],
        summary:
          "Special actions the caller runs (its territory or below) or reports to, newest first, with completion counts",
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union([Type.Literal("draft"), Type.Literal("active"), Type.Literal("closed")])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      let query = db
        .selectFrom("campaign")
        .selectAll()
        .where((eb) => campaignVisible(eb, principal))
        .orderBy("created_at", "desc")
        .limit(500);
      if (request.query.status) query = query.where("status", "=", request.query.status);
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
      const now = new Date();
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
    },
  );

  app.post(
    "/campaigns",
    {
      config: { permission: "campaign:manage" },
      schema: {
        tags: ["campaigns"],
        summary:
          "Draft a special action: scope, period, tasks and report schedule; the subordinate territories and named departments become its participants",
        body: CampaignInput,
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      const plan = await resolvePlan(db, principal, body);
      const id = await db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto("campaign")
          .values({
            ...planColumns(body, plan),
            owner_territory_id: plan.ownerTerritoryId,
            owner_path: plan.ownerPath,
            created_by: principal.userId,
            created_by_name: principal.displayName,
            updated_at: new Date(),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await storePlan(trx, created.id, body, plan.participants);
        await recordAudit(trx, actorOf(request), {
          action: "create",
          entityType: "campaign",
          entityId: created.id,
          territoryPath: plan.ownerPath,
          after: { ...body, participants: plan.participants.map((p) => p.name) },
        });
        return created.id;
      });
      return reply.status(201).send(await presentCampaign(db, await loadVisible(principal, id), principal, new Date()));
    },
  );

  app.get(
    "/campaigns/:id",
    {
      config: { permission: ["campaign:manage", "campaign:report"] },
      schema: {
        tags: ["campaigns"],
        summary:
          "A special action with its tasks, due dates, completion per participant (due, submitted, late, missing) and task totals against targets",
        params: IdParams,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return presentCampaign(db, await loadVisible(principal, request.params.id), principal, new Date());
    },
  );

  app.put(
    "/campaigns/:id",
    {
      config: { permission: "campaign:manage" },
      schema: {
        tags: ["campaigns"],
        summary: "Replace a draft special action's plan (only while it is a draft)",
        params: IdParams,
        body: CampaignInput,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const row = await loadRunnable(principal, request.params.id);
      if (row.status !== "draft")
        throw conflict({
          "zh-CN": "专项行动已启动，方案不能再修改；如需调整，请结束后另行发起",
          en: "The campaign is running, so its plan can no longer change; close it and start a new one to adjust",
        });
      const body = request.body;
      const plan = await resolvePlan(db, principal, body);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("campaign")
          .set({
            ...planColumns(body, plan),
            updated_at: new Date(),
          })
          .where("id", "=", row.id)
          .execute();
        await storePlan(trx, row.id, body, plan.participants);
        await recordAudit(trx, actorOf(request), {
          action: "update",
          entityType: "campaign",
          entityId: row.id,
          territoryPath: row.owner_path,
          before: { title: row.title, startDate: row.start_date, endDate: row.end_date, schedule: row.schedule },
          after: body,
        });
      });
      return presentCampaign(db, await loadVisible(principal, row.id), principal, new Date());
    },
  );

  app.post(
    "/campaigns/:id/activate",
    {
      config: { permission: "campaign:manage" },
      schema: {
        tags: ["campaigns"],
        summary: "Start a draft special action: participants are told and reports become due",
        params: IdParams,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const row = await loadRunnable(principal, request.params.id);
      if (row.status !== "draft")
        throw conflict({
          "zh-CN": `专项行动已是「${row.status === "active" ? "进行中" : "已结束"}」状态，不能再次启动`,
          en: `The campaign is already ${row.status}; it cannot be started again`,
        });
      const now = new Date();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("campaign")
          .set({ status: "active", activated_at: now, updated_at: now })
          .where("id", "=", row.id)
          .execute();
        await recordAudit(trx, actorOf(request), {
          action: "activate",
          entityType: "campaign",
          entityId: row.id,
          territoryPath: row.owner_path,
          before: { status: "draft" },
          after: { status: "active" },
        });
        const participants = await trx
          .selectFrom("campaign_participant")
          .selectAll()
          .where("campaign_id", "=", row.id)
          .execute();
        const reporters = (await Promise.all(participants.map((p) => reportersOf(trx, p)))).flat();
        const first = dueDatesOf(row)[0];
        await notify(trx, {
          userIds: reporters,
          kind: "campaign.activated",
          dedupeKey: `campaign:${row.id}:activated`,
          title: { "zh-CN": `专项行动「${row.title}」已启动`, en: `Special action "${row.title}" has started` },
          body: {
            "zh-CN": `行动期限 ${row.start_date} 至 ${row.end_date}，首次报送 ${first?.dueDate ?? "—"}`,
            en: `Runs ${row.start_date} to ${row.end_date}; first report due ${first?.dueDate ?? "—"}`,
          },
          link: `/campaigns/${row.id}`,
          territoryPath: row.owner_path,
          at: now,
        });
      });
      return presentCampaign(db, await loadVisible(principal, row.id), principal, now);
    },
  );

  app.post(
    "/campaigns/:id/close",
    {
      config: { permission: "campaign:manage" },
      schema: {
        tags: ["campaigns"],
        summary: "End a running special action: no more reports are taken, completion is fixed as of now",
        params: IdParams,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const row = await loadRunnable(principal, request.params.id);
      if (row.status !== "active")
        throw conflict({
          "zh-CN": row.status === "draft" ? "草稿尚未启动，无需结束；可直接修改" : "专项行动已经结束",
          en:
            row.status === "draft"
              ? "A draft has not started, so it cannot be closed; edit it instead"
              : "The campaign is already closed",
        });
      const now = new Date();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("campaign")
          .set({ status: "closed", closed_at: now, updated_at: now })
          .where("id", "=", row.id)
          .execute();
        await recordAudit(trx, actorOf(request), {
          action: "close",
          entityType: "campaign",
          entityId: row.id,
          territoryPath: row.owner_path,
          before: { status: "active" },
          after: { status: "closed" },
        });
      });
      return presentCampaign(db, await loadVisible(principal, row.id), principal, now);
    },
  );

  app.post(
    "/campaigns/:id/reports",
    {
      config: { permission: "campaign:report" },
      schema: {
        tags: ["campaigns"],
        summary:
          "Submit a progress report for one due date, as a participant; submitting again for the same date adds a new version that replaces the old one (kept as history), and lateness counts from the first",
        params: IdParams,
        body: ReportInput,
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      const row = await loadVisible(principal, request.params.id);
      const own = await ownParticipants(db, principal, row.id);
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
      const participant = body.participantId ? own.find((p) => p.id === body.participantId) : own[0];
      if (body.participantId && !participant)
        throw forbidden({
          "zh-CN": "只能为您本单位报送",
          en: "You may report only for your own territory or department",
        });
      if (!body.participantId && own.length > 1)
        throw invalidFields([
          {
            field: "participantId",
            text: {
              "zh-CN": `您可代表 ${own.map((p) => p.name).join("、")} 报送，请选择其一`,
              en: `You report for ${own.map((p) => p.name).join(", ")}; choose one`,
            },
          },
        ]);
      const dueDates = dueDatesOf(row);
      if (!dueDates.some((d) => d.dueDate === body.dueDate))
        throw invalidFields([
          {
            field: "dueDate",
            text: {
              "zh-CN": `${body.dueDate} 不是本行动的报送日期；应为 ${dueDates.map((d) => d.dueDate).join("、")} 之一`,
              en: `${body.dueDate} is not a report date of this campaign; use one of ${dueDates.map((d) => d.dueDate).join(", ")}`,
            },
          },
        ]);
      const tasks = await db.selectFrom("campaign_task").select("id").where("campaign_id", "=", row.id).execute();
      const problems = figureProblems(
        tasks.map((t) => t.id),
        body.figures,
      );
      if (problems.length > 0) throw problemsToError(problems);
      const target = participant!;
      const attachmentIds = [...new Set(body.attachmentIds ?? [])];
      if (attachmentIds.length > 0) {
        // Photos are the attachments module's: a territory node's supervisors upload them to their own node.
        const owner = await db
          .selectFrom("campaign_participant")
          .select("territory_id")
          .where("campaign_id", "=", row.id)
          .where("id", "=", target.id)
          .executeTakeFirstOrThrow();
        const found = owner.territory_id
          ? await db
              .selectFrom("attachment")
              .select("id")
              .where("owner_id", "=", owner.territory_id)
              .where("id", "in", attachmentIds)
              .execute()
          : [];
        if (found.length !== attachmentIds.length)
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
      const now = new Date();
      const figures = Object.fromEntries(body.figures.map((f) => [f.taskId, f.values]));
      const stored = await db.transaction().execute(async (trx) => {
        const previous = await trx
          .selectFrom("campaign_report")
          .select(["version", "submitted_at"])
          .where("campaign_id", "=", row.id)
          .where("participant_id", "=", target.id)
          .where("due_date", "=", body.dueDate)
          .orderBy("version")
          .execute();
        const version = (previous.at(-1)?.version ?? 0) + 1;
        const inserted = await trx
          .insertInto("campaign_report")
          .values({
            campaign_id: row.id,
            participant_id: target.id,
            due_date: body.dueDate,
            version,
            text: body.text,
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
        await recordAudit(trx, actorOf(request), {
          action: version === 1 ? "report" : "resubmit",
          entityType: "campaign_report",
          entityId: `${row.id}:${target.id}:${body.dueDate}:${version}`,
          territoryPath: path.path,
          after: { participant: target.name, dueDate: body.dueDate, version, text: body.text, figures, attachmentIds },
        });
        return { version, firstSubmittedAt: previous[0]?.submitted_at ?? now };
      });
      const deadline = deadlineOf(body.dueDate);
      return reply.status(201).send({
        campaignId: row.id,
        participantId: target.id,
        participantName: target.name,
        dueDate: body.dueDate,
        version: stored.version,
        replacesVersion: stored.version > 1 ? stored.version - 1 : null,
        submittedAt: now.toISOString(),
        timing: stored.firstSubmittedAt < deadline ? "on_time" : "late",
      });
    },
  );

  app.get(
    "/campaigns/:id/reports",
    {
      config: { permission: ["campaign:manage", "campaign:report"] },
      schema: {
        tags: ["campaigns"],
        summary: "Every version of the progress reports the caller may see (a runner all, a participant its own)",
        params: IdParams,
        querystring: Type.Object(
          {
            participantId: Type.Optional(Type.String({ format: "uuid" })),
            dueDate: Type.Optional(Type.String({ format: "date" })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const row = await loadVisible(principal, request.params.id);
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
      if (request.query.participantId)
        query = query.where("campaign_report.participant_id", "=", request.query.participantId);
      if (request.query.dueDate) query = query.where("campaign_report.due_date", "=", request.query.dueDate);
      const rows = await query.execute();
      return {
        items: rows.map((r) => ({
          participantId: r.participant_id,
          participantName: r.participant_name,
          dueDate: r.due_date,
          version: r.version,
          text: r.text,
          figures: r.figures,
          attachmentIds: r.attachment_ids,
          submittedByName: r.submitted_by_name,
          submittedAt: r.submitted_at.toISOString(),
        })),
      };
    },
  );

  app.get(
    "/campaigns/:id/export",
    {
      config: { permission: ["campaign:manage", "campaign:report"] },
      schema: {
        tags: ["campaigns"],
        summary: "A special action's results as XLSX: completion per participant and due date, task totals, reports",
        params: IdParams,
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const detail = await presentCampaign(
        app.database.read,
        await loadVisible(principal, request.params.id),
        principal,
        new Date(),
      );
      const file = await campaignWorkbook(detail, request.locale);
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(detail.title)}.xlsx`)
        .send(file);
    },
  );
}
