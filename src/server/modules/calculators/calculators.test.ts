import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn } from "../../testing/factories";
import { createTestContext, errorOf, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";

describe.each(testDatabaseKinds())("calculators on $name", (kind) => {
  let context: TestContext;
  let integrator: Record<string, string>;

  beforeAll(async () => {
    context = await createTestContext(kind, { demoCity: false });
    integrator = (await signIn(context.app, await createUser(context.app, { role: "integrator" }))).headers;
  });
  afterAll(async () => {
    await context?.close();
  });

  const inject = (method: string, url: string, headers: Record<string, string>, payload?: object) =>
    context.app.inject({ method: method as "GET", url: `/api/v1${url}`, headers, payload });

  it("answers the risk calculator for integrations, and rejects inputs off the scale", async () => {
    const ok = await inject("POST", "/calculators/risk", integrator, { method: "LS", factors: { l: 5, s: 4 } });
    expect(ok.json()).toMatchObject({ score: 20, level: 1, colour: "red" });
    const bad = await inject("POST", "/calculators/risk", integrator, { method: "MES", factors: { m: 2, e: 6, s: 8 } });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details).toEqual([{ field: "factors.m", message: expect.stringContaining("5、3、1") }]);
  });

  it("computes the GB 18218 worked example through the calculator", async () => {
    const response = await inject("POST", "/calculators/major-hazard", integrator, {
      substances: [
        { cas: "7782-50-5", quantityTonnes: 30 },
        { name: "氨", quantityTonnes: 100 },
      ],
      exposedPopulation: 120,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ s: 16, isMajorHazard: true, alpha: 2, r: 88, level: 2 });
    expect(response.json().terms).toHaveLength(2);
    const bad = await inject("POST", "/calculators/major-hazard", integrator, {
      substances: [
        { name: "神秘物质", quantityTonnes: 5 },
        { cas: "7782-50-5", quantityTonnes: -1 },
      ],
      exposedPopulation: 0,
    });
    expect(bad.statusCode).toBe(400);
    expect((errorOf(bad).details as { field: string }[]).map((d) => d.field)).toEqual([
      "substances[0].name",
      "substances[1].quantityTonnes",
    ]);
  });
});
