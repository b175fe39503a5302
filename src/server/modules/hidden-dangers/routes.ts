import { text } from "../../../domain/text";
import { notFound } from "../../errors";
import { IdParams } from "../../http/schemas";
import { type App, actorOf, principalOf } from "../../types";
import { exportHiddenDangerSummary } from "./export-hidden-danger-summary";
import { visibleEnterprise } from "./hidden-danger-access";
import { hiddenDangerStats } from "./hidden-danger-figures";
import { enterpriseStaff, findHiddenDanger, findHiddenDangers } from "./hidden-danger-queries";
import { presentHiddenDanger } from "./present-hidden-danger";
import { listHiddenDangerSummaries } from "./present-hidden-danger-summary";
import { reportHiddenDangerAs } from "./report-hidden-danger";
import {
  ActionBody,
  HiddenDanger,
  HiddenDangerFigures,
  HiddenDangerList,
  HiddenDangerListQuery,
  ReportBody,
  StaffList,
  StatsQuery,
  Summary,
  SummaryBody,
  SummaryExportQuery,
  SummaryList,
  SummaryListQuery,
  SummaryWorkbook,
} from "./schema";
import { signHiddenDangerSummary } from "./sign-hidden-danger-summary";
import { takeHiddenDangerStep } from "./take-hidden-danger-step";

const THE_ENTERPRISE = text("该企业", "The enterprise");
const TAGS = ["hidden dangers"];

export async function hiddenDangerRoutes(app: App) {
  const { db } = app.database;

  app.post(
    "/hidden-dangers",
    {
      config: { permission: "hidden-danger:report" },
      schema: {
        tags: TAGS,
        summary: "Report a hidden danger (an employee needs only a description and a photo)",
        body: ReportBody,
        response: { 201: HiddenDanger },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const id = await reportHiddenDangerAs(db, principal, actorOf(request), request.body);
      const row = await findHiddenDanger(db, principal.scope, id);
      return reply.status(201).send(await presentHiddenDanger(db, row, principal, true));
    },
  );

  app.get(
    "/enterprises/:id/staff",
    {
      config: { permission: ["hidden-danger:manage", "hidden-danger:supervise"] },
      schema: {
        tags: TAGS,
        summary: "The enterprise's people (for assigning a rectification): id, name and role",
        params: IdParams,
        response: { 200: StaffList },
      },
    },
    async (request) => {
      const enterprise = await visibleEnterprise(db, principalOf(request), request.params.id);
      if (!enterprise) throw notFound(THE_ENTERPRISE);
      return { items: await enterpriseStaff(db, enterprise.id) };
    },
  );

  app.get(
    "/hidden-dangers",
    {
      config: { permission: "hidden-danger:read" },
      schema: {
        tags: TAGS,
        summary: "Hidden dangers in the caller's scope",
        querystring: HiddenDangerListQuery,
        response: { 200: HiddenDangerList },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { rows, total } = await findHiddenDangers(db, principal.scope, request.query);
      return { items: await Promise.all(rows.map((r) => presentHiddenDanger(db, r, principal, false))), total };
    },
  );

  app.get(
    "/hidden-dangers/:id",
    {
      config: { permission: "hidden-danger:read" },
      schema: {
        tags: TAGS,
        summary: "A hidden danger with its full history and the steps the caller may take",
        params: IdParams,
        response: { 200: HiddenDanger },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return presentHiddenDanger(db, await findHiddenDanger(db, principal.scope, request.params.id), principal, true);
    },
  );

  app.post(
    "/hidden-dangers/:id/actions",
    {
      config: { permission: ["hidden-danger:report", "hidden-danger:manage", "hidden-danger:supervise"] },
      schema: {
        tags: TAGS,
        summary:
          "Take a step in the life cycle: confirm, dismiss, rectify, verify, extend, list for supervision, close on the spot …",
        params: IdParams,
        body: ActionBody,
        response: { 200: HiddenDanger },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      await takeHiddenDangerStep(db, principal, actorOf(request), request.params.id, request.body);
      return presentHiddenDanger(db, await findHiddenDanger(db, principal.scope, request.params.id), principal, true);
    },
  );

  app.get(
    "/hidden-danger-stats",
    {
      config: { permission: "hidden-danger:read" },
      schema: {
        tags: TAGS,
        summary: "Hidden-danger statistics per enterprise, territory, industry and period",
        querystring: StatsQuery,
        response: { 200: HiddenDangerFigures },
      },
    },
    // The figures are read on the read-side pool (a replica when one is configured).
    async (request) => hiddenDangerStats(db, app.database.read, principalOf(request).scope, request.query, new Date()),
  );

  app.get(
    "/hidden-danger-summaries",
    {
      config: { permission: "hidden-danger:read" },
      schema: {
        tags: TAGS,
        summary: "Signed quarterly and annual summaries of an enterprise",
        querystring: SummaryListQuery,
        response: { 200: SummaryList },
      },
    },
    async (request) => {
      if (!(await visibleEnterprise(db, principalOf(request), request.query.enterpriseId)))
        throw notFound(THE_ENTERPRISE);
      return { items: await listHiddenDangerSummaries(db, request.query.enterpriseId) };
    },
  );

  app.post(
    "/hidden-danger-summaries",
    {
      config: { permission: "hidden-danger:manage" },
      schema: {
        tags: TAGS,
        summary:
          "The principal person confirms a quarterly or annual summary: the figures are kept with the signature and time",
        body: SummaryBody,
        response: { 201: Summary },
      },
    },
    async (request, reply) => {
      const signed = await signHiddenDangerSummary(
        db,
        principalOf(request),
        actorOf(request),
        request.body,
        new Date(),
      );
      return reply.status(201).send(signed);
    },
  );

  app.get(
    "/hidden-danger-summaries/export",
    {
      config: { permission: "hidden-danger:read" },
      schema: {
        tags: TAGS,
        summary: "A quarterly or annual summary as XLSX, with the principal person's signature when it has been signed",
        querystring: SummaryExportQuery,
        response: { 200: SummaryWorkbook },
      },
    },
    async (request, reply) => {
      const { file, fileName } = await exportHiddenDangerSummary(
        db,
        app.database.read,
        principalOf(request),
        request.query,
        request.locale,
      );
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(file);
    },
  );
}
