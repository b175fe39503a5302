import { randomBytes } from "node:crypto";
import { type Kysely, sql, type Transaction } from "kysely";
import { type Static, Type } from "typebox";
import type { Permission } from "../../../domain/access/roles";
import {
  applyTransition,
  availableActions,
  HIDDEN_DANGER_ACTIONS,
  HIDDEN_DANGER_SOURCES,
  type HiddenDangerAction,
  type HiddenDangerActionType,
  type HiddenDangerSource,
  type HiddenDangerState,
  reportHiddenDanger,
  type TransitionEvent,
} from "../../../domain/hidden-danger/lifecycle";
import { reportSourcesFor } from "../../../domain/hidden-danger/report-source";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import { requireUser } from "../../auth/require-user";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { AppError, forbidden, invalidFields, type LocalisedText, notFound } from "../../errors";
import { notify } from "../../notifications/notify";
import { type App, actorOf, principalOf } from "../../types";
import { requirePhotos } from "../attachments/require-photos";
import { finderSupervisors, transitionContext, visibleEnterprise } from "./hidden-danger-access";
import { stateFromJson, stateToJson } from "./state-codec";

const THE_HIDDEN_DANGER: LocalisedText = { "zh-CN": "该隐患", en: "The hidden danger" };

// Who may ask for each step; the state machine then decides whether the step is legal now.
const ACTION_PERMISSIONS: Record<(typeof HIDDEN_DANGER_ACTIONS)[number], Permission[]> = {
  confirm: ["hidden-danger:manage", "hidden-danger:supervise"],
  dismiss: ["hidden-danger:manage", "hidden-danger:supervise"],
  start_rectification: ["hidden-danger:manage", "hidden-danger:report"],
  submit_rectification: ["hidden-danger:manage", "hidden-danger:report"],
  verify_pass: ["hidden-danger:manage", "hidden-danger:supervise"],
  verify_fail: ["hidden-danger:manage", "hidden-danger:supervise"],
  request_extension: ["hidden-danger:manage", "hidden-danger:report"],
  approve_extension: ["hidden-danger:manage", "hidden-danger:supervise"],
  reject_extension: ["hidden-danger:manage", "hidden-danger:supervise"],
  list_for_supervision: ["hidden-danger:supervise"],
  require_progress_report: ["hidden-danger:supervise"],
  report_progress: ["hidden-danger:manage", "hidden-danger:report"],
  delist: ["hidden-danger:supervise"],
  close_on_spot: ["hidden-danger:manage"],
};

const ReportBody = Type.Object(
  {
    enterpriseId: Type.String({ format: "uuid" }),
    description: Type.String({ minLength: 2, maxLength: 2000 }),
    photoIds: Type.Optional(Type.Array(Type.String({ format: "uuid" }), { maxItems: 20 })),
    source: Type.Optional(Type.Union(HIDDEN_DANGER_SOURCES.map((s) => Type.Literal(s)))),
    place: Type.Optional(Type.String({ maxLength: 200 })),
    riskPointId: Type.Optional(Type.String({ format: "uuid" })),
    categoryCode: Type.Optional(
      Type.String({
        maxLength: 10,
        description: "GB/T 13861-2022 code: 1 human, 2 material, 3 environmental, 4 management (or a sub-code)",
      }),
    ),
    level: Type.Optional(Type.Union([Type.Literal("general"), Type.Literal("major")])),
  },
  { additionalProperties: false },
);

const ActionBody = Type.Object(
  {
    type: Type.Union(HIDDEN_DANGER_ACTIONS.map((a) => Type.Literal(a))),
    level: Type.Optional(Type.Union([Type.Literal("general"), Type.Literal("major")])),
    responsibleUnit: Type.Optional(Type.String({ maxLength: 100 })),
    responsiblePersonId: Type.Optional(Type.String({ format: "uuid" })),
    deadline: Type.Optional(Type.String({ format: "date-time" })),
    newDeadline: Type.Optional(Type.String({ format: "date-time" })),
    measures: Type.Optional(Type.String({ maxLength: 2000 })),
    funds: Type.Optional(Type.Number({ minimum: 0 })),
    categoryCode: Type.Optional(Type.String({ maxLength: 10 })),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
    photoIds: Type.Optional(Type.Array(Type.String({ format: "uuid" }), { maxItems: 20 })),
    beforePhotoIds: Type.Optional(Type.Array(Type.String({ format: "uuid" }), { maxItems: 20 })),
    afterPhotoIds: Type.Optional(Type.Array(Type.String({ format: "uuid" }), { maxItems: 20 })),
    rectifierId: Type.Optional(Type.String({ format: "uuid" })),
    intervalDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    progressIntervalDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    plan: Type.Optional(
      Type.Object({
        objectiveAndTasks: Type.String({ maxLength: 4000 }),
        method: Type.String({ maxLength: 4000 }),
        fundsAndMaterials: Type.String({ maxLength: 4000 }),
        responsiblePeople: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 }),
        timeLimit: Type.String({ format: "date-time" }),
        safetyMeasures: Type.String({ maxLength: 4000 }),
        emergencyPlan: Type.String({ maxLength: 4000 }),
      }),
    ),
  },
  { additionalProperties: false },
);

const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });

/** The source recorded for a report: what the caller's role allows, its default unless it chose another allowed one. */
function sourceFor(principal: Principal, asked: HiddenDangerSource | undefined): HiddenDangerSource {
  const allowed = reportSourcesFor({ role: principal.role, isGovernment: principal.scope.kind === "territory" });
  if (asked === undefined && allowed.length > 0) return allowed[0];
  if (asked !== undefined && allowed.includes(asked)) return asked;
  throw invalidFields([
    {
      field: "source",
      text: {
        "zh-CN": `隐患来源由上报人的身份决定，您可填写：${allowed.join("、") || "无"}；也可不填，系统自动记录`,
        en: `The source follows from who reports; yours may be: ${allowed.join(", ") || "none"}. Leave it out to have it recorded for you`,
      },
    },
  ]);
}

function domainError(error: { code: string; messageZh: string; messageEn: string; fields?: string[] }) {
  return new AppError(
    error.code === "illegal_transition" ? "CONFLICT" : "VALIDATION_FAILED",
    { "zh-CN": error.messageZh, en: error.messageEn },
    (error.fields ?? []).map((field) => ({ field, text: { "zh-CN": error.messageZh, en: error.messageEn } })),
  );
}

/** Writes the state and the event, in the caller's transaction. */
async function storeTransition(
  trx: Transaction<DB>,
  row: { enterprise_id: string; id: string },
  state: HiddenDangerState,
  event: TransitionEvent,
  actorName: string,
  extra: Partial<{ category_code: string; funds: number | null; photo_after_ids: string[] }> = {},
) {
  const last = await trx
    .selectFrom("hidden_danger_event")
    .select(sql<number>`coalesce(max(seq), 0)`.as("seq"))
    .where("enterprise_id", "=", row.enterprise_id)
    .where("hidden_danger_id", "=", row.id)
    .executeTakeFirstOrThrow();
  await trx
    .updateTable("hidden_danger")
    .set({
      status: state.status,
      level: state.level ?? "general",
      responsible_unit: state.responsibleUnit ?? "",
      responsible_user_id: state.responsiblePersonId,
      measures: state.measures ?? "",
      deadline: state.deadline,
      rectifier_user_id: state.rectifierId,
      closed_at: state.closedAt,
      state: stateToJson(state),
      updated_at: event.at,
      ...extra,
    })
    .where("enterprise_id", "=", row.enterprise_id)
    .where("id", "=", row.id)
    .execute();
  await trx
    .insertInto("hidden_danger_event")
    .values({
      enterprise_id: row.enterprise_id,
      hidden_danger_id: row.id,
      seq: Number(last.seq) + 1,
      action: event.action,
      from_status: event.from,
      to_status: event.to,
      actor_id: event.actorId,
      actor_name: actorName,
      at: event.at,
      comment: event.comment ?? "",
      photo_ids: event.photoIds,
      data: JSON.stringify(event.payload),
    })
    .execute();
}

export type HiddenDangerReport = Omit<Static<typeof ReportBody>, "source"> & { source: HiddenDangerSource };

/**
 * The one way a hidden danger comes into being: checked by the life cycle, stored with its first event, audited, and
 * announced to the enterprise's managers, all in the caller's transaction. Used by the report route and by
 * enforcement inspections (source "government").
 */
export async function recordReportedHiddenDanger(
  trx: Transaction<DB>,
  options: {
    actor: Actor;
    principal: Principal;
    enterprise: { id: string; territory_path: string };
    report: HiddenDangerReport;
    now: Date;
  },
): Promise<{ id: string; code: string }> {
  const { actor, principal, enterprise, report: body, now } = options;
  const reported = reportHiddenDanger(
    {
      finderId: principal.userId,
      source: body.source,
      description: body.description,
      level: body.level,
      photoIds: body.photoIds,
    },
    transitionContext(principal, now),
  );
  if (!reported.ok) throw domainError(reported.error);
  const code = `YH${now.toISOString().slice(0, 10).replaceAll("-", "")}-${randomBytes(3).toString("hex").toUpperCase()}`;
  const created = await trx
    .insertInto("hidden_danger")
    .values({
      enterprise_id: enterprise.id,
      code,
      territory_path: enterprise.territory_path,
      source: reported.state.source,
      status: reported.state.status,
      level: reported.state.level ?? "general",
      description: body.description,
      place: body.place ?? "",
      risk_point_id: body.riskPointId ?? null,
      category_code: body.categoryCode ?? "",
      photo_before_ids: body.photoIds ?? [],
      finder_user_id: principal.userId,
      state: stateToJson(reported.state),
      found_at: now,
    })
    .returning(["enterprise_id", "id"])
    .executeTakeFirstOrThrow();
  await storeTransition(trx, created, reported.state, reported.event, principal.displayName);
  await recordAudit(trx, actor, {
    action: "report",
    entityType: "hidden_danger",
    entityId: created.id,
    enterpriseId: enterprise.id,
    territoryPath: enterprise.territory_path,
    after: { code, ...body },
  });
  const managers = await trx
    .selectFrom("user_enterprise")
    .innerJoin("app_user", "app_user.id", "user_enterprise.user_id")
    .select("app_user.id")
    .where("user_enterprise.enterprise_id", "=", enterprise.id)
    .where("app_user.role", "in", ["safety_manager", "enterprise_principal"])
    .execute();
  await notify(trx, {
    userIds: managers.map((m) => m.id).filter((m) => m !== principal.userId),
    kind: "hidden_danger.reported",
    dedupeKey: `hd:${created.id}:reported`,
    title: { "zh-CN": `新上报隐患 ${code}`, en: `New hidden danger ${code}` },
    body: { "zh-CN": body.description, en: body.description },
    link: `/hidden-dangers/${created.id}`,
    enterpriseId: enterprise.id,
    territoryPath: enterprise.territory_path,
    at: now,
  });
  return { id: created.id, code };
}

/** Government users who supervise an enterprise: supervisors of its territory line and departments of its industry. */
export async function supervisingUsers(
  db: Kysely<DB> | Transaction<DB>,
  enterprise: { territory_path: string; industry_code: string; industry_section: string },
) {
  const users = await db
    .selectFrom("app_user")
    .innerJoin("territory", "territory.id", "app_user.territory_id")
    .select(["app_user.id", "app_user.role", "app_user.industries", "territory.path"])
    .where("app_user.role", "in", ["supervisor", "department"])
    .where("app_user.disabled", "=", false)
    .execute();
  return users
    .filter((u) => enterprise.territory_path.startsWith(u.path))
    .filter(
      (u) =>
        u.role === "supervisor" ||
        u.industries.length === 0 ||
        u.industries.includes(enterprise.industry_code) ||
        u.industries.includes(enterprise.industry_section),
    )
    .map((u) => u.id);
}

export async function hiddenDangerRoutes(app: App) {
  const { db } = app.database;

  const detailQuery = () =>
    db
      .selectFrom("hidden_danger")
      .innerJoin("enterprise", "enterprise.id", "hidden_danger.enterprise_id")
      .leftJoin("app_user as finder", "finder.id", "hidden_danger.finder_user_id")
      .leftJoin("app_user as responsible", "responsible.id", "hidden_danger.responsible_user_id")
      .selectAll("hidden_danger")
      .select([
        "enterprise.name as enterprise_name",
        "enterprise.industry_code",
        "enterprise.industry_section",
        "finder.display_name as finder_name",
        "responsible.display_name as responsible_name",
      ]);

  type Row = Awaited<ReturnType<ReturnType<typeof detailQuery>["execute"]>>[number];

  async function present(row: Row, principal: Principal, withEvents: boolean) {
    const state = stateFromJson(row.state);
    const now = new Date();
    const events = withEvents
      ? await db
          .selectFrom("hidden_danger_event")
          .selectAll()
          .where("enterprise_id", "=", row.enterprise_id)
          .where("hidden_danger_id", "=", row.id)
          .orderBy("seq")
          .execute()
      : [];
    const supervisors =
      withEvents && row.finder_user_id ? await finderSupervisors(db, row.enterprise_id, row.finder_user_id) : [];
    return {
      id: row.id,
      code: row.code,
      enterpriseId: row.enterprise_id,
      enterpriseName: row.enterprise_name,
      source: row.source,
      status: row.status,
      level: row.level,
      description: row.description,
      place: row.place,
      riskPointId: row.risk_point_id,
      categoryCode: row.category_code,
      photoBeforeIds: row.photo_before_ids,
      photoAfterIds: row.photo_after_ids,
      responsibleUnit: row.responsible_unit,
      responsibleUserId: row.responsible_user_id,
      responsibleUserName: row.responsible_name,
      finderUserId: row.finder_user_id,
      finderName: row.finder_name,
      measures: row.measures,
      funds: row.funds,
      deadline: row.deadline?.toISOString() ?? null,
      overdue: !!row.deadline && row.deadline < now && ["confirmed", "rectifying"].includes(row.status),
      foundAt: row.found_at.toISOString(),
      closedAt: row.closed_at?.toISOString() ?? null,
      plan: state.plan,
      supervision: state.supervision,
      pendingExtension: state.pendingExtension,
      availableActions: withEvents
        ? availableActions(state, transitionContext(principal, now, supervisors)).filter((action) =>
            ACTION_PERMISSIONS[action].some((p) => principal.permissions.includes(p)),
          )
        : [],
      events: events.map((e) => ({
        seq: e.seq,
        action: e.action,
        from: e.from_status,
        to: e.to_status,
        actorName: e.actor_name,
        at: e.at.toISOString(),
        comment: e.comment,
        photoIds: e.photo_ids,
      })),
    };
  }

  async function loadForCaller(principal: Principal, id: string) {
    const row = await detailQuery()
      .where("hidden_danger.id", "=", id)
      .where((eb) => enterpriseInScope(eb as never, principal.scope))
      .executeTakeFirst();
    if (!row) throw notFound(THE_HIDDEN_DANGER);
    return row;
  }

  app.post(
    "/hidden-dangers",
    {
      config: { permission: "hidden-danger:report" },
      schema: {
        tags: ["hidden dangers"],
        summary: "Report a hidden danger (an employee needs only a description and a photo)",
        body: ReportBody,
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      const enterprise = await visibleEnterprise(db, principal, body.enterpriseId);
      if (!enterprise) throw notFound({ "zh-CN": "该企业", en: "The enterprise" });
      if (principal.role === "employee" && !body.photoIds?.length) {
        throw invalidFields([
          {
            field: "photoIds",
            text: { "zh-CN": "请拍一张隐患照片再上报", en: "Take a photo of the hidden danger before reporting it" },
          },
        ]);
      }
      const source = sourceFor(principal, body.source);
      await requirePhotos(db, enterprise.id, "photoIds", body.photoIds);
      if (body.riskPointId) {
        const point = await db
          .selectFrom("risk_point")
          .select("id")
          .where("owner_id", "=", enterprise.id)
          .where("id", "=", body.riskPointId)
          .executeTakeFirst();
        if (!point) {
          throw invalidFields([
            {
              field: "riskPointId",
              text: {
                "zh-CN": "riskPointId：该风险点不存在或不属于该企业",
                en: "riskPointId: that risk point does not exist or is not this enterprise's",
              },
            },
          ]);
        }
      }
      const now = new Date();
      const id = await db.transaction().execute(
        async (trx) =>
          (
            await recordReportedHiddenDanger(trx, {
              actor: actorOf(request),
              principal,
              enterprise,
              report: { ...body, source },
              now,
            })
          ).id,
      );
      return reply.status(201).send(await present(await loadForCaller(principal, id), principal, true));
    },
  );

  app.get(
    "/enterprises/:id/staff",
    {
      config: { permission: ["hidden-danger:manage", "hidden-danger:supervise"] },
      schema: {
        tags: ["hidden dangers"],
        summary: "The enterprise's people (for assigning a rectification): id, name and role",
        params: Type.Object({ id: Type.String({ format: "uuid" }) }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const enterprise = await visibleEnterprise(db, principal, request.params.id);
      if (!enterprise) throw notFound({ "zh-CN": "该企业", en: "The enterprise" });
      const staff = await db
        .selectFrom("user_enterprise")
        .innerJoin("app_user", "app_user.id", "user_enterprise.user_id")
        .select(["app_user.id", "app_user.display_name", "app_user.role"])
        .where("user_enterprise.enterprise_id", "=", enterprise.id)
        .where("app_user.disabled", "=", false)
        .where("app_user.role", "in", ["enterprise_principal", "safety_manager", "employee"])
        .orderBy("app_user.display_name")
        .execute();
      return { items: staff.map((u) => ({ id: u.id, displayName: u.display_name, role: u.role })) };
    },
  );

  app.get(
    "/hidden-dangers",
    {
      config: { permission: "hidden-danger:read" },
      schema: {
        tags: ["hidden dangers"],
        summary: "Hidden dangers in the caller's scope",
        querystring: Type.Object(
          {
            enterpriseId: Type.Optional(Type.String({ format: "uuid" })),
            status: Type.Optional(Type.String({ maxLength: 30 })),
            level: Type.Optional(Type.Union([Type.Literal("general"), Type.Literal("major")])),
            overdue: Type.Optional(Type.Boolean()),
            supervised: Type.Optional(Type.Boolean()),
            page: Type.Integer({ minimum: 1, default: 1 }),
            pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query;
      let query = detailQuery().where((eb) => enterpriseInScope(eb as never, principal.scope));
      if (q.enterpriseId) query = query.where("hidden_danger.enterprise_id", "=", q.enterpriseId);
      if (q.status) query = query.where("hidden_danger.status", "=", q.status);
      if (q.level) query = query.where("hidden_danger.level", "=", q.level);
      if (q.overdue) {
        query = query
          .where("hidden_danger.deadline", "<", new Date())
          .where("hidden_danger.status", "in", ["confirmed", "rectifying"]);
      }
      if (q.supervised) query = query.where(sql<boolean>`(hidden_danger.state -> 'supervision' ->> 'listed')::boolean`);
      const [rows, count] = await Promise.all([
        query
          .orderBy("hidden_danger.found_at", "desc")
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        query.clearSelect().select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
      ]);
      return { items: await Promise.all(rows.map((r) => present(r, principal, false))), total: Number(count.n) };
    },
  );

  app.get(
    "/hidden-dangers/:id",
    {
      config: { permission: "hidden-danger:read" },
      schema: {
        tags: ["hidden dangers"],
        summary: "A hidden danger with its full history and the steps the caller may take",
        params: IdParams,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return present(await loadForCaller(principal, request.params.id), principal, true);
    },
  );

  app.post(
    "/hidden-dangers/:id/actions",
    {
      config: { permission: ["hidden-danger:report", "hidden-danger:manage", "hidden-danger:supervise"] },
      schema: {
        tags: ["hidden dangers"],
        summary:
          "Take a step in the life cycle: confirm, dismiss, rectify, verify, extend, list for supervision, close on the spot …",
        params: IdParams,
        body: ActionBody,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const body = request.body;
      const type = body.type as HiddenDangerActionType;
      if (!ACTION_PERMISSIONS[type].some((p) => principal.permissions.includes(p))) throw forbidden();
      const row = await loadForCaller(principal, request.params.id);
      // Rectification steps belong to the responsible person; managers may act for them.
      const RECTIFIER_STEPS: HiddenDangerActionType[] = [
        "start_rectification",
        "submit_rectification",
        "request_extension",
        "report_progress",
      ];
      if (
        RECTIFIER_STEPS.includes(type) &&
        !principal.permissions.includes("hidden-danger:manage") &&
        row.responsible_user_id !== principal.userId
      ) {
        throw forbidden({
          "zh-CN": "只有整改责任人（或企业安全管理人员）可以办理此步骤",
          en: "Only the person responsible for the rectification (or the enterprise's safety managers) may take this step",
        });
      }
      const now = new Date();
      const action = { ...body } as Record<string, unknown>;
      for (const key of ["deadline", "newDeadline"] as const) if (body[key]) action[key] = new Date(body[key]);
      if (body.plan) action.plan = { ...body.plan, timeLimit: new Date(body.plan.timeLimit) };
      if (body.type === "confirm" && !(body.categoryCode ?? row.category_code)) {
        throw invalidFields([
          {
            field: "categoryCode",
            text: {
              "zh-CN": "确认隐患须填写隐患类别（GB/T 13861：1 人、2 物、3 环境、4 管理）",
              en: "Confirming needs the category (GB/T 13861: 1 human, 2 material, 3 environmental, 4 management)",
            },
          },
        ]);
      }
      // People and photos named in the step must be real and the enterprise's own, before anything is stored.
      if (body.type === "confirm" && body.responsiblePersonId) {
        await requireUser(db, "responsiblePersonId", body.responsiblePersonId, {
          kind: "enterprise",
          enterpriseId: row.enterprise_id,
        });
      }
      if (body.type === "close_on_spot" && body.rectifierId) {
        await requireUser(db, "rectifierId", body.rectifierId, { kind: "enterprise", enterpriseId: row.enterprise_id });
      }
      for (const field of ["photoIds", "beforePhotoIds", "afterPhotoIds"] as const) {
        await requirePhotos(db, row.enterprise_id, field, body[field]);
      }
      const supervisors =
        body.type === "close_on_spot" && row.finder_user_id
          ? await finderSupervisors(db, row.enterprise_id, row.finder_user_id)
          : [];
      await db.transaction().execute(async (trx) => {
        // Serialise steps on one hidden danger.
        const locked = await trx
          .selectFrom("hidden_danger")
          .select("state")
          .where("enterprise_id", "=", row.enterprise_id)
          .where("id", "=", row.id)
          .forUpdate()
          .executeTakeFirstOrThrow();
        const state = stateFromJson(locked.state);
        const result = applyTransition(
          state,
          action as HiddenDangerAction,
          transitionContext(principal, now, supervisors),
        );
        if (!result.ok) throw domainError(result.error);
        await storeTransition(trx, row, result.state, result.event, principal.displayName, {
          ...(body.categoryCode ? { category_code: body.categoryCode } : {}),
          ...(body.funds !== undefined ? { funds: body.funds } : {}),
          ...(body.type === "submit_rectification" ? { photo_after_ids: body.photoIds ?? [] } : {}),
          ...(body.type === "close_on_spot" ? { photo_after_ids: body.afterPhotoIds ?? [] } : {}),
        });
        await recordAudit(trx, actorOf(request), {
          action: body.type,
          entityType: "hidden_danger",
          entityId: row.id,
          enterpriseId: row.enterprise_id,
          territoryPath: row.territory_path,
          before: { status: state.status },
          after: { status: result.state.status, ...body },
        });
        // A major hidden danger goes to the supervising government automatically once confirmed.
        if (body.type === "confirm" && result.state.level === "major") {
          await notify(trx, {
            userIds: await supervisingUsers(trx, row),
            kind: "hidden_danger.major_reported",
            dedupeKey: `hd:${row.id}:major`,
            title: {
              "zh-CN": `重大事故隐患 ${row.code}（${row.enterprise_name}）`,
              en: `Major hidden danger ${row.code} (${row.enterprise_name})`,
            },
            body: { "zh-CN": row.description, en: row.description },
            link: `/hidden-dangers/${row.id}`,
            severity: "critical",
            enterpriseId: row.enterprise_id,
            territoryPath: row.territory_path,
            at: now,
          });
        }
      });
      return present(await loadForCaller(principal, row.id), principal, true);
    },
  );
}
