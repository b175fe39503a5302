import { text } from "../../../domain/text";
import { notFound } from "../../errors";
import { IdParams } from "../../http/schemas";
import { type App, actorOf, principalOf } from "../../types";
import { visibleEnterprise } from "../hidden-dangers/hidden-danger-access";
import { addChecklistItems } from "./add-checklist-items";
import { completeInspectionTask } from "./complete-inspection-task";
import { generateChecklist } from "./generate-checklist";
import { findChecklistItems, findInspectionTask, findInspectionTasks, findTaskItems } from "./inspection-queries";
import { presentChecklistItem, presentInspectionTask, presentTaskItem } from "./present-inspection-task";
import { recordCheck } from "./record-check";
import {
  CheckBody,
  ChecklistGenerated,
  ChecklistItemList,
  ChecklistItemsBody,
  ChecklistItemsCreated,
  ChecklistItemsQuery,
  CheckRecorded,
  GenerateChecklistBody,
  InspectionTask,
  InspectionTaskDetail,
  InspectionTaskList,
  TaskItemParams,
  TaskListQuery,
} from "./schema";

const TAGS = ["inspections"];

export async function inspectionRoutes(app: App) {
  const { db } = app.database;

  app.post(
    "/checklists/generate",
    {
      config: { permission: "hidden-danger:manage" },
      schema: {
        tags: TAGS,
        summary:
          "Build (or refresh) the enterprise's checklist from its control measures: each measure's check content and frequency becomes a check item",
        body: GenerateChecklistBody,
        response: { 200: ChecklistGenerated },
      },
    },
    async (request) =>
      generateChecklist(db, principalOf(request), actorOf(request), request.body.enterpriseId, request.log),
  );

  app.post(
    "/checklist-items",
    {
      config: { permission: "hidden-danger:manage" },
      schema: {
        tags: TAGS,
        summary:
          "Add custom check items, or the items of an inspection template (daily, weekly, monthly, seasonal, holiday, special, comprehensive)",
        body: ChecklistItemsBody,
        response: { 201: ChecklistItemsCreated },
      },
    },
    async (request, reply) => {
      const created = await addChecklistItems(
        db,
        principalOf(request),
        actorOf(request),
        request.body,
        request.locale,
        request.log,
      );
      return reply.status(201).send({ created });
    },
  );

  app.get(
    "/checklist-items",
    {
      config: { permission: "hidden-danger:read" },
      schema: {
        tags: TAGS,
        summary: "An enterprise's check items",
        querystring: ChecklistItemsQuery,
        response: { 200: ChecklistItemList },
      },
    },
    async (request) => {
      const { enterpriseId } = request.query;
      if (!(await visibleEnterprise(db, principalOf(request), enterpriseId))) {
        throw notFound(text("该企业", "The enterprise"));
      }
      return { items: (await findChecklistItems(db, enterpriseId)).map(presentChecklistItem) };
    },
  );

  app.get(
    "/inspection-tasks",
    {
      config: { permission: "hidden-danger:read" },
      schema: {
        tags: TAGS,
        summary: "Inspection tasks (open, done, missed) in the caller's scope",
        querystring: TaskListQuery,
        response: { 200: InspectionTaskList },
      },
    },
    async (request) => ({
      items: (await findInspectionTasks(db, principalOf(request).scope, request.query)).map(presentInspectionTask),
    }),
  );

  app.get(
    "/inspection-tasks/:id",
    {
      config: { permission: "hidden-danger:read" },
      schema: {
        tags: TAGS,
        summary: "One task with its check items and results",
        params: IdParams,
        response: { 200: InspectionTaskDetail },
      },
    },
    async (request) => {
      const task = await findInspectionTask(db, principalOf(request).scope, request.params.id);
      return { ...presentInspectionTask(task), items: (await findTaskItems(db, task)).map(presentTaskItem) };
    },
  );

  app.put(
    "/inspection-tasks/:id/items/:itemId",
    {
      config: { permission: "hidden-danger:report" },
      schema: {
        tags: TAGS,
        summary:
          "Record one check: pass, fail or not applicable, with note, photos and the device's location; a failure opens a hidden danger",
        params: TaskItemParams,
        body: CheckBody,
        response: { 200: CheckRecorded },
      },
    },
    async (request) =>
      recordCheck(
        db,
        principalOf(request),
        actorOf(request),
        { taskId: request.params.id, itemId: request.params.itemId },
        request.body,
      ),
  );

  app.post(
    "/inspection-tasks/:id/complete",
    {
      config: { permission: "hidden-danger:report" },
      schema: {
        tags: TAGS,
        summary: "Complete a task once every item has a result",
        params: IdParams,
        response: { 200: InspectionTask },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      await completeInspectionTask(db, principal, actorOf(request), request.params.id);
      return presentInspectionTask(await findInspectionTask(db, principal.scope, request.params.id));
    },
  );
}
