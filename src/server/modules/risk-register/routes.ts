import type { FastifyReply, FastifySchema } from "fastify";
import type { Permission } from "../../../domain/access/roles";
import { type LocalisedText, notFound } from "../../errors";
import { readUploadedTable } from "../../exchange/table-file";
import { IdParams, NoContent } from "../../http/schemas";
import { type App, actorOf, principalOf } from "../../types";
import { addControlMeasure } from "./add-control-measure";
import { addHazard } from "./add-hazard";
import { addRiskPoint } from "./add-risk-point";
import { assessHazard } from "./assess-hazard";
import { buildRegisterTemplate } from "./build-register-template";
import { changeControlMeasure } from "./change-control-measure";
import { changeHazard } from "./change-hazard";
import { changeRiskPoint } from "./change-risk-point";
import { countRiskPoints } from "./count-risk-points";
import { exportControlList } from "./export-control-list";
import { importRegister } from "./import-register";
import { buildControlListPdf } from "./pdf/control-list-pdf";
import { buildNoticeCardPdf } from "./pdf/notice-card-pdf";
import { presentPublicCard } from "./present-public-card";
import { presentMeasure } from "./present-risk-point";
import { type RiskPointRef, resolveOwner, riskPointFor } from "./register-owner";
import { removeControlMeasure } from "./remove-control-measure";
import { removeHazard } from "./remove-hazard";
import { removeRiskPoint } from "./remove-risk-point";
import { riskMethods } from "./risk-bands";
import { findAssessmentHistory, findRiskPoints, loadRiskPoint, loadRiskPointByToken } from "./risk-point-queries";
import {
  AssessmentBody,
  AssessmentHistory,
  BandsBody,
  CardQuery,
  ControlListPdf,
  ControlListQuery,
  ControlListXlsx,
  HazardBody,
  HazardPatchBody,
  Measure,
  MeasureBody,
  MeasurePatchBody,
  MethodParams,
  NoticeCardPdf,
  OwnerQuery,
  PublicRiskCard,
  RegisterImportSummary,
  RegisterTemplateXlsx,
  RiskBands,
  RiskMethods,
  RiskPoint,
  RiskPointCreateBody,
  RiskPointList,
  RiskPointListQuery,
  RiskPointPatchBody,
  RiskStats,
  TokenParams,
} from "./schema";
import { setRiskBands } from "./set-risk-bands";

// Enterprise registers are edited with risk:write, public-area ones with risk:public-write; resolveOwner tells which applies.
const EDIT_REGISTER: Permission[] = ["risk:write", "risk:public-write"];
const THE_CARD: LocalisedText = { "zh-CN": "该风险告知卡", en: "The risk notice card" };
const TAGS = ["risk register"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A route's permission and schema; its operation is listed under the register in the OpenAPI document. */
function route<S extends FastifySchema>(permission: Permission | Permission[], schema: S & { summary: string }) {
  return { config: { permission }, schema: { tags: TAGS, ...schema } };
}

/** Sends a generated file; `inline` opens it in the browser (ready to print) instead of saving it. */
function sendFile(reply: FastifyReply, file: Buffer, type: string, name: string, inline = false) {
  return reply
    .header("content-type", type)
    .header("content-disposition", `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(file);
}

export async function riskRegisterRoutes(app: App) {
  const { db, read } = app.database;
  /** The risk point as the API shows it, after a change to it or to one of its hazards. */
  const riskPoint = async (changed: RiskPointRef) => (await loadRiskPoint(db, changed.ownerId, changed.riskPointId))!;

  app.get(
    "/risk-points",
    route("risk:read", {
      summary: "Risk points in the caller's scope (an enterprise's register, or public-area points)",
      querystring: RiskPointListQuery,
      response: { 200: RiskPointList },
    }),
    async (request) => findRiskPoints(db, principalOf(request), request.query),
  );

  app.get(
    "/risk-control-list",
    route("risk:read", {
      summary: "An enterprise's risk classification control list as XLSX, filterable by level and unit",
      querystring: ControlListQuery,
      response: { 200: ControlListXlsx },
    }),
    async (request, reply) => {
      const owner = await resolveOwner(db, principalOf(request), request.query.ownerId, "read");
      const file = await exportControlList(db, owner, request.query, request.locale);
      const name = request.locale === "en" ? "risk-control-list" : "风险分级管控清单";
      return sendFile(reply, file, XLSX, `${owner.name}-${name}.xlsx`);
    },
  );

  app.get(
    "/risk-control-list.pdf",
    route("risk:read", {
      summary: "An enterprise's risk classification control list as a printable landscape A4 PDF",
      querystring: ControlListQuery,
      response: { 200: ControlListPdf },
    }),
    async (request, reply) => {
      const owner = await resolveOwner(db, principalOf(request), request.query.ownerId, "read");
      const file = await buildControlListPdf(read, owner, request.query, { locale: request.locale });
      const name = request.locale === "en" ? "risk-control-list" : "风险分级管控清单";
      return sendFile(reply, file, "application/pdf", `${owner.name}-${name}.pdf`);
    },
  );

  app.get(
    "/risk-import-template",
    route("risk:read", {
      summary: "Download the XLSX template for importing risk points and hazards",
      response: { 200: RegisterTemplateXlsx },
    }),
    async (request, reply) => {
      const name = request.locale === "en" ? "risk-register-import-template" : "风险清单导入模板";
      return sendFile(reply, await buildRegisterTemplate(request.locale), XLSX, `${name}.xlsx`);
    },
  );

  app.post(
    "/risk-points/import",
    route(EDIT_REGISTER, {
      summary: "Import risk points and hazards (with optional assessments) from XLSX or CSV: all rows or none",
      querystring: OwnerQuery,
      consumes: ["multipart/form-data"],
      response: { 200: RegisterImportSummary },
    }),
    async (request) => {
      const principal = principalOf(request);
      const owner = await resolveOwner(db, principal, request.query.ownerId, "write");
      const rows = await readUploadedTable(request);
      return importRegister(db, principal, actorOf(request), owner, rows);
    },
  );

  app.get(
    "/risk-stats",
    route("risk:read", {
      summary: "Risk points of one register by colour, by unit and by accident type (for the charts)",
      querystring: OwnerQuery,
      response: { 200: RiskStats },
    }),
    async (request) => {
      const owner = await resolveOwner(read, principalOf(request), request.query.ownerId, "read");
      return countRiskPoints(read, owner.id);
    },
  );

  app.post(
    "/risk-points",
    route(EDIT_REGISTER, {
      summary: "Add a risk point to a register",
      body: RiskPointCreateBody,
      response: { 201: RiskPoint },
    }),
    async (request, reply) => {
      const created = await addRiskPoint(db, principalOf(request), actorOf(request), request.body);
      return reply.status(201).send(await riskPoint(created));
    },
  );

  app.get(
    "/risk-points/:id",
    route("risk:read", {
      summary: "A risk point with hazards, assessments and measures",
      params: IdParams,
      response: { 200: RiskPoint },
    }),
    async (request) => {
      const { point } = await riskPointFor(db, principalOf(request), request.params.id, "read");
      return riskPoint({ ownerId: point.owner_id, riskPointId: point.id });
    },
  );

  app.patch(
    "/risk-points/:id",
    route(EDIT_REGISTER, {
      summary: "Change a risk point, its control level or responsible person",
      params: IdParams,
      body: RiskPointPatchBody,
      response: { 200: RiskPoint },
    }),
    async (request) =>
      riskPoint(await changeRiskPoint(db, principalOf(request), actorOf(request), request.params.id, request.body)),
  );

  app.delete(
    "/risk-points/:id",
    route(EDIT_REGISTER, {
      summary: "Remove a risk point with its hazards and measures",
      params: IdParams,
      response: { 204: NoContent },
    }),
    async (request, reply) => {
      await removeRiskPoint(db, principalOf(request), actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    "/risk-points/:id/card.pdf",
    route("risk:read", {
      summary: "A risk point's notice card (岗位/场所安全风险告知卡) as a printable A4 or A5 PDF with a QR code",
      params: IdParams,
      querystring: CardQuery,
      response: { 200: NoticeCardPdf },
    }),
    async (request, reply) => {
      const { point } = await riskPointFor(db, principalOf(request), request.params.id, "read");
      const { size } = request.query;
      const cardUrl = `${request.protocol}://${request.host}/card/${point.public_token}`;
      const file = await buildNoticeCardPdf(read, { ownerId: point.owner_id, id: point.id }, { size, cardUrl });
      const name = `${point.name}-${request.locale === "en" ? "risk-notice-card" : "风险告知卡"}-${size}`;
      return sendFile(reply, file, "application/pdf", `${name}.pdf`, true);
    },
  );

  app.get(
    "/public/risk-cards/:token",
    {
      config: { public: true },
      schema: {
        tags: TAGS,
        summary: "The public, read-only risk notice card that a posted card's QR code opens (no sign-in)",
        params: TokenParams,
        response: { 200: PublicRiskCard },
      },
    },
    async (request) => {
      const point = await loadRiskPointByToken(db, request.params.token);
      if (!point) throw notFound(THE_CARD);
      return presentPublicCard(point);
    },
  );

  app.post(
    "/risk-points/:id/hazards",
    route(EDIT_REGISTER, {
      summary: "Identify a hazard at a risk point",
      params: IdParams,
      body: HazardBody,
      response: { 201: RiskPoint },
    }),
    async (request, reply) => {
      const changed = await addHazard(db, principalOf(request), actorOf(request), request.params.id, request.body);
      return reply.status(201).send(await riskPoint(changed));
    },
  );

  app.patch(
    "/hazards/:id",
    route(EDIT_REGISTER, {
      summary: "Change a hazard's description, factor or accident types",
      params: IdParams,
      body: HazardPatchBody,
      response: { 200: RiskPoint },
    }),
    async (request) =>
      riskPoint(await changeHazard(db, principalOf(request), actorOf(request), request.params.id, request.body)),
  );

  app.delete(
    "/hazards/:id",
    route(EDIT_REGISTER, {
      summary: "Remove a hazard and its assessments",
      params: IdParams,
      response: { 200: RiskPoint },
    }),
    async (request) => riskPoint(await removeHazard(db, principalOf(request), actorOf(request), request.params.id)),
  );

  app.post(
    "/hazards/:id/assessments",
    route(EDIT_REGISTER, {
      summary: "Assess (or reassess) a hazard with LS, LEC or MES; earlier assessments are kept",
      params: IdParams,
      body: AssessmentBody,
      response: { 201: RiskPoint },
    }),
    async (request, reply) => {
      const changed = await assessHazard(db, principalOf(request), actorOf(request), request.params.id, request.body);
      return reply.status(201).send(await riskPoint(changed));
    },
  );

  app.get(
    "/hazards/:id/assessments",
    route("risk:read", {
      summary: "Assessment history of a hazard: who, when, method, factors, result",
      params: IdParams,
      response: { 200: AssessmentHistory },
    }),
    async (request) => findAssessmentHistory(db, principalOf(request), request.params.id),
  );

  app.post(
    "/risk-points/:id/measures",
    route(EDIT_REGISTER, {
      summary: "Add a control measure (with what to check and how often)",
      params: IdParams,
      body: MeasureBody,
      response: { 201: Measure },
    }),
    async (request, reply) => {
      const principal = principalOf(request);
      const measure = await addControlMeasure(db, principal, actorOf(request), request.params.id, request.body);
      return reply.status(201).send(presentMeasure(measure));
    },
  );

  app.patch(
    "/measures/:id",
    route(EDIT_REGISTER, {
      summary: "Change a control measure",
      params: IdParams,
      body: MeasurePatchBody,
      response: { 200: Measure },
    }),
    async (request) =>
      presentMeasure(
        await changeControlMeasure(db, principalOf(request), actorOf(request), request.params.id, request.body),
      ),
  );

  app.delete(
    "/measures/:id",
    route(EDIT_REGISTER, { summary: "Remove a control measure", params: IdParams, response: { 204: NoContent } }),
    async (request, reply) => {
      await removeControlMeasure(db, principalOf(request), actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    "/risk-methods",
    route("calculator:use", {
      summary: "The three assessment methods: scales with the meaning of each value, and the current bands",
      response: { 200: RiskMethods },
    }),
    async () => riskMethods(db),
  );

  app.put(
    "/risk-methods/:method/bands",
    route("risk-settings:write", {
      summary: "Set new bands for a method; existing assessments keep the bands they were made with",
      params: MethodParams,
      body: BandsBody,
      response: { 200: RiskBands },
    }),
    async (request) => setRiskBands(db, principalOf(request), actorOf(request), request.params.method, request.body),
  );
}
