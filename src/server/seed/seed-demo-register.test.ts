import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearerFor, createTestContext, type TestContext } from "../testing/test-app";
import { testDatabaseKinds } from "../testing/test-database";
import { type SeedDemoRegisterResult, seedDemoRegister } from "./seed-demo-register";

describe.each(testDatabaseKinds())("the demo risk registers on $name", (kind) => {
  let context: TestContext;
  let seeded: SeedDemoRegisterResult;

  beforeAll(async () => {
    context = await createTestContext(kind, { enterprises: 200 });
    seeded = await seedDemoRegister(context.database);
  });
  afterAll(async () => {
    await context?.close();
  });

  it("gives every operating enterprise whose staff have no demo account a register, and every town public-area risk points", async () => {
    const { db } = context.database;
    const operating = await db
      .selectFrom("enterprise")
      .select(sql<number>`count(*)`.as("n"))
      .where("status", "=", "operating")
      .where(
        "id",
        "not in",
        db
          .selectFrom("user_enterprise")
          .innerJoin("app_user", "app_user.id", "user_enterprise.user_id")
          .select("enterprise_id")
          .where("app_user.role", "in", ["enterprise_principal", "safety_manager", "employee"]),
      )
      .executeTakeFirstOrThrow();
    expect(seeded.enterprises).toBe(Number(operating.n));
    const withPoints = await db
      .selectFrom("risk_point")
      .select(sql<number>`count(DISTINCT owner_id)`.as("n"))
      .where("owner_kind", "=", "enterprise")
      .executeTakeFirstOrThrow();
    expect(Number(withPoints.n)).toBe(seeded.enterprises);
    const towns = await db
      .selectFrom("territory")
      .select(sql<number>`count(*)`.as("n"))
      .where("level", "=", "town")
      .executeTakeFirstOrThrow();
    const publicOwners = await db
      .selectFrom("risk_point")
      .select(sql<number>`count(DISTINCT owner_id)`.as("n"))
      .where("owner_kind", "=", "territory")
      .executeTakeFirstOrThrow();
    expect(Number(publicOwners.n)).toBe(Number(towns.n));
  });

  it("leaves the register of the demo accounts' own enterprises empty, for the enterprise demo", async () => {
    const safety = await bearerFor(context, "chem.safety");
    const me = (await context.app.inject({ url: "/api/v1/auth/me", headers: safety })).json();
    const own = await context.database.db
      .selectFrom("risk_point")
      .select("id")
      .where("owner_id", "=", me.user.enterpriseIds[0])
      .execute();
    expect(own).toEqual([]);
  });

  it("grades every risk point from its assessed hazards, with coordinates, control level and measures", async () => {
    const points = await context.database.db
      .selectFrom("risk_point")
      .select(["id", "owner_id", "level", "lng", "lat", "control_level"])
      .execute();
    expect(points.length).toBe(seeded.riskPoints + seeded.publicRiskPoints);
    for (const point of points) {
      expect(point.level).not.toBeNull();
      expect(point.lng).not.toBeNull();
      expect(point.control_level).not.toBeNull();
    }
    const levels = new Set(points.map((point) => point.level));
    expect([...levels].sort()).toEqual([1, 2, 3, 4]);
    const unmeasured = await context.database.db
      .selectFrom("risk_point")
      .select("id")
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("control_measure")
              .select("id")
              .whereRef("control_measure.risk_point_id", "=", "risk_point.id")
              .whereRef("control_measure.owner_id", "=", "risk_point.owner_id"),
          ),
        ),
      )
      .execute();
    expect(unmeasured).toEqual([]);
    const assessments = await context.database.db
      .selectFrom("hazard_assessment")
      .select(["assessor_name", "assessor_organisation_id", "method"])
      .execute();
    expect(assessments.every((a) => a.method === "LEC" && a.assessor_organisation_id !== null)).toBe(true);
  });

  it("identifies the chlorine tank farms as GB 18218 major hazard sources", async () => {
    const units = await context.database.db
      .selectFrom("major_hazard_unit")
      .select(["is_major", "level", "r"])
      .execute();
    expect(units.length).toBe(seeded.majorHazardUnits);
    expect(units.length).toBeGreaterThan(0);
    for (const unit of units) {
      expect(unit.is_major).toBe(true);
      expect(unit.level).toBeGreaterThanOrEqual(1);
    }
  });

  it("rates every enterprise at once, and the city has red and orange enterprises whose explanations say why", async () => {
    const { db } = context.database;
    const total = await db.selectFrom("enterprise").select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
    const ratings = await db.selectFrom("enterprise_rating").select(["level", "explanation_zh"]).execute();
    expect(ratings.length).toBe(Number(total.n));
    const red = ratings.filter((rating) => rating.level === 1);
    expect(red.length).toBeGreaterThan(0);
    expect(red.length).toBeLessThan(ratings.length / 5);
    expect(ratings.some((rating) => rating.level === 2)).toBe(true);
    for (const rating of red) expect(rating.explanation_zh).toMatch(/^红色/);
    // The README states these figures for the 200-enterprise demo city.
    const byLevel = [1, 2, 3, 4].map((level) => ratings.filter((rating) => rating.level === level).length);
    expect(byLevel).toEqual([2, 7, 18, 173]);
  });
});
