import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { type Static, Type } from "typebox";
import { recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import { checkUsers } from "../../auth/require-user";
import { enterpriseInScope } from "../../auth/scope";
import { invalidFields, type LocalisedText, notFound } from "../../errors";
import { type App, actorOf, principalOf } from "../../types";
import { recordReportedHiddenDanger } from "../hidden-dangers/record-reported-hidden-danger";
import { planInScope, THE_ENTERPRISE, THE_INSPECTION } from "./supervision-access";

// 《行政处罚法》(2021) 第九条 kinds of administrative penalty, as an enforcement record names them.
export const PENALTY_KINDS = [
  "warning",
  "fine",
  "confiscation",
  "licence_suspension",
  "licence_revocation",
  "production_suspension",
  "closure",
  "other",
] as const;

const CHECK_RESULTS = ["ok", "problem", "not_checked"] as const;
const DATE = Type.String({ format: "date", description: "YYYY-MM-DD" });

const RecordBody = Type.Object(
  {
    enterpriseId: Type.String({ format: "uuid" }),
    planItemId: Type.Optional(Type.String({ format: "uuid" })),
    recheckOfId: Type.Optional(
      Type.String({ format: "uuid", description: "The inspection this one re-checks (closes its re-check task)" }),
    ),
    inspectedOn: DATE,
    inspectorIds: Type.Array(Type.String({ format: "uuid" }), { minItems: 1, maxItems: 20, uniqueItems: true }),
    itemsChecked: Type.Array(
      Type.Object(
        {
          content: Type.String({ minLength: 2, maxLength: 500 }),
          result: Type.Union(CHECK_RESULTS.map((r) => Type.Literal(r))),
          note: Type.Optional(Type.String({ maxLength: 2000 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
    findings: Type.Optional(Type.String({ maxLength: 4000 })),
    hiddenDangers: Type.Optional(
      Type.Array(
        Type.Object(
          {
            description: Type.String({ minLength: 2, maxLength: 2000 }),
            level: Type.Optional(Type.Union([Type.Literal("general"), Type.Literal("major")])),
            place: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
    rectificationDeadline: Type.Optional(DATE),
    penalties: Type.Optional(
      Type.Array(
        Type.Object(
          {
            kind: Type.Union(PENALTY_KINDS.map((k) => Type.Literal(k))),
            amountYuan: Type.Number({ minimum: 0, maximum: 100_000_000 }),
            legalBasis: Type.String({ minLength: 2, maxLength: 1000 }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 20 },
      ),
    ),
    violations: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    recheckDue: Type.Optional(DATE),
  },
  { additionalProperties: false },
);
type RecordInput = Static<typeof RecordBody>;

type Problem = { field: string; text: LocalisedText };

const today = () => new Date().toISOString().slice(0, 10);
// The latest calendar date anywhere (UTC+14), so that "today" in the inspector's zone is never refused as future.
const latestToday = () => new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);

/** The rules of an enforcement record that a schema cannot say. */
function recordProblems(body: RecordInput, now: string): Problem[] {
  const problems: Problem[] = [];
  if (body.inspectedOn > now) {
    problems.push({
      field: "inspectedOn",
      text: { "zh-CN": "检查日期不能晚于今天", en: "The inspection date cannot be later than today" },
    });
  }
  if ((body.hiddenDangers?.length ?? 0) > 0 && !body.rectificationDeadline) {
    problems.push({
      field: "rectificationDeadline",
      text: {
        "zh-CN": "责令整改的隐患须写明整改期限，请填写整改期限",
        en: "Hidden dangers ordered to be rectified need a deadline; enter the rectification deadline",
      },
    });
  }
  if (body.rectificationDeadline && body.rectificationDeadline < body.inspectedOn) {
    problems.push({
      field: "rectificationDeadline",
      text: { "zh-CN": "整改期限不能早于检查日期", en: "The rectification deadline cannot be before the inspection" },
    });
  }
  if (body.recheckDue && body.recheckDue < body.inspectedOn) {
    problems.push({
      field: "recheckDue",
      text: { "zh-CN": "复查日期不能早于检查日期", en: "The re-check date cannot be before the inspection" },
    });
  }
  body.penalties?.forEach((penalty, index) => {
    if (penalty.kind === "fine" && penalty.amountYuan <= 0) {
      problems.push({
        field: `penalties.${index}.amountYuan`,
        text: { "zh-CN": "罚款须填写大于 0 的金额（元）", en: "A fine needs an amount above 0 yuan" },
      });
    }
  });
  if ((body.penalties?.length ?? 0) > 0 && (body.violations ?? 0) === 0) {
    problems.push({
      field: "violations",
      text: {
        "zh-CN": "有行政处罚时须填写违法行为数（至少 1 项）",
        en: "A penalty needs the number of violations it punishes (at least 1)",
      },
    });
  }
  return problems;
}

export async function inspectionRoutes(app: App) {
  const { db } = app.database;

  const listQuery = (principal: Principal) =>
    db
      .selectFrom("enforcement_inspection")
      .innerJoin("enterprise", "enterprise.id", "enforcement_inspection.enterprise_id")
      .leftJoin("organisation", "organisation.id", "enforcement_inspection.organisation_id")
      .selectAll("enforcement_inspection")
      .select(["enterprise.name as enterprise_name", "organisation.name as organisation_name"])
      .where((eb) => enterpriseInScope(eb as never, principal.scope));
  type Row = Awaited<ReturnType<ReturnType<typeof listQuery>["execute"]>>[number];

  const present = (row: Row) => ({
    id: row.id,
    code: row.code,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    organisation: row.organisation_id ? { id: row.organisation_id, name: row.organisation_name } : null,
    planItemId: row.plan_item_id,
    recheckOfId: row.recheck_of_id,
    inspectedOn: row.inspected_on,
    inspectorIds: row.inspector_ids,
    inspectorNames: row.inspector_names,
    itemsChecked: row.items_checked,
    findings: row.findings,
    hiddenDangerIds: row.hidden_danger_ids,
    rectificationDeadline: row.rectification_deadline,
    penalties: row.penalties,
    penaltyTotalYuan: row.penalty_total_yuan,
    violations: row.violations,
    recheckDue: row.recheck_due,
    recheckInspectionId: row.recheck_inspection_id,
    recheckOverdue: row.recheck_due !== null && row.recheck_inspection_id === null && row.recheck_due < today(),
    createdAt: row.created_at.toISOString(),
  });

  async function loadInspection(principal: Principal, id: string) {
    const row = await listQuery(principal).where("enforcement_inspection.id", "=", id).executeTakeFirst();
    if (!row) throw notFound(THE_INSPECTION);
    return row;
  }

  app.get(
    "/supervision/inspectors",
    {
      config: { permission: "supervision:manage" },
      schema: {
        tags: ["supervision"],
        summary: "Government officers of the caller's territory subtree who can be named as inspectors",
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const scope = principal.scope;
      if (scope.kind !== "territory") return { items: [] };
      const rows = await db
        .selectFrom("app_user")
        .innerJoin("territory", "territory.id", "app_user.territory_id")
        .leftJoin("organisation", "organisation.id", "app_user.organisation_id")
        .select(["app_user.id", "app_user.display_name", "app_user.role", "organisation.name as organisation_name"])
        .where("app_user.role", "in", ["supervisor", "department"])
        .where("app_user.disabled", "=", false)
        .where("territory.path", "like", `${scope.path}%`)
        .orderBy("territory.path")
        .orderBy("app_user.display_name")
        .limit(500)
        .execute();
      return {
        items: rows.map((row) => ({
          id: row.id,
          displayName: row.display_name,
          role: row.role,
          organisationName: row.organisation_name,
        })),
      };
    },
  );

  app.post(
    "/supervision/inspections",
    {
      config: { permission: "supervision:manage" },
      schema: {
        tags: ["supervision"],
        summary:
          "Record an enforcement inspection: inspectors, items checked, findings, hidden dangers ordered (they enter the hidden-danger life cycle with source government), rectification deadline, penalties, violations and a re-check date",
        body: RecordBody,
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      const enterprise = await db
        .selectFrom("enterprise")
        .select(["id", "name", "territory_path"])
        .where("id", "=", body.enterpriseId)
        .where((eb) => enterpriseInScope(eb, principal.scope))
        .executeTakeFirst();
      if (!enterprise) throw notFound(THE_ENTERPRISE);
      const problems = recordProblems(body, latestToday());

      let organisationId = principal.organisationId;
      if (body.planItemId) {
        const item = await db
          .selectFrom("supervision_plan_item")
          .innerJoin("supervision_plan", "supervision_plan.id", "supervision_plan_item.plan_id")
          .select(["supervision_plan.organisation_id"])
          .where("supervision_plan_item.enterprise_id", "=", enterprise.id)
          .where("supervision_plan_item.id", "=", body.planItemId)
          .where((eb) => planInScope(eb as never, principal))
          .executeTakeFirst();
        if (!item) {
          problems.push({
            field: "planItemId",
            text: {
              "zh-CN": "该计划条目不存在、不属于该企业或不在您的管辖范围内",
              en: "The plan item does not exist, is not this enterprise's, or is outside your scope",
            },
          });
        } else {
          organisationId = item.organisation_id;
        }
      }
      if (body.recheckOfId) {
        const first = await db
          .selectFrom("enforcement_inspection")
          .select(["id", "recheck_of_id"])
          .where("enterprise_id", "=", enterprise.id)
          .where("id", "=", body.recheckOfId)
          .executeTakeFirst();
        if (!first) {
          problems.push({
            field: "recheckOfId",
            text: {
              "zh-CN": "被复查的检查记录不存在或不属于该企业",
              en: "The inspection to re-check does not exist or is not this enterprise's",
            },
          });
        }
      }
      // Inspectors are active government officers of the caller's territory, as the inspector list offers them.
      const inspectors = await checkUsers(db, "inspectorIds", body.inspectorIds, {
        kind: "government",
        within: principal.scope,
      });
      if (inspectors.problem) problems.push(inspectors.problem);
      if (problems.length > 0) throw invalidFields(problems);
      const names = inspectors.users.map((inspector) => inspector.displayName);

      const now = new Date();
      const code = `ZF${body.inspectedOn.replaceAll("-", "")}-${randomBytes(3).toString("hex").toUpperCase()}`;
      const id = await db.transaction().execute(async (trx) => {
        const hiddenDangerIds: string[] = [];
        for (const ordered of body.hiddenDangers ?? []) {
          const created = await recordReportedHiddenDanger(trx, {
            actor: actorOf(request),
            principal,
            enterprise,
            report: {
              enterpriseId: enterprise.id,
              description: ordered.description,
              level: ordered.level,
              place: ordered.place,
              source: "government",
            },
            now,
          });
          hiddenDangerIds.push(created.id);
        }
        const penaltyTotal = (body.penalties ?? []).reduce((sum, penalty) => sum + penalty.amountYuan, 0);
        const inserted = await trx
          .insertInto("enforcement_inspection")
          .values({
            enterprise_id: enterprise.id,
            code,
            territory_path: enterprise.territory_path,
            organisation_id: organisationId,
            plan_item_id: body.planItemId ?? null,
            recheck_of_id: body.recheckOfId ?? null,
            inspected_on: body.inspectedOn,
            inspector_ids: body.inspectorIds,
            inspector_names: names,
            items_checked: JSON.stringify(body.itemsChecked),
            findings: body.findings ?? "",
            hidden_danger_ids: hiddenDangerIds,
            rectification_deadline: body.rectificationDeadline ?? null,
            penalties: JSON.stringify(body.penalties ?? []),
            penalty_total_yuan: penaltyTotal,
            violations: body.violations ?? 0,
            recheck_due: body.recheckDue ?? null,
            created_by: principal.userId,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        if (body.recheckOfId) {
          await trx
            .updateTable("enforcement_inspection")
            .set({ recheck_inspection_id: inserted.id })
            .where("enterprise_id", "=", enterprise.id)
            .where("id", "=", body.recheckOfId)
            .execute();
        }
        await recordAudit(trx, actorOf(request), {
          action: "create",
          entityType: "enforcement_inspection",
          entityId: inserted.id,
          enterpriseId: enterprise.id,
          territoryPath: enterprise.territory_path,
          after: { code, ...body, hiddenDangerIds },
        });
        return inserted.id;
      });
      return reply.status(201).send(present(await loadInspection(principal, id)));
    },
  );

  app.get(
    "/supervision/inspections",
    {
      config: { permission: "supervision:read" },
      schema: {
        tags: ["supervision"],
        summary:
          "Enforcement inspections in the caller's scope, newest first; recheck=open|overdue lists re-check tasks",
        querystring: Type.Object(
          {
            enterpriseId: Type.Optional(Type.String({ format: "uuid" })),
            planId: Type.Optional(Type.String({ format: "uuid" })),
            recheck: Type.Optional(Type.Union([Type.Literal("open"), Type.Literal("overdue")])),
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
      let query = listQuery(principal);
      if (q.enterpriseId) query = query.where("enforcement_inspection.enterprise_id", "=", q.enterpriseId);
      if (q.planId) {
        query = query.where("enforcement_inspection.plan_item_id", "in", (eb) =>
          eb.selectFrom("supervision_plan_item").select("supervision_plan_item.id").where("plan_id", "=", q.planId!),
        );
      }
      if (q.recheck) {
        query = query
          .where("enforcement_inspection.recheck_due", "is not", null)
          .where("enforcement_inspection.recheck_inspection_id", "is", null);
        if (q.recheck === "overdue") query = query.where("enforcement_inspection.recheck_due", "<", today());
      }
      const [rows, count] = await Promise.all([
        query
          .orderBy("enforcement_inspection.inspected_on", "desc")
          .orderBy("enforcement_inspection.created_at", "desc")
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        query.clearSelect().select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(present), total: Number(count.n) };
    },
  );

  app.get(
    "/supervision/inspections/:id",
    {
      config: { permission: "supervision:read" },
      schema: {
        tags: ["supervision"],
        summary: "An enforcement inspection with the hidden dangers it ordered and its re-checks",
        params: Type.Object({ id: Type.String({ format: "uuid" }) }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const row = await loadInspection(principal, request.params.id);
      const dangers =
        row.hidden_danger_ids.length === 0
          ? []
          : await db
              .selectFrom("hidden_danger")
              .select(["id", "code", "status", "level", "description", "source", "deadline"])
              .where("enterprise_id", "=", row.enterprise_id)
              .where("id", "in", row.hidden_danger_ids)
              .execute();
      const rechecks = await db
        .selectFrom("enforcement_inspection")
        .select(["id", "code", "inspected_on", "violations"])
        .where("enterprise_id", "=", row.enterprise_id)
        .where("recheck_of_id", "=", row.id)
        .orderBy("inspected_on")
        .execute();
      return {
        ...present(row),
        hiddenDangers: dangers.map((danger) => ({
          id: danger.id,
          code: danger.code,
          status: danger.status,
          level: danger.level,
          description: danger.description,
          source: danger.source,
        })),
        rechecks: rechecks.map((recheck) => ({
          id: recheck.id,
          code: recheck.code,
          inspectedOn: recheck.inspected_on,
          violations: recheck.violations,
        })),
      };
    },
  );
}
