import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCity, createEnterprise, createSupervisor, signIn, type TestCity } from "../../testing/factories";
import { createTestContext, errorOf, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";
import { generateInspectionTasks, markMissedTasks } from "./inspection-jobs";

describe.each(testDatabaseKinds())("inspections on $name", (kind) => {
  let context: TestContext;
  let city: TestCity;
  let safety: Record<string, string>;
  let worker: Record<string, string>;
  let enterpriseId: string;

  beforeAll(async () => {
    context = await createTestContext(kind, { demoCity: false });
    city = await createCity(context.app);
    const enterprise = await createEnterprise(context.app, { territory: city.districts[0].towns[0] });
    safety = (await signIn(context.app, enterprise.safetyManager)).headers;
    worker = (await signIn(context.app, enterprise.employee)).headers;
    enterpriseId = enterprise.id;
    const post = async (url: string, payload: object) => {
      const response = await context.app.inject({ method: "POST", url: `/api/v1${url}`, headers: safety, payload });
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    };
    const point = await post("/risk-points", {
      ownerId: enterpriseId,
      kind: "facility",
      name: "液氯储罐",
      controlLevel: "team",
    });
    await post(`/risk-points/${point.id}/measures`, {
      kind: "engineering",
      content: "紧急切断阀",
      checkContent: "切断阀开关灵活、无泄漏",
      checkFrequency: "shift",
    });
    await post(`/risk-points/${point.id}/measures`, {
      kind: "management",
      content: "巡检制度",
      checkContent: "巡检记录完整",
      checkFrequency: "daily",
    });
  });
  afterAll(async () => {
    await context?.close();
  });

  it("builds the checklist from the control measures, and rebuilding changes nothing", async () => {
    const first = await context.app.inject({
      method: "POST",
      url: "/api/v1/checklists/generate",
      headers: safety,
      payload: { enterpriseId },
    });
    expect(first.json()).toEqual({ measures: 2, created: 2, updated: 0 });
    const again = await context.app.inject({
      method: "POST",
      url: "/api/v1/checklists/generate",
      headers: safety,
      payload: { enterpriseId },
    });
    expect(again.json()).toEqual({ measures: 2, created: 0, updated: 0 });
    const template = await context.app.inject({
      method: "POST",
      url: "/api/v1/checklist-items",
      headers: safety,
      payload: { enterpriseId, templateKind: "weekly" },
    });
    expect(template.json().created).toBe(2);
    const items = (
      await context.app.inject({ url: `/api/v1/checklist-items?enterpriseId=${enterpriseId}`, headers: worker })
    ).json().items;
    expect(items.map((i: { content: string }) => i.content)).toContain("液氯储罐：切断阀开关灵活、无泄漏");
    const refused = await context.app.inject({
      method: "POST",
      url: "/api/v1/checklists/generate",
      headers: worker,
      payload: { enterpriseId },
    });
    expect(refused.statusCode).toBe(403);
  });

  it("creates tasks per shift and per day ahead of time, idempotently, and marks unfinished ones missed", async () => {
    const now = new Date("2026-06-01T01:30:00Z"); // 09:30 in China: inside the 08:00–16:00 shift
    const created = await generateInspectionTasks(context.database.db, now);
    expect(created).toBeGreaterThan(0);
    expect(await generateInspectionTasks(context.database.db, now)).toBe(0);
    const tasks = (
      await context.app.inject({
        url: `/api/v1/inspection-tasks?enterpriseId=${enterpriseId}&status=open`,
        headers: worker,
      })
    ).json().items;
    const frequencies = new Set(tasks.map((t: { frequency: string }) => t.frequency));
    expect(frequencies).toEqual(new Set(["shift", "daily", "weekly"]));
    const shiftTask = tasks.find((t: { frequency: string }) => t.frequency === "shift");
    expect(shiftTask).toMatchObject({ dueAt: "2026-06-01T08:00:00.000Z", itemCount: 1 });
    expect(await markMissedTasks(context.database.db, new Date("2026-06-01T08:00:01Z"))).toBeGreaterThanOrEqual(1);
    const missed = (
      await context.app.inject({ url: `/api/v1/inspection-tasks/${shiftTask.id}`, headers: worker })
    ).json();
    expect(missed.status).toBe("missed");
    const late = await context.app.inject({
      method: "PUT",
      url: `/api/v1/inspection-tasks/${shiftTask.id}/items/${missed.items[0].checklistItemId}`,
      headers: worker,
      payload: { outcome: "pass" },
    });
    expect(late.statusCode).toBe(409);
    const notices = (await context.app.inject({ url: "/api/v1/notifications", headers: safety })).json().items;
    expect(notices.map((n: { title: string }) => n.title)).toContain("检查任务未完成：班次检查");
  });

  it("records each check with note and location, opens a hidden danger for a failure, and completes the task", async () => {
    await generateInspectionTasks(context.database.db, new Date());
    const tasks = (
      await context.app.inject({
        url: `/api/v1/inspection-tasks?enterpriseId=${enterpriseId}&status=open`,
        headers: worker,
      })
    ).json().items;
    const task = (await context.app.inject({ url: `/api/v1/inspection-tasks/${tasks[0].id}`, headers: worker })).json();
    const early = await context.app.inject({
      method: "POST",
      url: `/api/v1/inspection-tasks/${task.id}/complete`,
      headers: worker,
    });
    expect(errorOf(early).message).toMatch(/未检查/);
    const [failed, ...rest] = task.items;
    const fail = await context.app.inject({
      method: "PUT",
      url: `/api/v1/inspection-tasks/${task.id}/items/${failed.checklistItemId}`,
      headers: worker,
      payload: { outcome: "fail", note: "发现渗漏", lng: 118.71, lat: 32.1 },
    });
    expect(fail.statusCode, fail.body).toBe(200);
    const dangerId = fail.json().hiddenDangerId;
    expect(dangerId).toBeTruthy();
    const danger = (await context.app.inject({ url: `/api/v1/hidden-dangers/${dangerId}`, headers: safety })).json();
    expect(danger).toMatchObject({
      source: "inspection",
      status: "reported",
      description: `${failed.content}：发现渗漏`,
    });
    for (const item of rest) {
      await context.app.inject({
        method: "PUT",
        url: `/api/v1/inspection-tasks/${task.id}/items/${item.checklistItemId}`,
        headers: worker,
        payload: { outcome: "pass" },
      });
    }
    const done = await context.app.inject({
      method: "POST",
      url: `/api/v1/inspection-tasks/${task.id}/complete`,
      headers: worker,
    });
    expect(done.json()).toMatchObject({ status: "done", doneCount: task.items.length });
  });

  it("refuses an inspector who is not one of the enterprise's active people, naming the field", async () => {
    const supervisorId = (await createSupervisor(context.app, city.districts[0])).id;
    const workerId = (await context.app.inject({ url: "/api/v1/auth/me", headers: worker })).json().user.id;
    const item = (inspectorUserId: string) =>
      context.app.inject({
        method: "POST",
        url: "/api/v1/checklist-items",
        headers: safety,
        payload: { enterpriseId, content: "叉车日检", checkFrequency: "daily", inspectorUserId },
      });
    for (const stranger of [supervisorId, "00000000-0000-4000-8000-000000000002"]) {
      const refused = await item(stranger);
      expect(refused.statusCode).toBe(400);
      expect(errorOf(refused).details).toEqual([
        { field: "inspectorUserId", message: expect.stringContaining("inspectorUserId") },
      ]);
    }
    expect((await item(workerId)).statusCode).toBe(201);
  });

  it("refuses a check's photo that was not uploaded to the enterprise, naming the field", async () => {
    await generateInspectionTasks(context.database.db, new Date());
    const tasks = (
      await context.app.inject({
        url: `/api/v1/inspection-tasks?enterpriseId=${enterpriseId}&status=open`,
        headers: worker,
      })
    ).json().items;
    const task = (await context.app.inject({ url: `/api/v1/inspection-tasks/${tasks[0].id}`, headers: worker })).json();
    const refused = await context.app.inject({
      method: "PUT",
      url: `/api/v1/inspection-tasks/${task.id}/items/${task.items[0].checklistItemId}`,
      headers: worker,
      payload: { outcome: "fail", note: "照片不是本企业的", photoIds: ["00000000-0000-4000-8000-000000000003"] },
    });
    expect(refused.statusCode).toBe(400);
    expect((errorOf(refused).details as { field: string }[])[0].field).toBe("photoIds");
  });
});
