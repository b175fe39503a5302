import ExcelJS from "exceljs";
import { type Kysely, sql } from "kysely";
import { Type } from "typebox";
import type { Principal } from "../../auth/principal";
import { territoryInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { notFound } from "../../errors";
import { type App, actorOf, principalOf } from "../../types";
import { generateEnforcementPlan } from "./generate-plan";
import { planInScope, planTerritory, supervisingDepartment, THE_PLAN } from "./supervision-access";

const LEVEL_NAMES: Record<number, [string, string]> = {
  1: ["红色（重大风险）", "Red (major)"],
  2: ["橙色（较大风险）", "Orange (larger)"],
  3: ["黄色（一般风险）", "Yellow (general)"],
  4: ["蓝色（低风险）", "Blue (low)"],
};

const GenerateBody = Type.Object(
  {
    department: Type.String({ format: "uuid", description: "The supervising department (organisation id)" }),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12, description: "Absent for an annual plan" })),
    territoryId: Type.Optional(
      Type.String({ format: "uuid", description: "A node inside the department's territory; its own by default" }),
    ),
    seed: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'The published seed; by default "<year>[-<month>]:<department id>"',
      }),
    ),
    capacity: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 100_000,
        description: "Inspections the department can do in the period; spare capacity is drawn at random",
      }),
    ),
  },
  { additionalProperties: false },
);

const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });

/** Planned inspections and how many of them have been done, per plan. */
async function completionOf(db: Kysely<DB>, planIds: string[]) {
  if (planIds.length === 0) return new Map<string, { planned: number; inspected: number }>();
  const { rows } = await sql<{ plan_id: string; planned: number; inspected: number }>`
    SELECT item.plan_id, sum(item.inspections) AS planned, sum(least(item.inspections, coalesce(done.n, 0))) AS inspected
    FROM supervision_plan_item item
    LEFT JOIN (
      SELECT enterprise_id, plan_item_id, count(*) AS n FROM enforcement_inspection
      WHERE plan_item_id IS NOT NULL AND recheck_of_id IS NULL GROUP BY 1, 2
    ) done ON done.enterprise_id = item.enterprise_id AND done.plan_item_id = item.id
    WHERE item.plan_id = ANY(${planIds}::uuid[])
    GROUP BY item.plan_id`.execute(db);
  return new Map(rows.map((row) => [row.plan_id, { planned: Number(row.planned), inspected: Number(row.inspected) }]));
}

function completionFigures(value: { planned: number; inspected: number } | undefined) {
  const planned = value?.planned ?? 0;
  const inspected = value?.inspected ?? 0;
  return { planned, inspected, ratio: planned === 0 ? null : inspected / planned };
}

function period(year: number, month: number) {
  return month === 0 ? `${year}` : `${year}-${String(month).padStart(2, "0")}`;
}

export async function planRoutes(app: App) {
  const { db } = app.database;

  const planQuery = () =>
    db
      .selectFrom("supervision_plan")
      .innerJoin("organisation", "organisation.id", "supervision_plan.organisation_id")
      .innerJoin("territory", "territory.id", "supervision_plan.territory_id")
      .selectAll("supervision_plan")
      .select(["organisation.name as organisation_name", "territory.name as territory_name"]);
  type PlanRow = Awaited<ReturnType<ReturnType<typeof planQuery>["execute"]>>[number];

  const presentPlan = (row: PlanRow, completion: { planned: number; inspected: number } | undefined) => ({
    id: row.id,
    organisation: { id: row.organisation_id, name: row.organisation_name },
    territory: { id: row.territory_id, name: row.territory_name, path: row.territory_path },
    year: row.year,
    month: row.month === 0 ? null : row.month,
    period: period(row.year, row.month),
    seed: row.seed,
    seedNumber: row.seed_number,
    annualSeed: row.annual_seed,
    capacity: row.capacity,
    frequency: row.frequency,
    summary: row.summary,
    generatedAt: row.generated_at.toISOString(),
    generatedByName: row.generated_by_name,
    completion: completionFigures(completion),
  });

  async function loadPlan(principal: Principal, id: string) {
    const row = await planQuery()
      .where("supervision_plan.id", "=", id)
      .where((eb) => planInScope(eb as never, principal))
      .executeTakeFirst();
    if (!row) throw notFound(THE_PLAN);
    return row;
  }

  async function planItems(planId: string, locale: string) {
    const { rows } = await sql<{
      id: string;
      enterprise_id: string;
      enterprise_name: string;
      territory_path: string;
      reason: "mandatory" | "random";
      level: number;
      score: number;
      weight: number;
      inspections: number;
      months: number[];
      check_contents_zh: string[];
      check_contents_en: string[];
      inspected: number;
      last_inspected_on: string | null;
    }>`
      SELECT item.id, item.enterprise_id, enterprise.name AS enterprise_name, enterprise.territory_path, item.reason,
        item.level, item.score, item.weight, item.inspections, item.months, item.check_contents_zh,
        item.check_contents_en, coalesce(done.n, 0) AS inspected, done.last_on AS last_inspected_on
      FROM supervision_plan_item item
      JOIN enterprise ON enterprise.id = item.enterprise_id
      LEFT JOIN (
        SELECT enterprise_id, plan_item_id, count(*) AS n, max(inspected_on) AS last_on FROM enforcement_inspection
        WHERE plan_item_id IS NOT NULL AND recheck_of_id IS NULL GROUP BY 1, 2
      ) done ON done.enterprise_id = item.enterprise_id AND done.plan_item_id = item.id
      WHERE item.plan_id = ${planId}
      ORDER BY item.level, item.score DESC, enterprise.name`.execute(db);
    return rows.map((row) => ({
      id: row.id,
      enterpriseId: row.enterprise_id,
      enterpriseName: row.enterprise_name,
      reason: row.reason,
      level: row.level,
      score: row.score,
      weight: row.weight,
      inspections: row.inspections,
      months: row.months,
      checkContents: locale === "en" ? row.check_contents_en : row.check_contents_zh,
      inspected: Number(row.inspected),
      lastInspectedOn: row.last_inspected_on,
    }));
  }

  app.get(
    "/supervision/departments",
    {
      config: { permission: "supervision:read" },
      schema: {
        tags: ["supervision"],
        summary: "Supervising departments the caller may plan for: its own, or those of its territory subtree",
      },
    },
    async (request) => {
      const principal = principalOf(request);
      let query = db
        .selectFrom("organisation")
        .innerJoin("territory", "territory.id", "organisation.territory_id")
        .select([
          "organisation.id",
          "organisation.name",
          "organisation.kind",
          "organisation.industries",
          "territory.id as territory_id",
          "territory.name as territory_name",
        ])
        .where("organisation.kind", "in", ["emergency_management", "industry_department"])
        .where((eb) => territoryInScope(eb as never, principal.scope));
      if (principal.role === "department") query = query.where("organisation.id", "=", principal.organisationId ?? "");
      const rows = await query.orderBy("territory.path").orderBy("organisation.name").execute();
      return {
        items: rows.map((row) => ({
          id: row.id,
          name: row.name,
          kind: row.kind,
          industries: row.industries,
          territory: { id: row.territory_id, name: row.territory_name },
          own: row.id === principal.organisationId,
        })),
      };
    },
  );

  app.post(
    "/supervision/plans",
    {
      config: { permission: "supervision:manage" },
      schema: {
        tags: ["supervision"],
        summary:
          "Generate a department's annual or monthly enforcement plan from the current ratings, with the published seed; the same period and seed give the same selection (regenerated in place until an inspection is recorded)",
        body: GenerateBody,
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      const department = await supervisingDepartment(db, principal, body.department);
      const territory = await planTerritory(db, principal, department, body.territoryId);
      const id = await generateEnforcementPlan(db, {
        principal,
        actor: actorOf(request),
        department,
        territory,
        year: body.year,
        month: body.month,
        seed: body.seed,
        capacity: body.capacity,
        now: new Date(),
      });
      const row = await loadPlan(principal, id);
      const completion = (await completionOf(db, [id])).get(id);
      return reply.status(201).send({ ...presentPlan(row, completion), items: await planItems(id, request.locale) });
    },
  );

  app.get(
    "/supervision/plans",
    {
      config: { permission: "supervision:read" },
      schema: {
        tags: ["supervision"],
        summary: "Enforcement plans in the caller's scope with their completion, newest period first",
        querystring: Type.Object(
          {
            year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
            department: Type.Optional(Type.String({ format: "uuid" })),
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
      let query = planQuery().where((eb) => planInScope(eb as never, principal));
      if (q.year) query = query.where("supervision_plan.year", "=", q.year);
      if (q.department) query = query.where("supervision_plan.organisation_id", "=", q.department);
      const [rows, count] = await Promise.all([
        query
          .orderBy("supervision_plan.year", "desc")
          .orderBy("supervision_plan.month", "desc")
          .orderBy("organisation.name")
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        query.clearSelect().select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
      ]);
      const completion = await completionOf(
        db,
        rows.map((row) => row.id),
      );
      return { items: rows.map((row) => presentPlan(row, completion.get(row.id))), total: Number(count.n) };
    },
  );

  app.get(
    "/supervision/plans/:id",
    {
      config: { permission: "supervision:read" },
      schema: {
        tags: ["supervision"],
        summary:
          "A plan with its seed, summary, completion and items (level, score, months, mandatory or random, key check contents, inspections done)",
        params: IdParams,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const row = await loadPlan(principal, request.params.id);
      const completion = (await completionOf(db, [row.id])).get(row.id);
      return { ...presentPlan(row, completion), items: await planItems(row.id, request.locale) };
    },
  );

  app.get(
    "/supervision/plans/:id/export",
    {
      config: { permission: "supervision:read" },
      schema: {
        tags: ["supervision"],
        summary: "The plan as XLSX: header with the published seed, one row per enterprise with its key check contents",
        params: IdParams,
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const row = await loadPlan(principal, request.params.id);
      const plan = presentPlan(row, (await completionOf(db, [row.id])).get(row.id));
      const items = await planItems(row.id, request.locale);
      const zh = request.locale !== "en";
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(zh ? "执法检查计划" : "Enforcement plan");
      sheet.columns = [
        { width: 6 },
        { width: 34 },
        { width: 18 },
        { width: 8 },
        { width: 12 },
        { width: 18 },
        { width: 80 },
        { width: 10 },
      ];
      const title = zh
        ? `${plan.organisation.name} ${plan.territory.name} ${plan.period} ${plan.month ? "月度" : "年度"}执法检查计划`
        : `${plan.organisation.name}, ${plan.territory.name}: ${plan.month ? "monthly" : "annual"} enforcement plan ${plan.period}`;
      sheet.addRow([title]).font = { bold: true, size: 13 };
      sheet.addRow([zh ? "公开随机种子" : "Published seed", "", plan.seed]);
      sheet.addRow([zh ? "种子数值（FNV-1a）" : "Seed number (FNV-1a)", "", plan.seedNumber]);
      sheet.addRow([zh ? "完成情况" : "Completion", "", `${plan.completion.inspected} / ${plan.completion.planned}`]);
      sheet.addRow([zh ? "生成时间" : "Generated", "", `${plan.generatedAt} ${plan.generatedByName}`]);
      sheet.addRow([]);
      const header = sheet.addRow(
        zh
          ? ["序号", "企业", "风险等级", "得分", "方式", "检查月份", "重点检查内容", "已检查"]
          : ["No.", "Enterprise", "Level", "Score", "Selection", "Months", "Key check contents", "Done"],
      );
      header.font = { bold: true };
      items.forEach((item, index) => {
        const added = sheet.addRow([
          index + 1,
          item.enterpriseName,
          (LEVEL_NAMES[item.level] ?? ["", ""])[zh ? 0 : 1],
          item.score,
          item.reason === "mandatory" ? (zh ? "必查" : "Mandatory") : zh ? "随机抽取" : "Random draw",
          item.months.length > 0 ? item.months.join(", ") : zh ? "全年任一时间" : "any time",
          item.checkContents.map((content, n) => `${n + 1}. ${content}`).join("\n"),
          `${Math.min(item.inspected, item.inspections)} / ${item.inspections}`,
        ]);
        added.alignment = { wrapText: true, vertical: "top" };
      });
      const file = Buffer.from(await workbook.xlsx.writeBuffer());
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header(
          "content-disposition",
          `attachment; filename*=UTF-8''${encodeURIComponent(`${plan.organisation.name}-${plan.period}`)}.xlsx`,
        )
        .send(file);
    },
  );
}
