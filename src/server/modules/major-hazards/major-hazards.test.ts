import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCity,
  createEnterprise,
  createSupervisor,
  createUser,
  signIn,
  type TestCity,
} from "../../testing/factories";
import { createTestContext, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";

describe.each(testDatabaseKinds())("major hazard sources on $name", (kind) => {
  let context: TestContext;
  let city: TestCity;
  let safety: Record<string, string>;
  let supervisor: Record<string, string>;
  let enterpriseId: string;

  beforeAll(async () => {
    context = await createTestContext(kind, { demoCity: false });
    city = await createCity(context.app);
    const chemicals = await createEnterprise(context.app, { territory: city.districts[0].towns[0] });
    enterpriseId = chemicals.id;
    safety = (await signIn(context.app, chemicals.safetyManager)).headers;
    supervisor = (await signIn(context.app, await createSupervisor(context.app, city.districts[0]))).headers;
  });
  afterAll(async () => {
    await context?.close();
  });

  const inject = (method: string, url: string, headers: Record<string, string>, payload?: object) =>
    context.app.inject({ method: method as "GET", url: `/api/v1${url}`, headers, payload });

  it("files a major hazard source, and the emergency management department accepts it read-only", async () => {
    const unit = await inject("POST", "/major-hazard-units", safety, {
      enterpriseId,
      name: "液氯储罐区",
      unitKind: "storage",
      exposedPopulation: 120,
      substances: [
        { cas: "7782-50-5", quantityTonnes: 30 },
        { cas: "7664-41-7", quantityTonnes: 100 },
      ],
    });
    expect(unit.statusCode, unit.body).toBe(201);
    expect(unit.json().result).toMatchObject({ isMajorHazard: true, level: 2, tableVersion: "GB 18218-2018" });
    const filing = await inject("POST", `/major-hazard-units/${unit.json().id}/filings`, safety, {
      safetyMeasures: "双回路电源，紧急切断阀，气体检测报警仪联锁",
      emergencyMeasures: "碱液喷淋吸收，疏散下风向 500 米内人员",
    });
    expect(filing.statusCode, filing.body).toBe(201);
    const queue = (await inject("GET", "/major-hazard-filings?status=submitted", supervisor)).json().items;
    expect(queue.map((f: { id: string }) => f.id)).toContain(filing.json().id);
    const returned = await inject("POST", `/major-hazard-filings/${filing.json().id}/decision`, supervisor, {
      decision: "return",
    });
    expect(returned.statusCode).toBe(400);
    const accepted = await inject("POST", `/major-hazard-filings/${filing.json().id}/decision`, supervisor, {
      decision: "accept",
    });
    expect(accepted.json().status).toBe("accepted");
    const again = await inject("POST", `/major-hazard-filings/${filing.json().id}/decision`, supervisor, {
      decision: "return",
      reason: "x",
    });
    expect(again.statusCode).toBe(409);
    expect(
      (await inject("POST", `/major-hazard-filings/${filing.json().id}/decision`, safety, { decision: "accept" }))
        .statusCode,
    ).toBe(403);
  });

  it("decides a filing once when two decisions arrive at the same moment", async () => {
    const unit = await inject("POST", "/major-hazard-units", safety, {
      enterpriseId,
      name: "液氨储罐区",
      unitKind: "storage",
      exposedPopulation: 30,
      substances: [{ cas: "7664-41-7", quantityTonnes: 200 }],
    });
    expect(unit.statusCode, unit.body).toBe(201);
    const filing = await inject("POST", `/major-hazard-units/${unit.json().id}/filings`, safety, {
      safetyMeasures: "液位高高报警与进料切断联锁",
      emergencyMeasures: "水幕稀释，疏散下风向人员",
    });
    expect(filing.statusCode, filing.body).toBe(201);
    const citySupervisor = (await signIn(context.app, await createSupervisor(context.app, city))).headers;
    // On PostgreSQL the two requests really race; PGlite runs one transaction at a time, so there they queue.
    const [accept, giveBack] = await Promise.all([
      inject("POST", `/major-hazard-filings/${filing.json().id}/decision`, supervisor, { decision: "accept" }),
      inject("POST", `/major-hazard-filings/${filing.json().id}/decision`, citySupervisor, {
        decision: "return",
        reason: "资料不全",
      }),
    ]);
    expect([accept.statusCode, giveBack.statusCode].sort()).toEqual([200, 409]);
    const winner = accept.statusCode === 200 ? "accepted" : "returned";
    const stored = await context.database.db
      .selectFrom("major_hazard_filing")
      .select("status")
      .where("id", "=", filing.json().id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe(winner);
    const decisions = await context.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", filing.json().id)
      .where("action", "in", ["accept", "return"])
      .execute();
    expect(decisions).toHaveLength(1);
  });

  it("keeps a unit's old result with the table version it used when an administrator adds a substance", async () => {
    const admin = (await signIn(context.app, await createUser(context.app, { role: "admin" }))).headers;
    const before = (await inject("GET", "/major-hazard-units", safety)).json().items[0];
    const added = await inject("POST", "/reference/gb18218/substances", admin, {
      cas: "7440-37-1",
      nameZh: "示例新增物质",
      nameEn: "Example added substance",
      thresholdTonnes: 50,
      hazardClass: "W2",
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().version).not.toBe("GB 18218-2018");
    const after = (await inject("GET", `/major-hazard-units/${before.id}`, safety)).json();
    expect(after.result.tableVersion).toBe("GB 18218-2018");
    const table = (await inject("GET", "/reference/gb18218", safety)).json();
    expect(table.version).toBe(added.json().version);
  });
});
