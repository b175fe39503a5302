import ExcelJS from "exceljs";
import { Type } from "typebox";
import { recordAudit } from "../../audit/record-audit";
import { AppError, conflict, forbidden, invalidFields, notFound } from "../../errors";
import { type App, actorOf, principalOf } from "../../types";
import { visibleEnterprise } from "./hidden-danger-access";
import { type HiddenDangerFigures, hiddenDangerFigures, periodBounds } from "./stats";

const PERIOD = Type.String({ pattern: "^\\d{4}(-Q[1-4])?$", description: "A year (2026) or a quarter (2026-Q1)" });

const SOURCE_NAMES: Record<string, [string, string]> = {
  inspection: ["排查发现", "Inspection"],
  employee_report: ["员工报告", "Employee report"],
  government: ["政府检查", "Government inspection"],
  third_party: ["第三方检查", "Third party"],
  public_report: ["群众举报", "Public report"],
  accident_investigation: ["事故调查", "Accident investigation"],
};

const CATEGORY_NAMES: Record<string, [string, string]> = {
  "1": ["人的因素", "Human"],
  "2": ["物的因素", "Material"],
  "3": ["环境因素", "Environmental"],
  "4": ["管理因素", "Management"],
  "?": ["未分类", "Not classified"],
};

export async function hiddenDangerStatsRoutes(app: App) {
  const { db } = app.database;

  async function territoryPathOf(territoryId?: string) {
    if (!territoryId) return undefined;
    const territory = await db.selectFrom("territory").select("path").where("id", "=", territoryId).executeTakeFirst();
    if (!territory) throw notFound({ "zh-CN": "该属地", en: "The territory" });
    return territory.path;
  }

  app.get(
    "/hidden-danger-stats",
    {
      config: { permission: "hidden-danger:read" },
      schema: {
        tags: ["hidden dangers"],
        summary: "Hidden-danger statistics per enterprise, territory, industry and period",
        querystring: Type.Object(
          {
            enterpriseId: Type.Optional(Type.String({ format: "uuid" })),
            territoryId: Type.Optional(Type.String({ format: "uuid" })),
            industry: Type.Optional(Type.String({ maxLength: 4 })),
            period: Type.Optional(PERIOD),
            from: Type.Optional(Type.String({ format: "date-time" })),
            to: Type.Optional(Type.String({ format: "date-time" })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const q = request.query;
      const bounds = q.period
        ? periodBounds(q.period)!
        : {
            from: q.from ? new Date(q.from) : new Date(0),
            to: q.to ? new Date(q.to) : new Date("9999-12-31T00:00:00Z"),
          };
      return hiddenDangerFigures(
        app.database.read,
        principalOf(request).scope,
        {
          enterpriseId: q.enterpriseId,
          territoryPath: await territoryPathOf(q.territoryId),
          industry: q.industry,
          ...bounds,
        },
        new Date(),
      );
    },
  );

  app.get(
    "/hidden-danger-summaries",
    {
      config: { permission: "hidden-danger:read" },
      schema: {
        tags: ["hidden dangers"],
        summary: "Signed quarterly and annual summaries of an enterprise",
        querystring: Type.Object({ enterpriseId: Type.String({ format: "uuid" }) }),
      },
    },
    async (request) => {
      if (!(await visibleEnterprise(db, principalOf(request), request.query.enterpriseId)))
        throw notFound({ "zh-CN": "该企业", en: "The enterprise" });
      const rows = await db
        .selectFrom("hidden_danger_summary")
        .selectAll()
        .where("enterprise_id", "=", request.query.enterpriseId)
        .orderBy("period", "desc")
        .execute();
      return {
        items: rows.map((r) => ({
          period: r.period,
          figures: r.figures,
          signedName: r.signed_name,
          signedAt: r.signed_at.toISOString(),
        })),
      };
    },
  );

  app.post(
    "/hidden-danger-summaries",
    {
      config: { permission: "hidden-danger:manage" },
      schema: {
        tags: ["hidden dangers"],
        summary:
          "The principal person confirms a quarterly or annual summary: the figures are kept with the signature and time",
        body: Type.Object(
          { enterpriseId: Type.String({ format: "uuid" }), period: PERIOD },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { enterpriseId, period } = request.body;
      if (
        principal.role !== "enterprise_principal" ||
        principal.scope.kind !== "enterprises" ||
        !principal.scope.enterpriseIds.includes(enterpriseId)
      ) {
        throw forbidden({
          "zh-CN": "隐患排查治理统计由企业主要负责人签字确认",
          en: "The summary is signed by the enterprise's principal person",
        });
      }
      const bounds = periodBounds(period)!;
      const now = new Date();
      if (bounds.to > now) {
        throw invalidFields([
          {
            field: "period",
            text: {
              "zh-CN": `${period} 尚未结束，结束后再签字确认`,
              en: `${period} has not ended yet; sign it afterwards`,
            },
          },
        ]);
      }
      const existing = await db
        .selectFrom("hidden_danger_summary")
        .select("signed_at")
        .where("enterprise_id", "=", enterpriseId)
        .where("period", "=", period)
        .executeTakeFirst();
      if (existing)
        throw conflict({
          "zh-CN": `${period} 的统计已于 ${existing.signed_at.toISOString()} 签字确认`,
          en: `${period} was already signed on ${existing.signed_at.toISOString()}`,
        });
      const figures = await hiddenDangerFigures(db, principal.scope, { enterpriseId, ...bounds }, now);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("hidden_danger_summary")
          .values({
            enterprise_id: enterpriseId,
            period,
            figures: JSON.stringify(figures),
            signed_by: principal.userId,
            signed_name: principal.displayName,
            signed_at: now,
          })
          .execute();
        await recordAudit(trx, actorOf(request), {
          action: "sign",
          entityType: "hidden_danger_summary",
          entityId: `${enterpriseId}:${period}`,
          enterpriseId,
          after: figures,
        });
      });
      return reply
        .status(201)
        .send({ period, figures, signedName: principal.displayName, signedAt: now.toISOString() });
    },
  );

  app.get(
    "/hidden-danger-summaries/export",
    {
      config: { permission: "hidden-danger:read" },
      schema: {
        tags: ["hidden dangers"],
        summary: "A quarterly or annual summary as XLSX, with the principal person's signature when it has been signed",
        querystring: Type.Object(
          { enterpriseId: Type.String({ format: "uuid" }), period: PERIOD },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { enterpriseId, period } = request.query;
      const enterprise = await visibleEnterprise(db, principal, enterpriseId);
      if (!enterprise) throw notFound({ "zh-CN": "该企业", en: "The enterprise" });
      const signed = await db
        .selectFrom("hidden_danger_summary")
        .selectAll()
        .where("enterprise_id", "=", enterpriseId)
        .where("period", "=", period)
        .executeTakeFirst();
      const figures = signed
        ? (signed.figures as HiddenDangerFigures)
        : await hiddenDangerFigures(
            app.database.read,
            principal.scope,
            { enterpriseId, ...periodBounds(period)! },
            new Date(),
          );
      const zh = request.locale !== "en";
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(zh ? "隐患排查治理统计" : "Hidden-danger summary");
      sheet.columns = [{ width: 28 }, { width: 18 }];
      sheet.addRow([
        zh ? `${enterprise.name} ${period} 隐患排查治理情况统计` : `${enterprise.name}: hidden dangers, ${period}`,
      ]).font = { bold: true, size: 13 };
      const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)}%`);
      const lines: [string, string, string | number][] = [
        ["排查发现隐患（项）", "Hidden dangers found", figures.found],
        ["其中重大隐患（项）", "of which major", figures.majorFound],
        ["经核实不属于隐患（项）", "Dismissed", figures.dismissed],
        ["已整改闭环（项）", "Rectified and closed", figures.rectified],
        ["整改率", "Rectification rate", percent(figures.rectificationRate)],
        ["按期整改率", "On-time rate", percent(figures.onTimeRate)],
        ["尚未整改（项）", "Still open", figures.open],
        ["逾期未整改（项）", "Overdue", figures.overdue],
        ["重大隐患未销号（项）", "Major still open", figures.majorOpen],
      ];
      for (const [labelZh, labelEn, value] of lines) sheet.addRow([zh ? labelZh : labelEn, value]);
      sheet.addRow([]);
      sheet.addRow([zh ? "按类别" : "By category"]).font = { bold: true };
      for (const c of figures.byCategory)
        sheet.addRow([(CATEGORY_NAMES[c.category] ?? [c.category, c.category])[zh ? 0 : 1], c.count]);
      sheet.addRow([zh ? "按来源" : "By source"]).font = { bold: true };
      for (const s of figures.bySource)
        sheet.addRow([(SOURCE_NAMES[s.source] ?? [s.source, s.source])[zh ? 0 : 1], s.count]);
      sheet.addRow([]);
      sheet.addRow([
        zh ? "主要负责人签字确认" : "Confirmed by the principal person",
        signed ? `${signed.signed_name}  ${signed.signed_at.toISOString()}` : zh ? "（未签字）" : "(not signed)",
      ]).font = { bold: true };
      const file = Buffer.from(await workbook.xlsx.writeBuffer());
      if (!file.length) throw new AppError("INTERNAL", { "zh-CN": "生成失败", en: "Export failed" });
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header(
          "content-disposition",
          `attachment; filename*=UTF-8''${encodeURIComponent(`${enterprise.name}-${period}`)}.xlsx`,
        )
        .send(file);
    },
  );
}
