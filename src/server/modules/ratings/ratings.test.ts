import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCity,
  createEnterprise,
  createRiskPoint,
  createSupervisor,
  createUser,
  signIn,
  type TestCity,
  type TestEnterprise,
} from "../../testing/factories";
import { createTestContext, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";
import { recomputeDirtyRatings, recomputeRatings } from "./compute-ratings";

describe.each(testDatabaseKinds())("enterprise ratings on $name", (kind) => {
  let context: TestContext;
  let city: TestCity;
  let plant: TestEnterprise;
  let safety: Record<string, string>;
  let enterpriseId: string;
  const as = async (user: { id: string }) => (await signIn(context.app, user)).headers;

  beforeAll(async () => {
    context = await createTestContext(kind, { demoCity: false });
    city = await createCity(context.app, { districts: 2, towns: 1 });
    // A chemical plant in the first district, and a neighbour in each district.
    plant = await createEnterprise(context.app, { territory: city.districts[0].towns[0] });
    for (const district of city.districts) await createEnterprise(context.app, { territory: district.towns[0] });
    safety = await as(plant.safetyManager);
    enterpriseId = plant.id;
  });
  afterAll(async () => {
    await context?.close();
  });

  it("rates every enterprise with an explanation whose points add up to the score", async () => {
    const result = await recomputeRatings(context.database.db, null, new Date());
    expect(result.rated).toBe(3);
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
    const supervisor = await as(await createSupervisor(context.app, city.districts[0]));
    // Three red risk points push a chemical plant up.
    for (const name of ["液氯罐区", "氯化工段", "液氨罐区"]) {
      await createRiskPoint(context.app, plant, { level: 1, kind: "facility", name });
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
    const inbox = (await context.app.inject({ url: "/api/v1/notifications?pageSize=50", headers: supervisor })).json()
      .items;
    expect(inbox.map((n: { title: string }) => n.title).join()).toContain("风险等级升高");
    expect((await recomputeDirtyRatings(context.database.db, new Date())).rated).toBe(0);
  });

  it("lists ratings in the caller's scope, highest first, and hides another district's", async () => {
    const list = (
      await context.app.inject({
        url: "/api/v1/ratings?pageSize=100",
        headers: await as(await createSupervisor(context.app, city)),
      })
    ).json();
    expect(list.total).toBe(3);
    const scores = list.items.map((r: { score: number }) => r.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    expect(list.items[0].id).toBe(enterpriseId);
    // A city department that supervises real estate (GB/T 4754-2017 section K) only.
    const other = await as(await createUser(context.app, { role: "department", territory: city, industries: ["K"] }));
    expect(
      (await context.app.inject({ url: `/api/v1/enterprises/${enterpriseId}/rating`, headers: other })).statusCode,
    ).toBe(404);
  });
});
