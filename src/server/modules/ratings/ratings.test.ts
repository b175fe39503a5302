import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearerFor, createTestContext, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";
import { recomputeDirtyRatings, recomputeRatings } from "./compute-ratings";

describe.each(testDatabaseKinds())("enterprise ratings on $name", (kind) => {
  let context: TestContext;
  let safety: Record<string, string>;
  let enterpriseId: string;

  beforeAll(async () => {
    context = await createTestContext(kind, { enterprises: 20 });
    safety = await bearerFor(context, "chem.safety");
    enterpriseId = (await context.app.inject({ url: "/api/v1/auth/me", headers: safety })).json().user.enterpriseIds[0];
  });
  afterAll(async () => {
    await context?.close();
  });

  it("rates every enterprise with an explanation whose points add up to the score", async () => {
    const result = await recomputeRatings(context.database.db, null, new Date());
    expect(result.rated).toBe(20);
    const rating = (
      await context.app.inject({ url: `/api/v1/enterprises/${enterpriseId}/rating`, headers: safety })
    ).json().rating;
    expect(rating.explanation).toMatch(/^(红色|橙色|黄色|蓝色)/);
    const sum = rating.contributions.reduce((s: number, c: { points: number }) => s + c.points, 0);
    expect(Math.round(sum * 10) / 10).toBe(rating.score);
  });

  it("re-rates an enterprise within the next run when an input changes, and tells its supervisors when the level moves", async () => {
    const before = (
      await context.app.inject({ url: `/api/v1/enterprises/${enterpriseId}/rating`, headers: safety })
    ).json().rating;
    const post = async (url: string, payload: object) =>
      (await context.app.inject({ method: "POST", url: `/api/v1${url}`, headers: safety, payload })).json();
    // Three red risk points and an overdue major hidden danger push a chemical plant up.
    for (const name of ["液氯罐区", "氯化工段", "液氨罐区"]) {
      const point = await post("/risk-points", { ownerId: enterpriseId, kind: "facility", name });
      const withHazard = await post(`/risk-points/${point.id}/hazards`, {
        description: `${name}泄漏`,
        factorCode: "22",
        accidentTypes: ["19"],
      });
      await post(`/hazards/${withHazard.hazards[0].id}/assessments`, { method: "LS", factors: { l: 5, s: 5 } });
    }
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM rating_dirty WHERE enterprise_id = ${enterpriseId}`.execute(context.database.db);
    expect(Number(rows[0].n)).toBe(1);
    const result = await recomputeDirtyRatings(context.database.db, new Date());
    expect(result.rated).toBe(1);
    const after = (
      await context.app.inject({ url: `/api/v1/enterprises/${enterpriseId}/rating`, headers: safety })
    ).json();
    expect(after.rating.score).toBeGreaterThan(before.score + 20);
    expect(after.rating.explanation).toContain("3 个红色风险点");
    expect(after.history.length).toBeGreaterThanOrEqual(2);
    expect(after.rating.level).toBeLessThan(before.level);
    const supervisor = await bearerFor(context, "jiangbei.supervisor");
    const inbox = (await context.app.inject({ url: "/api/v1/notifications?pageSize=50", headers: supervisor })).json()
      .items;
    expect(inbox.map((n: { title: string }) => n.title).join()).toContain("风险等级升高");
    expect((await recomputeDirtyRatings(context.database.db, new Date())).rated).toBe(0);
  });

  it("lists ratings in the caller's scope, highest first, and hides another district's", async () => {
    const list = (
      await context.app.inject({
        url: "/api/v1/ratings?pageSize=100",
        headers: await bearerFor(context, "city.supervisor"),
      })
    ).json();
    expect(list.total).toBe(20);
    const scores = list.items.map((r: { score: number }) => r.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    expect(list.items[0].id).toBe(enterpriseId);
    const other = await bearerFor(context, "housing.dept");
    expect(
      (await context.app.inject({ url: `/api/v1/enterprises/${enterpriseId}/rating`, headers: other })).statusCode,
    ).toBe(404);
  });
});
