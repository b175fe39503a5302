import { Type } from "typebox";
import { recordAudit } from "../../audit/record-audit";
import { enterpriseForWrite } from "../../auth/scope";
import { invalidFields, notFound } from "../../errors";
import { readUploadedTable } from "../../exchange/table-file";
import { type App, actorOf, principalOf } from "../../types";
import { closeEnterprise } from "./close-enterprise";
import { deleteEnterprise } from "./delete-enterprise";
import { findEnterprise, findEnterprises } from "./enterprise-queries";
import { checkEnterprise, databaseLookups, rejection, rowToValues, toColumns } from "./enterprise-rules";
import { buildImportTemplate, importEnterprises } from "./import-enterprises";
import {
  CloseBody,
  Enterprise,
  EnterpriseCreateBody,
  EnterpriseListQuery,
  EnterprisePage,
  EnterprisePatchBody,
  IdParams,
  ImportResult,
} from "./schema";

const THE_ENTERPRISE = { "zh-CN": "该企业", en: "The enterprise" };

export async function enterpriseRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/enterprises",
    {
      config: { permission: "enterprise:read" },
      schema: {
        tags: ["enterprises"],
        summary: "Enterprises in the caller's scope, paged, with search and filters",
        querystring: EnterpriseListQuery,
        response: { 200: EnterprisePage },
      },
    },
    async (request) => findEnterprises(db, principalOf(request).scope, request.query, request.locale),
  );

  app.get(
    "/enterprises/import-template",
    {
      config: { permission: "enterprise:import" },
      schema: {
        tags: ["enterprises"],
        summary: "Download the enterprise import template (XLSX or CSV)",
        querystring: Type.Object({
          format: Type.Union([Type.Literal("xlsx"), Type.Literal("csv")], { default: "xlsx" }),
        }),
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      const file = await buildImportTemplate(db, principalOf(request), format, request.locale);
      const name = request.locale === "en" ? "enterprise-import-template" : "企业导入模板";
      return reply
        .header(
          "content-type",
          format === "csv"
            ? "text/csv; charset=utf-8"
            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(name)}.${format}`)
        .send(file);
    },
  );

  app.post(
    "/enterprises/import",
    {
      config: { permission: "enterprise:import" },
      schema: {
        tags: ["enterprises"],
        summary: "Import enterprises from XLSX or CSV (multipart field `file`): all rows or none",
        consumes: ["multipart/form-data"],
        response: { 200: ImportResult },
      },
    },
    async (request) => {
      const rows = await readUploadedTable(request);
      return importEnterprises(db, principalOf(request), actorOf(request), rows);
    },
  );

  app.get(
    "/enterprises/:id",
    {
      config: { permission: "enterprise:read" },
      schema: { tags: ["enterprises"], summary: "One enterprise", params: IdParams, response: { 200: Enterprise } },
    },
    async (request) => {
      const enterprise = await findEnterprise(db, principalOf(request).scope, request.params.id, request.locale);
      if (!enterprise) throw notFound(THE_ENTERPRISE);
      return enterprise;
    },
  );

  app.post(
    "/enterprises",
    {
      config: { permission: "enterprise:create" },
      schema: {
        tags: ["enterprises"],
        summary: "Register an enterprise",
        body: EnterpriseCreateBody,
        response: { 201: Enterprise },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const checked = await checkEnterprise(databaseLookups(db), principal, request.body);
      if (checked.values === null) throw rejection(checked.issues);
      const values = checked.values;
      const duplicate = await db
        .selectFrom("enterprise")
        .select("id")
        .where("uscc", "=", values.uscc)
        .executeTakeFirst();
      if (duplicate) {
        throw invalidFields([
          {
            field: "uscc",
            text: {
              "zh-CN": `统一社会信用代码 ${values.uscc} 已登记，请检查是否重复录入`,
              en: `Credit code ${values.uscc} is already registered; check for a duplicate`,
            },
          },
        ]);
      }
      const id = await db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto("enterprise")
          .values(toColumns(values))
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actorOf(request), {
          action: "create",
          entityType: "enterprise",
          entityId: created.id,
          enterpriseId: created.id,
          territoryPath: values.territory_path,
          after: values,
        });
        return created.id;
      });
      return reply.status(201).send((await findEnterprise(db, principal.scope, id, request.locale))!);
    },
  );

  app.patch(
    "/enterprises/:id",
    {
      config: { permission: "enterprise:write" },
      schema: {
        tags: ["enterprises"],
        summary: "Change an enterprise's record",
        params: IdParams,
        body: EnterprisePatchBody,
        response: { 200: Enterprise },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      // The stored row must be in scope (else 404), and checkEnterprise checks the new values fit it too.
      const stored = await enterpriseForWrite(db, principal.scope, request.params.id);
      const before = rowToValues(stored);
      const checked = await checkEnterprise(databaseLookups(db), principal, request.body, {
        id: stored.id,
        values: before,
      });
      if (checked.values === null) throw rejection(checked.issues);
      const after = checked.values;
      if (after.uscc !== before.uscc) {
        const duplicate = await db
          .selectFrom("enterprise")
          .select("id")
          .where("uscc", "=", after.uscc)
          .executeTakeFirst();
        if (duplicate) {
          throw invalidFields([
            {
              field: "uscc",
              text: {
                "zh-CN": `统一社会信用代码 ${after.uscc} 已被其他企业使用`,
                en: `Credit code ${after.uscc} belongs to another enterprise`,
              },
            },
          ]);
        }
      }
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("enterprise")
          .set({ ...toColumns(after), updated_at: new Date() })
          .where("id", "=", stored.id)
          .execute();
        await recordAudit(trx, actorOf(request), {
          action: "update",
          entityType: "enterprise",
          entityId: stored.id,
          enterpriseId: stored.id,
          territoryPath: after.territory_path,
          before,
          after,
        });
      });
      return (await findEnterprise(db, principal.scope, stored.id, request.locale))!;
    },
  );

  app.delete(
    "/enterprises/:id",
    {
      config: { permission: "enterprise:create" },
      schema: {
        tags: ["enterprises"],
        summary:
          "Remove an enterprise registered by mistake; one with any history (registers, hidden dangers, readings, ratings, enforcement, linked users …) is refused with 409: close it instead",
        params: IdParams,
      },
    },
    async (request, reply) => {
      await deleteEnterprise(db, principalOf(request), actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    "/enterprises/:id/close",
    {
      config: { permission: "enterprise:create" },
      schema: {
        tags: ["enterprises"],
        summary:
          "Close an enterprise (deregistered, stopped for good, moved away) with the reason; its whole history is kept, it leaves the default lists, plans and inspection tasks",
        params: IdParams,
        body: CloseBody,
        response: { 200: Enterprise },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      await closeEnterprise(db, principal, actorOf(request), request.params.id, request.body.reason.trim(), new Date());
      return (await findEnterprise(db, principal.scope, request.params.id, request.locale))!;
    },
  );
}
