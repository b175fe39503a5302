import { type App, actorOf, principalOf } from "../../types";
import { planFileName, planWorkbook } from "./export-plan";
import { findFrequencySettings } from "./frequency-store";
import { generateEnforcementPlan } from "./generate-plan";
import { findInspection, findInspectionDetail, findInspections, findInspectors } from "./inspection-queries";
import { findDepartments, findPlan, findPlans } from "./plan-queries";
import { recordInspection } from "./record-inspection";
import {
  Departments,
  FrequencyBody,
  FrequencyQuery,
  FrequencySettings,
  GeneratePlanBody,
  IdParams,
  Inspection,
  InspectionDetail,
  InspectionListQuery,
  InspectionPage,
  Inspectors,
  PlanDetail,
  PlanListQuery,
  PlanPage,
  PlanWorkbook,
  RecordInspectionBody,
  StoredFrequencies,
} from "./schema";
import { setFrequency } from "./set-frequency";
import { planTerritory, supervisingDepartment } from "./supervision-access";

/** Classified supervision: inspection frequencies, enforcement plans and enforcement inspection records. */
export async function supervisionRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/supervision/frequency",
    {
      config: { permission: "supervision:read" },
      schema: {
        tags: ["supervision"],
        summary:
          "Enforcement inspection frequencies by rating level: the shipped and installation defaults, the departments' and territories' own, and the configuration in force for a department in a territory",
        querystring: FrequencyQuery,
        response: { 200: FrequencySettings },
      },
    },
    async (request) => findFrequencySettings(db, principalOf(request), request.query),
  );

  app.put(
    "/supervision/frequency",
    {
      config: { permission: "supervision:manage" },
      schema: {
        tags: ["supervision"],
        summary:
          "Set a department's and/or a territory's inspection frequencies (levels left out fall through; none removes the setting); with neither, the installation-wide default (administrators only)",
        body: FrequencyBody,
        response: { 200: StoredFrequencies },
      },
    },
    async (request) => ({ items: await setFrequency(db, principalOf(request), actorOf(request), request.body) }),
  );

  app.get(
    "/supervision/departments",
    {
      config: { permission: "supervision:read" },
      schema: {
        tags: ["supervision"],
        summary: "Supervising departments the caller may plan for: its own, or those of its territory subtree",
        response: { 200: Departments },
      },
    },
    async (request) => ({ items: await findDepartments(db, principalOf(request)) }),
  );

  app.post(
    "/supervision/plans",
    {
      config: { permission: "supervision:manage" },
      schema: {
        tags: ["supervision"],
        summary:
          "Generate a department's annual or monthly enforcement plan from the current ratings, with the published seed; the same period and seed give the same selection (regenerated in place until an inspection is recorded)",
        body: GeneratePlanBody,
        response: { 201: PlanDetail },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { body } = request;
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
      return reply.status(201).send(await findPlan(db, principal, id, request.locale));
    },
  );

  app.get(
    "/supervision/plans",
    {
      config: { permission: "supervision:read" },
      schema: {
        tags: ["supervision"],
        summary: "Enforcement plans in the caller's scope with their completion, newest period first",
        querystring: PlanListQuery,
        response: { 200: PlanPage },
      },
    },
    async (request) => findPlans(db, principalOf(request), request.query),
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
        response: { 200: PlanDetail },
      },
    },
    async (request) => findPlan(db, principalOf(request), request.params.id, request.locale),
  );

  app.get(
    "/supervision/plans/:id/export",
    {
      config: { permission: "supervision:read" },
      schema: {
        tags: ["supervision"],
        summary: "The plan as XLSX: header with the published seed, one row per enterprise with its key check contents",
        params: IdParams,
        response: { 200: PlanWorkbook },
      },
    },
    async (request, reply) => {
      const plan = await findPlan(db, principalOf(request), request.params.id, request.locale);
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(planFileName(plan))}.xlsx`)
        .send(await planWorkbook(plan, request.locale));
    },
  );

  app.get(
    "/supervision/inspectors",
    {
      config: { permission: "supervision:manage" },
      schema: {
        tags: ["supervision"],
        summary: "Government officers of the caller's territory subtree who can be named as inspectors",
        response: { 200: Inspectors },
      },
    },
    async (request) => ({ items: await findInspectors(db, principalOf(request)) }),
  );

  app.post(
    "/supervision/inspections",
    {
      config: { permission: "supervision:manage" },
      schema: {
        tags: ["supervision"],
        summary:
          "Record an enforcement inspection: inspectors, items checked, findings, hidden dangers ordered (they enter the hidden-danger life cycle with source government), rectification deadline, penalties, violations and a re-check date",
        body: RecordInspectionBody,
        response: { 201: Inspection },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const id = await recordInspection(db, principal, actorOf(request), request.body);
      return reply.status(201).send(await findInspection(db, principal, id));
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
        querystring: InspectionListQuery,
        response: { 200: InspectionPage },
      },
    },
    async (request) => findInspections(db, principalOf(request), request.query),
  );

  app.get(
    "/supervision/inspections/:id",
    {
      config: { permission: "supervision:read" },
      schema: {
        tags: ["supervision"],
        summary: "An enforcement inspection with the hidden dangers it ordered and its re-checks",
        params: IdParams,
        response: { 200: InspectionDetail },
      },
    },
    async (request) => findInspectionDetail(db, principalOf(request), request.params.id),
  );
}
