import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { Type } from "typebox";
import { reportHiddenDanger } from "../../../domain/hidden-danger/lifecycle";
import { CHECK_FREQUENCIES } from "../../../domain/inspection/schedule";
import { INSPECTION_TEMPLATES, TEMPLATE_KINDS, type TemplateKind } from "../../../domain/inspection/templates";
import { recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import { requireUser } from "../../auth/require-user";
import { enterpriseInScope } from "../../auth/scope";
import { AppError, forbidden, invalidFields, type LocalisedText, notFound } from "../../errors";
import { type App, actorOf, principalOf } from "../../types";
import { requirePhotos } from "../attachments/require-photos";
import { transitionContext, visibleEnterprise } from "../hidden-dangers/hidden-danger-access";
import { stateToJson } from "../hidden-dangers/state-codec";
import { generateInspectionTasks } from "./inspection-jobs";

const THE_TASK: LocalisedText = { "zh-CN": "该检查任务", en: "The inspection task" };
const Frequency = Type.Union(CHECK_FREQUENCIES.map((f) => Type.Literal(f)));

/** Managing checklists is for the enterprise's own managers. */
function requireManager(principal: Principal, enterpriseId: string) {
  if (
    !(
      principal.scope.kind === "enterprises" &&
      principal.scope.enterpriseIds.includes(enterpriseId) &&
      principal.permissions.includes("hidden-danger:manage")
    )
  ) {
    throw forbidden({
      "zh-CN": "检查表由企业安全管理人员维护",
      en: "Checklists are kept by the enterprise's safety managers",
    });
  }
}

export async function inspectionRoutes(app: App) {
  const { db } = app.database;

  app.post(
    "/checklists/generate",
    {
      config: { permission: "hidden-danger:manage" },
      schema: {
        tags: ["inspections"],
        summary:
          "Build (or refresh) the enterprise's checklist from its control measures: each measure's check content and frequency becomes a check item",
        body: Type.Object({ enterpriseId: Type.String({ format: "uuid" }) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { enterpriseId } = request.body;
      requireManager(principal, enterpriseId);
      const measures = await db
        .selectFrom("control_measure")
        .innerJoin("risk_point", (join) =>
          join
            .onRef("risk_point.owner_id", "=", "control_measure.owner_id")
            .onRef("risk_point.id", "=", "control_measure.risk_point_id"),
        )
        .select([
          "control_measure.id",
          "control_measure.content",
          "control_measure.check_content",
          "control_measure.check_frequency",
          "control_measure.responsible_person",
          "risk_point.id as risk_point_id",
          "risk_point.name as risk_point_name",
          "risk_point.control_level",
        ])
        .where("control_measure.owner_id", "=", enterpriseId)
        .execute();
      let created = 0;
      let updated = 0;
      await db.transaction().execute(async (trx) => {
        for (const m of measures) {
          const content = `${m.risk_point_name}：${m.check_content || m.content}`;
          const existing = await trx
            .selectFrom("checklist_item")
            .selectAll()
            .where("enterprise_id", "=", enterpriseId)
            .where("control_measure_id", "=", m.id)
            .executeTakeFirst();
          const values = {
            content,
            check_frequency: m.check_frequency,
            control_level: m.control_level,
            responsible_person: m.responsible_person,
            risk_point_id: m.risk_point_id,
            active: true,
          };
          if (!existing) {
            await trx
              .insertInto("checklist_item")
              .values({
                enterprise_id: enterpriseId,
                source: "measure",
                control_measure_id: m.id,
                template_kind: null,
                inspector_user_id: null,
                ...values,
              })
              .execute();
            created++;
          } else if (
            existing.content !== content ||
            existing.check_frequency !== m.check_frequency ||
            existing.control_level !== m.control_level ||
            existing.responsible_person !== m.responsible_person ||
            !existing.active
          ) {
            await trx
              .updateTable("checklist_item")
              .set(values)
              .where("enterprise_id", "=", enterpriseId)
              .where("id", "=", existing.id)
              .execute();
            updated++;
          }
        }
        // Items whose measure was removed stop producing tasks (kept for the history of past tasks).
        const current = measures.map((m) => m.id);
        const retired = await trx
          .updateTable("checklist_item")
          .set({ active: false })
          .where("enterprise_id", "=", enterpriseId)
          .where("source", "=", "measure")
          .where("active", "=", true)
          .$if(current.length > 0, (qb) => qb.where("control_measure_id", "not in", current))
          .returning("id")
          .execute();
        await recordAudit(trx, actorOf(request), {
          action: "generate",
          entityType: "checklist",
          entityId: enterpriseId,
          enterpriseId,
          after: { created, updated, retired: retired.length },
        });
        return retired.length;
      });
      // Today's tasks appear at once rather than at the job's next run.
      await generateInspectionTasks(db, new Date(), request.log);
      return { measures: measures.length, created, updated };
    },
  );

  app.post(
    "/checklist-items",
    {
      config: { permission: "hidden-danger:manage" },
      schema: {
        tags: ["inspections"],
        summary:
          "Add custom check items, or the items of an inspection template (daily, weekly, monthly, seasonal, holiday, special, comprehensive)",
        body: Type.Object(
          {
            enterpriseId: Type.String({ format: "uuid" }),
            templateKind: Type.Optional(Type.Union(TEMPLATE_KINDS.map((k) => Type.Literal(k)))),
            content: Type.Optional(Type.String({ minLength: 2, maxLength: 500 })),
            checkFrequency: Type.Optional(Frequency),
            inspectorUserId: Type.Optional(Type.String({ format: "uuid" })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      requireManager(principal, body.enterpriseId);
      if (body.inspectorUserId) {
        await requireUser(db, "inspectorUserId", body.inspectorUserId, {
          kind: "enterprise",
          enterpriseId: body.enterpriseId,
        });
      }
      let rows: { content: string; frequency: string; source: "template" | "custom" }[];
      if (body.templateKind) {
        const template = INSPECTION_TEMPLATES[body.templateKind as TemplateKind];
        const zh = request.locale !== "en";
        rows = template.items.map((item) => ({
          content: zh ? item.contentZh : item.contentEn,
          frequency: body.checkFrequency ?? template.frequency,
          source: "template",
        }));
      } else {
        if (!body.content || !body.checkFrequency) {
          throw invalidFields([
            {
              field: "content",
              text: {
                "zh-CN": "自定义检查项须填写检查内容和频次",
                en: "A custom item needs its content and frequency",
              },
            },
          ]);
        }
        rows = [{ content: body.content, frequency: body.checkFrequency, source: "custom" }];
      }
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("checklist_item")
          .values(
            rows.map((row) => ({
              enterprise_id: body.enterpriseId,
              source: row.source,
              control_measure_id: null,
              risk_point_id: null,
              template_kind: body.templateKind ?? null,
              content: row.content,
              check_frequency: row.frequency as (typeof CHECK_FREQUENCIES)[number],
              control_level: null,
              responsible_person: "",
              inspector_user_id: body.inspectorUserId ?? null,
            })),
          )
          .execute();
        await recordAudit(trx, actorOf(request), {
          action: "create",
          entityType: "checklist_item",
          entityId: body.enterpriseId,
          enterpriseId: body.enterpriseId,
          after: rows,
        });
      });
      await generateInspectionTasks(db, new Date(), request.log);
      return reply.status(201).send({ created: rows.length });
    },
  );

  app.get(
    "/checklist-items",
    {
      config: { permission: "hidden-danger:read" },
      schema: {
        tags: ["inspections"],
        summary: "An enterprise's check items",
        querystring: Type.Object({ enterpriseId: Type.String({ format: "uuid" }) }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (!(await visibleEnterprise(db, principal, request.query.enterpriseId)))
        throw notFound({ "zh-CN": "该企业", en: "The enterprise" });
      const rows = await db
        .selectFrom("checklist_item")
        .selectAll()
        .where("enterprise_id", "=", request.query.enterpriseId)
        .where("active", "=", true)
        .orderBy("source")
        .orderBy("created_at")
        .execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          source: r.source,
          templateKind: r.template_kind,
          riskPointId: r.risk_point_id,
          controlMeasureId: r.control_measure_id,
          content: r.content,
          checkFrequency: r.check_frequency,
          controlLevel: r.control_level,
          responsiblePerson: r.responsible_person,
        })),
      };
    },
  );

  const taskQuery = (principal: Principal) =>
    db
      .selectFrom("inspection_task")
      .innerJoin("enterprise", "enterprise.id", "inspection_task.enterprise_id")
      .selectAll("inspection_task")
      .select([
        "enterprise.name as enterprise_name",
        sql<number>`(SELECT count(*) FROM inspection_task_item i WHERE i.enterprise_id = inspection_task.enterprise_id AND i.task_id = inspection_task.id)`.as(
          "item_count",
        ),
        sql<number>`(SELECT count(*) FROM inspection_task_item i WHERE i.enterprise_id = inspection_task.enterprise_id AND i.task_id = inspection_task.id AND i.outcome IS NOT NULL)`.as(
          "done_count",
        ),
      ])
      .where((eb) => enterpriseInScope(eb as never, principal.scope));
  type TaskRow = Awaited<ReturnType<ReturnType<typeof taskQuery>["execute"]>>[number];
  const presentTask = (row: TaskRow) => ({
    id: row.id,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    title: row.title,
    frequency: row.frequency,
    controlLevel: row.control_level,
    periodStart: row.period_start.toISOString(),
    dueAt: row.due_at.toISOString(),
    status: row.status,
    completedAt: row.completed_at?.toISOString() ?? null,
    itemCount: Number(row.item_count),
    doneCount: Number(row.done_count),
  });

  app.get(
    "/inspection-tasks",
    {
      config: { permission: "hidden-danger:read" },
      schema: {
        tags: ["inspections"],
        summary: "Inspection tasks (open, done, missed) in the caller's scope",
        querystring: Type.Object(
          {
            enterpriseId: Type.Optional(Type.String({ format: "uuid" })),
            status: Type.Optional(Type.Union([Type.Literal("open"), Type.Literal("done"), Type.Literal("missed")])),
            page: Type.Integer({ minimum: 1, default: 1 }),
            pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query;
      let query = taskQuery(principal);
      if (q.enterpriseId) query = query.where("inspection_task.enterprise_id", "=", q.enterpriseId);
      if (q.status) query = query.where("inspection_task.status", "=", q.status);
      const rows = await query
        .orderBy("inspection_task.due_at")
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute();
      return { items: rows.map(presentTask) };
    },
  );

  async function taskFor(principal: Principal, id: string) {
    const task = await taskQuery(principal).where("inspection_task.id", "=", id).executeTakeFirst();
    if (!task) throw notFound(THE_TASK);
    return task;
  }

  app.get(
    "/inspection-tasks/:id",
    {
      config: { permission: "hidden-danger:read" },
      schema: {
        tags: ["inspections"],
        summary: "One task with its check items and results",
        params: Type.Object({ id: Type.String({ format: "uuid" }) }),
      },
    },
    async (request) => {
      const task = await taskFor(principalOf(request), request.params.id);
      const items = await db
        .selectFrom("inspection_task_item")
        .innerJoin("checklist_item", (join) =>
          join
            .onRef("checklist_item.enterprise_id", "=", "inspection_task_item.enterprise_id")
            .onRef("checklist_item.id", "=", "inspection_task_item.checklist_item_id"),
        )
        .selectAll("inspection_task_item")
        .select(["checklist_item.content", "checklist_item.risk_point_id"])
        .where("inspection_task_item.enterprise_id", "=", task.enterprise_id)
        .where("inspection_task_item.task_id", "=", task.id)
        .orderBy("checklist_item.content")
        .execute();
      return {
        ...presentTask(task),
        items: items.map((i) => ({
          checklistItemId: i.checklist_item_id,
          content: i.content,
          riskPointId: i.risk_point_id,
          outcome: i.outcome,
          note: i.note,
          photoIds: i.photo_ids,
          lng: i.lng,
          lat: i.lat,
          recordedAt: i.recorded_at?.toISOString() ?? null,
          hiddenDangerId: i.hidden_danger_id,
        })),
      };
    },
  );

  app.put(
    "/inspection-tasks/:id/items/:itemId",
    {
      config: { permission: "hidden-danger:report" },
      schema: {
        tags: ["inspections"],
        summary:
          "Record one check: pass, fail or not applicable, with note, photos and the device's location; a failure opens a hidden danger",
        params: Type.Object({ id: Type.String({ format: "uuid" }), itemId: Type.String({ format: "uuid" }) }),
        body: Type.Object(
          {
            outcome: Type.Union([Type.Literal("pass"), Type.Literal("fail"), Type.Literal("not_applicable")]),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
            photoIds: Type.Optional(Type.Array(Type.String({ format: "uuid" }), { maxItems: 10 })),
            lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
            lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const task = await taskFor(principal, request.params.id);
      if (principal.scope.kind !== "enterprises") throw forbidden();
      if (task.status !== "open") {
        throw new AppError("CONFLICT", {
          "zh-CN": task.status === "missed" ? "该任务已逾期未完成，记录为漏检，不能再补录" : "该任务已完成",
          en:
            task.status === "missed"
              ? "This task was missed; it stays recorded as missed and cannot be filled in late"
              : "This task is already completed",
        });
      }
      const body = request.body;
      await requirePhotos(db, task.enterprise_id, "photoIds", body.photoIds);
      if (body.outcome === "fail" && !body.note?.trim() && !body.photoIds?.length) {
        throw invalidFields([
          { field: "note", text: { "zh-CN": "不合格项请说明情况或拍照", en: "Describe or photograph a failed item" } },
        ]);
      }
      const item = await db
        .selectFrom("inspection_task_item")
        .innerJoin("checklist_item", (join) =>
          join
            .onRef("checklist_item.enterprise_id", "=", "inspection_task_item.enterprise_id")
            .onRef("checklist_item.id", "=", "inspection_task_item.checklist_item_id"),
        )
        .select(["inspection_task_item.hidden_danger_id", "checklist_item.content", "checklist_item.risk_point_id"])
        .where("inspection_task_item.enterprise_id", "=", task.enterprise_id)
        .where("inspection_task_item.task_id", "=", task.id)
        .where("inspection_task_item.checklist_item_id", "=", request.params.itemId)
        .executeTakeFirst();
      if (!item) throw notFound({ "zh-CN": "该检查项", en: "The check item" });
      const now = new Date();
      let hiddenDangerId = item.hidden_danger_id;
      await db.transaction().execute(async (trx) => {
        if (body.outcome === "fail" && !hiddenDangerId) {
          const description = `${item.content}${body.note ? `：${body.note}` : ""}`;
          const reported = reportHiddenDanger(
            { finderId: principal.userId, source: "inspection", description, photoIds: body.photoIds },
            transitionContext(principal, now),
          );
          if (!reported.ok)
            throw new AppError("VALIDATION_FAILED", {
              "zh-CN": reported.error.messageZh,
              en: reported.error.messageEn,
            });
          const enterprise = await trx
            .selectFrom("enterprise")
            .select("territory_path")
            .where("id", "=", task.enterprise_id)
            .executeTakeFirstOrThrow();
          const created = await trx
            .insertInto("hidden_danger")
            .values({
              enterprise_id: task.enterprise_id,
              code: `YH${now.toISOString().slice(0, 10).replaceAll("-", "")}-${randomBytes(3).toString("hex").toUpperCase()}`,
              territory_path: enterprise.territory_path,
              source: "inspection",
              status: reported.state.status,
              level: "general",
              description,
              place: "",
              risk_point_id: item.risk_point_id,
              category_code: "",
              photo_before_ids: body.photoIds ?? [],
              finder_user_id: principal.userId,
              state: stateToJson(reported.state),
              found_at: now,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          await trx
            .insertInto("hidden_danger_event")
            .values({
              enterprise_id: task.enterprise_id,
              hidden_danger_id: created.id,
              seq: 1,
              action: "report",
              from_status: null,
              to_status: reported.state.status,
              actor_id: principal.userId,
              actor_name: principal.displayName,
              at: now,
              comment: body.note ?? "",
              photo_ids: body.photoIds ?? [],
              data: JSON.stringify(reported.event.payload),
            })
            .execute();
          hiddenDangerId = created.id;
        }
        await trx
          .updateTable("inspection_task_item")
          .set({
            outcome: body.outcome,
            note: body.note ?? "",
            photo_ids: body.photoIds ?? [],
            lng: body.lng ?? null,
            lat: body.lat ?? null,
            recorded_at: now,
            recorded_by: principal.userId,
            hidden_danger_id: hiddenDangerId,
          })
          .where("enterprise_id", "=", task.enterprise_id)
          .where("task_id", "=", task.id)
          .where("checklist_item_id", "=", request.params.itemId)
          .execute();
        await recordAudit(trx, actorOf(request), {
          action: "check",
          entityType: "inspection_task",
          entityId: task.id,
          enterpriseId: task.enterprise_id,
          after: { itemId: request.params.itemId, ...body, hiddenDangerId },
        });
      });
      return { outcome: body.outcome, hiddenDangerId };
    },
  );

  app.post(
    "/inspection-tasks/:id/complete",
    {
      config: { permission: "hidden-danger:report" },
      schema: {
        tags: ["inspections"],
        summary: "Complete a task once every item has a result",
        params: Type.Object({ id: Type.String({ format: "uuid" }) }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const task = await taskFor(principal, request.params.id);
      if (task.status !== "open")
        throw new AppError("CONFLICT", { "zh-CN": "该任务不是待检状态", en: "This task is not open" });
      if (Number(task.done_count) < Number(task.item_count)) {
        throw invalidFields([
          {
            field: "items",
            text: {
              "zh-CN": `还有 ${Number(task.item_count) - Number(task.done_count)} 项未检查`,
              en: `${Number(task.item_count) - Number(task.done_count)} item(s) have no result yet`,
            },
          },
        ]);
      }
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("inspection_task")
          .set({ status: "done", completed_at: new Date(), completed_by: principal.userId })
          .where("enterprise_id", "=", task.enterprise_id)
          .where("id", "=", task.id)
          .execute();
        await recordAudit(trx, actorOf(request), {
          action: "complete",
          entityType: "inspection_task",
          entityId: task.id,
          enterpriseId: task.enterprise_id,
        });
      });
      return presentTask(await taskFor(principal, task.id));
    },
  );
}
