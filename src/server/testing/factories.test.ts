import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCity,
  createDevice,
  createEnterprise,
  createHiddenDanger,
  createRiskPoint,
  createSupervisor,
  signIn,
  type TestCity,
  type TestEnterprise,
} from "./factories";
import { createTestContext, signIn as signInWithPassword, type TestContext } from "./test-app";
import { testDatabaseKinds } from "./test-database";

describe.each(testDatabaseKinds())("the test factories on $name", (kind) => {
  let context: TestContext;
  let city: TestCity;
  let north: TestEnterprise;
  let south: TestEnterprise;

  beforeAll(async () => {
    context = await createTestContext(kind, { demoCity: false });
    city = await createCity(context.app);
    north = await createEnterprise(context.app, { territory: city.districts[0].towns[0] });
    south = await createEnterprise(context.app, { territory: city.districts[1].towns[1], industryCode: "47" });
  });
  afterAll(async () => {
    await context?.close();
  });

  it("builds a city of two districts with two towns each, without the demo city but with the reference data", async () => {
    const { db } = context.database;
    const territories = await db.selectFrom("territory").select(["code", "level", "path"]).orderBy("path").execute();
    expect(territories.map((t) => t.code)).toEqual([
      "9701",
      "970101",
      "970101001",
      "970101002",
      "970102",
      "970102001",
      "970102002",
    ]);
    expect(city.districts[1].towns[0].path).toBe("/9701/970102/970102001/");
    const demoUsers = await db.selectFrom("app_user").select("id").where("username", "=", "admin").execute();
    expect(demoUsers).toEqual([]);
    const industries = await db
      .selectFrom("reference_item")
      .select(sql<number>`count(*)`.as("n"))
      .where("kind", "=", "industry")
      .executeTakeFirstOrThrow();
    expect(Number(industries.n)).toBeGreaterThan(0);
  });

  it("registers an enterprise in its town with a principal, a safety manager and an employee acting for it", async () => {
    const { db } = context.database;
    const row = await db
      .selectFrom("enterprise")
      .select(["territory_path", "industry_code", "industry_section", "uscc"])
      .where("id", "=", south.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      territory_path: "/9701/970102/970102002/",
      industry_code: "47",
      industry_section: "E",
      uscc: south.uscc,
    });
    const staff = await db
      .selectFrom("user_enterprise")
      .innerJoin("app_user", "app_user.id", "user_enterprise.user_id")
      .select(["app_user.role", "app_user.territory_id"])
      .where("enterprise_id", "=", south.id)
      .orderBy("app_user.role")
      .execute();
    expect(staff).toEqual([
      { role: "employee", territory_id: null },
      { role: "enterprise_principal", territory_id: null },
      { role: "safety_manager", territory_id: null },
    ]);
    const audited = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", "enterprise")
      .where("entity_id", "=", south.id)
      .execute();
    expect(audited).toEqual([{ action: "create" }]);
  });

  it("signs a factory user in with a token, and with the shared test password", async () => {
    const me = await context.app.inject({
      url: "/api/v1/auth/me",
      headers: (await signIn(context.app, north.employee)).headers,
    });
    expect(me.json().user).toMatchObject({ id: north.employee.id, role: "employee", enterpriseIds: [north.id] });
    const session = await signInWithPassword(context.app, north.principal.username, "Test-pass-2026");
    expect(session.userId).toBe(north.principal.id);
  });

  it("keeps a district supervisor to the district: the other district's enterprise is not found", async () => {
    const first = await signIn(context.app, await createSupervisor(context.app, city.districts[0]));
    const own = await context.app.inject({ url: `/api/v1/enterprises/${north.id}`, headers: first.headers });
    expect(own.statusCode).toBe(200);
    const other = await context.app.inject({ url: `/api/v1/enterprises/${south.id}`, headers: first.headers });
    expect(other.statusCode).toBe(404);
    const listed = await context.app.inject({ url: "/api/v1/enterprises", headers: first.headers });
    expect(listed.json().items.map((e: { id: string }) => e.id)).toEqual([north.id]);
    const citywide = await signIn(context.app, await createSupervisor(context.app, city));
    const all = await context.app.inject({ url: "/api/v1/enterprises", headers: citywide.headers });
    expect(
      all
        .json()
        .items.map((e: { id: string }) => e.id)
        .sort(),
    ).toEqual([north.id, south.id].sort());
  });

  it("makes a risk point graded by its assessment, and a device on it", async () => {
    const point = await createRiskPoint(context.app, north, { level: 2 });
    const { db } = context.database;
    const row = await db
      .selectFrom("risk_point")
      .select(["owner_id", "level"])
      .where("id", "=", point.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ owner_id: north.id, level: 2 });
    const device = await createDevice(context.app, north, { riskPointId: point.id });
    const stored = await db
      .selectFrom("device")
      .select(["enterprise_id", "risk_point_id", "code"])
      .where("id", "=", device.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ enterprise_id: north.id, risk_point_id: point.id, code: device.code });
    expect(device.credential).toBeTruthy();
  });

  it("brings hidden dangers to each state through the life cycle's steps", async () => {
    const { db } = context.database;
    const states = ["reported", "dismissed", "confirmed", "rectifying", "awaiting_verification", "closed"] as const;
    for (const status of states) {
      const danger = await createHiddenDanger(context.app, north, { status });
      const row = await db
        .selectFrom("hidden_danger")
        .select(["status", "enterprise_id"])
        .where("id", "=", danger.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status, enterprise_id: north.id });
    }
    const major = await createHiddenDanger(context.app, south, { status: "closed", level: "major" });
    expect(major).toMatchObject({ status: "closed", level: "major" });
    const steps = await db
      .selectFrom("hidden_danger_event")
      .select("action")
      .where("hidden_danger_id", "=", major.id)
      .orderBy("at")
      .execute();
    expect(steps.map((s) => s.action)).toEqual([
      "report",
      "confirm",
      "start_rectification",
      "submit_rectification",
      "verify_pass",
    ]);
  });
});
