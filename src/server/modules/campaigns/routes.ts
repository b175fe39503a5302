import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { type App, actorOf, principalOf } from "../../types";
import { activateCampaign } from "./activate-campaign";
import { findCampaigns, findReports, visibleCampaign } from "./campaign-queries";
import { closeCampaign } from "./close-campaign";
import { createCampaign } from "./create-campaign";
import { editCampaign } from "./edit-campaign";
import { campaignWorkbook } from "./export-campaign";
import { presentCampaign } from "./present-campaign";
import {
  CampaignDetail,
  CampaignInput,
  CampaignList,
  CampaignListQuery,
  CampaignWorkbook,
  IdParams,
  ReportInput,
  ReportListQuery,
  ReportReceipt,
  StoredReports,
} from "./schema";
import { submitCampaignReport } from "./submit-campaign-report";

/** A campaign as the caller sees it, as of `now`. */
async function findCampaign(db: Kysely<DB>, principal: Principal, id: string, now = new Date()) {
  return presentCampaign(db, await visibleCampaign(db, principal, id), principal, now);
}

/** Special actions (专项行动): drafted and run by a territory, reported on by its participants. */
export async function campaignRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/campaigns",
    {
      config: { permission: ["campaign:manage", "campaign:report"] },
      schema: {
        tags: ["campaigns"],
        summary:
          "Special actions the caller runs (its territory or below) or reports to, newest first, with completion counts",
        querystring: CampaignListQuery,
        response: { 200: CampaignList },
      },
    },
    async (request) => findCampaigns(db, principalOf(request), request.query.status, new Date()),
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
        response: { 201: CampaignDetail },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const id = await createCampaign(db, principal, actorOf(request), request.body);
      return reply.status(201).send(await findCampaign(db, principal, id));
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
        response: { 200: CampaignDetail },
      },
    },
    async (request) => findCampaign(db, principalOf(request), request.params.id),
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
        response: { 200: CampaignDetail },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      await editCampaign(db, principal, actorOf(request), request.params.id, request.body);
      return findCampaign(db, principal, request.params.id);
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
        response: { 200: CampaignDetail },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const now = new Date();
      await activateCampaign(db, principal, actorOf(request), request.params.id, now);
      return findCampaign(db, principal, request.params.id, now);
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
        response: { 200: CampaignDetail },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const now = new Date();
      await closeCampaign(db, principal, actorOf(request), request.params.id, now);
      return findCampaign(db, principal, request.params.id, now);
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
        response: { 201: ReportReceipt },
      },
    },
    async (request, reply) => {
      const receipt = await submitCampaignReport(
        db,
        principalOf(request),
        actorOf(request),
        request.params.id,
        request.body,
        new Date(),
      );
      return reply.status(201).send(receipt);
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
        querystring: ReportListQuery,
        response: { 200: StoredReports },
      },
    },
    async (request) => findReports(db, principalOf(request), request.params.id, request.query),
  );

  app.get(
    "/campaigns/:id/export",
    {
      config: { permission: ["campaign:manage", "campaign:report"] },
      schema: {
        tags: ["campaigns"],
        summary: "A special action's results as XLSX: completion per participant and due date, task totals, reports",
        params: IdParams,
        response: { 200: CampaignWorkbook },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      // The scope check on the primary; the figures, which may lag a moment, from the read side.
      const row = await visibleCampaign(db, principal, request.params.id);
      const detail = await presentCampaign(app.database.read, row, principal, new Date());
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(detail.title)}.xlsx`)
        .send(await campaignWorkbook(detail, request.locale));
    },
  );
}
