import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeUsccCheckCharacter } from "../../../domain/enterprise/uscc";
import { createCity, createEnterprise, createSupervisor, signIn, type TestDistrict } from "../../testing/factories";
import { createTestContext, errorOf, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";
import { generateInspectionTasks } from "../inspections/inspection-jobs";
import { recomputeRatings } from "../ratings/compute-ratings";

function uscc(serial: number): string {
  const first17 = `91990101MA${String(serial).padStart(7, "1")}`;
  return first17 + computeUsccCheckCharacter(first17);
}

describe.each(testDatabaseKinds())("closing an enterprise on $name", (kind) => {
  let context: TestContext;
  let as: Record<string, Record<string, string>>;
  let district: TestDistrict;
  let townId: string;
  let chemicalId: string;

  const inject = (user: string, method: "GET" | "POST" | "DELETE", url: string, payload?: object) =>
    context.app.inject({ method, url: `/api/v1${url}`, headers: as[user], ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    context = await createTestContext(kind, { demoCity: false });
    const { app } = context;
    district = (await createCity(app)).districts[0];
    townId = district.towns[0].id;
    const chemical = await createEnterprise(app, { territory: district.towns[0] });
    chemicalId = chemical.id;
    as = {
      supervisor: (await signIn(app, await createSupervisor(app, district))).headers,
      safety: (await signIn(app, chemical.safetyManager)).headers,
    };
  });
  afterAll(async () => {
    await context?.close();
  });

  async function register(serial: number, name: string) {
    const response = await inject("supervisor", "POST", "/enterprises", {
      name,
      uscc: uscc(serial),
      industryCode: "26",
      scale: "small",
      territoryId: townId,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; hasHistory: boolean };
  }

  it("refuses to delete an enterprise that has history, with a 409 that says to close it instead", async () => {
    const enterprise = await register(1, "有隐患记录的公司");
    expect(enterprise.hasHistory).toBe(false);
    const reported = await inject("supervisor", "POST", "/hidden-dangers", {
      enterpriseId: enterprise.id,
      description: "执法检查发现消防通道堵塞",
    });
    expect(reported.statusCode, reported.body).toBe(201);

    const refused = await inject("supervisor", "DELETE", `/enterprises/${enterprise.id}`);
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).message).toContain("1 条隐患");
    expect(errorOf(refused).message).toContain("关闭企业");
    expect(errorOf(refused).details).toEqual({ history: [{ kind: "hiddenDangers", count: 1 }] });
    const detail = (await inject("supervisor", "GET", `/enterprises/${enterprise.id}`)).json();
    expect(detail.hasHistory).toBe(true);
    const danger = await inject("supervisor", "GET", `/hidden-dangers/${reported.json().id}`);
    expect(danger.statusCode).toBe(200);
  });

  it("still deletes an enterprise registered by mistake that has no history", async () => {
    const enterprise = await register(2, "误登记无记录公司");
    expect((await inject("supervisor", "DELETE", `/enterprises/${enterprise.id}`)).statusCode).toBe(204);
  });

  it("closes an enterprise with its reason and keeps its history; lists leave it out unless asked for closed ones", async () => {
    const enterprise = await register(3, "拟关闭化工有限公司");
    const reported = await inject("supervisor", "POST", "/hidden-dangers", {
      enterpriseId: enterprise.id,
      description: "储罐区防火堤破损",
    });
    const noReason = await inject("supervisor", "POST", `/enterprises/${enterprise.id}/close`, {});
    expect(noReason.statusCode).toBe(400);
    const closed = await inject("supervisor", "POST", `/enterprises/${enterprise.id}/close`, {
      reason: "已于 2026 年 3 月注销",
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      status: "closed",
      closedReason: "已于 2026 年 3 月注销",
      closedAt: expect.any(String),
      hasHistory: true,
    });
    expect((await inject("supervisor", "GET", `/hidden-dangers/${reported.json().id}`)).statusCode).toBe(200);

    const search = encodeURIComponent("拟关闭化工");
    const everyday = (await inject("supervisor", "GET", `/enterprises?q=${search}`)).json();
    expect(everyday.total).toBe(0);
    const closedOnes = (await inject("supervisor", "GET", `/enterprises?q=${search}&status=closed`)).json();
    expect(closedOnes.items.map((e: { id: string }) => e.id)).toEqual([enterprise.id]);

    const again = await inject("supervisor", "POST", `/enterprises/${enterprise.id}/close`, {
      reason: "重复关闭",
    });
    expect(again.statusCode).toBe(409);
    const audit = (await inject("supervisor", "GET", `/audit?entityId=${enterprise.id}`)).json();
    expect(audit.items[0]).toMatchObject({ action: "close", after: { reason: "已于 2026 年 3 月注销" } });
  });

  it("refuses closing by the enterprise's own staff: closing is the supervising government's decision", async () => {
    expect(
      (await inject("safety", "POST", `/enterprises/${chemicalId}/close`, { reason: "自行关闭" })).statusCode,
    ).toBe(403);
  });

  it("gives a closed enterprise no new inspection tasks", async () => {
    const items = await inject("safety", "POST", "/checklist-items", {
      enterpriseId: chemicalId,
      templateKind: "daily",
    });
    expect(items.statusCode, items.body).toBe(201);
    const tasksOf = async () =>
      (
        await context.database.db
          .selectFrom("inspection_task")
          .select("id")
          .where("enterprise_id", "=", chemicalId)
          .execute()
      ).length;
    const later = new Date(Date.now() + 3 * 86_400_000);
    const closed = await inject("supervisor", "POST", `/enterprises/${chemicalId}/close`, {
      reason: "搬迁出本市",
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const before = await tasksOf();
    expect(before).toBeGreaterThan(0);
    await generateInspectionTasks(context.database.db, later);
    expect(await tasksOf()).toBe(before);
  });

  it("leaves a closed enterprise out of enforcement plans", async () => {
    const { db } = context.database;
    await recomputeRatings(db, null, new Date());
    const department = await db
      .insertInto("organisation")
      .values({ kind: "emergency_management", name: "测试区应急管理局", territory_id: district.id, industries: [] })
      .returning("id")
      .executeTakeFirstOrThrow();
    const red = await register(4, "红色风险拟关闭公司");
    await recomputeRatings(db, [red.id], new Date());
    await db
      .updateTable("enterprise_rating")
      .set({ level: 1, score: 80 })
      .where("enterprise_id", "=", red.id)
      .execute();
    const plan = async () => {
      const response = await inject("supervisor", "POST", "/supervision/plans", {
        department: department.id,
        year: 2030,
        month: 5,
      });
      expect(response.statusCode, response.body).toBe(201);
      return (response.json().items as { enterpriseId: string }[]).map((item) => item.enterpriseId);
    };
    expect(await plan()).toContain(red.id);
    await inject("supervisor", "POST", `/enterprises/${red.id}/close`, { reason: "停产关闭" });
    expect(await plan()).not.toContain(red.id);
  });
});
