import { readUploadedTable } from "../../exchange/table-file";
import { IdParams, NoContent } from "../../http/schemas";
import { type App, actorOf, principalOf } from "../../types";
import { buildImportTemplate } from "./build-import-template";
import { closeEnterprise } from "./close-enterprise";
import { createEnterprise } from "./create-enterprise";
import { deleteEnterprise } from "./delete-enterprise";
import { findEnterprises, getEnterprise } from "./find-enterprises";
import { importEnterprises } from "./import-enterprises";
import { presentEnterprise, presentEnterpriseSummary } from "./present-enterprise";
import {
  CloseBody,
  Enterprise,
  EnterpriseCreateBody,
  EnterpriseListQuery,
  EnterprisePage,
  EnterprisePatchBody,
  ImportResult,
  ImportTemplate,
  ImportTemplateQuery,
} from "./schema";
import { updateEnterprise } from "./update-enterprise";

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

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
    async (request) => {
      const { query } = request;
      const found = await findEnterprises(db, principalOf(request).scope, query, request.locale);
      const items = found.records.map(presentEnterpriseSummary);
      return { items, total: found.total, page: query.page, pageSize: query.pageSize };
    },
  );

  app.get(
    "/enterprises/import-template",
    {
      config: { permission: "enterprise:import" },
      schema: {
        tags: ["enterprises"],
        summary: "Download the enterprise import template (XLSX or CSV)",
        querystring: ImportTemplateQuery,
        response: { 200: ImportTemplate },
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      const file = await buildImportTemplate(db, principalOf(request), format, request.locale);
      const name = request.locale === "en" ? "enterprise-import-template" : "企业导入模板";
      return reply
        .header("content-type", CONTENT_TYPES[format])
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
    async (request) => importEnterprises(db, principalOf(request), actorOf(request), await readUploadedTable(request)),
  );

  app.get(
    "/enterprises/:id",
    {
      config: { permission: "enterprise:read" },
      schema: { tags: ["enterprises"], summary: "One enterprise", params: IdParams, response: { 200: Enterprise } },
    },
    async (request) =>
      presentEnterprise(await getEnterprise(db, principalOf(request).scope, request.params.id, request.locale)),
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
      const id = await createEnterprise(db, principal, actorOf(request), request.body);
      return reply.status(201).send(presentEnterprise(await getEnterprise(db, principal.scope, id, request.locale)));
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
      await updateEnterprise(db, principal, actorOf(request), request.params.id, request.body);
      return presentEnterprise(await getEnterprise(db, principal.scope, request.params.id, request.locale));
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
        response: { 204: NoContent },
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
      return presentEnterprise(await getEnterprise(db, principal.scope, request.params.id, request.locale));
    },
  );
}
