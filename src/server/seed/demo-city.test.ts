import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoCityCode } from "../../domain/demo";
import { bearerFor, createTestContext, signIn, type TestContext } from "../testing/test-app";
import { testDatabaseKinds } from "../testing/test-database";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./seed-demo";
import { type SeedDemoRegisterResult, seedDemoRegister } from "./seed-demo-register";

/** The README's "Demo accounts" section, whitespace folded: the figures it states are what these tests pin. */
const README = readFileSync(join(import.meta.dirname, "../../../README.md"), "utf8");
const DEMO_SECTION = README.slice(README.indexOf("## Demo accounts"), README.indexOf("## Configuration"));
const PROSE = DEMO_SECTION.replace(/\s+/g, " ");

function stated(pattern: RegExp): number[] {
  const found = PROSE.match(pattern);
  if (!found) throw new Error(`the README's demo section no longer says ${pattern}`);
  return found.slice(1).map(Number);
}

const [cityCode, districts, towns, grids, enterprises] = stated(
  /code (\d+)\) with (\d+) districts, (\d+) towns and streets, (\d+) grids and (\d+) enterprises/,
);
const ratingLevels = stated(/the city has (\d+) red, (\d+) orange, (\d+) yellow and (\d+) blue enterprises/);
/** The account table's rows: username, role, scope. */
const accountRows = [...DEMO_SECTION.matchAll(/^\| `([a-z.]+)` +\| ([^|]+?) +\| ([^|]+?) +\|$/gm)].map((row) => ({
  username: row[1],
  role: row[2],
  scope: row[3],
}));

describe.each(testDatabaseKinds())("the demo city and its risk registers on $name", (kind) => {
  let context: TestContext;
  let seeded: SeedDemoRegisterResult;

  beforeAll(async () => {
    context = await createTestContext(kind, { enterprises });
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
    // The README states these figures for the demo city.
    const byLevel = [1, 2, 3, 4].map((level) => ratings.filter((rating) => rating.level === level).length);
    expect(byLevel).toEqual(ratingLevels);
  });

  it("has the city, districts, towns, grids and enterprises the README states", async () => {
    const { db } = context.database;
    expect(String(cityCode)).toBe(demoCityCode);
    const byLevel = await db
      .selectFrom("territory")
      .select(["level", sql<number>`count(*)`.as("n")])
      .groupBy("level")
      .execute();
    const count = (level: string) => Number(byLevel.find((row) => row.level === level)?.n ?? 0);
    expect([count("city"), count("district"), count("town"), count("grid")]).toEqual([1, districts, towns, grids]);
    const city = await db
      .selectFrom("territory")
      .select("code")
      .where("parent_id", "is", null)
      .executeTakeFirstOrThrow();
    expect(city.code).toBe(String(cityCode));
    const total = await db.selectFrom("enterprise").select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(enterprises);
  });

  it("has exactly the README's demo accounts, each signing in with the published password", async () => {
    expect(accountRows.map((row) => row.username)).toEqual(DEMO_ACCOUNTS.map((account) => account.username));
    expect(PROSE).toContain(`use the password \`${DEMO_PASSWORD}\``);
    for (const row of accountRows) {
      const signedIn = await signIn(context.app, row.username, DEMO_PASSWORD);
      expect(signedIn.userId, row.username).toBeTruthy();
    }
  });

  it("gives each demo account the scope the README's table states", async () => {
    const { db } = context.database;
    const users = await db
      .selectFrom("app_user")
      .leftJoin("territory", "territory.id", "app_user.territory_id")
      .select(["app_user.id", "username", "role", "industries", "territory.level", "territory.name", "territory.path"])
      .execute();
    const user = (username: string) => users.find((row) => row.username === username)!;
    const links = await db
      .selectFrom("user_enterprise")
      .innerJoin("enterprise", "enterprise.id", "user_enterprise.enterprise_id")
      .select(["user_id", "enterprise_id", "industry_code", "territory_path"])
      .execute();
    const plantsOf = (username: string) => links.filter((link) => link.user_id === user(username).id);
    const scopes = Object.fromEntries(accountRows.map((row) => [row.username, row.scope]));

    expect(user("admin")).toMatchObject({ role: "admin", level: null });
    expect(scopes.admin).toBe("the whole installation");
    for (const cityWide of ["city.supervisor", "housing.dept", "integrator"]) {
      expect(user(cityWide).level, cityWide).toBe("city");
      expect(scopes[cityWide]).toMatch(/^the city/);
    }
    expect(user("housing.dept").industries).toEqual(["E"]);
    expect(scopes["housing.dept"]).toContain("(section E)");
    const jiangbei = user("jiangbei.supervisor");
    expect(jiangbei).toMatchObject({ level: "district", name: "江北区" });
    expect(scopes["jiangbei.supervisor"]).toContain("江北区");
    const town = user("town.supervisor");
    expect(town).toMatchObject({ level: "town", name: "沿江街道" });
    expect(town.path!.startsWith(jiangbei.path!)).toBe(true);

    const [plant] = plantsOf("chem.principal");
    expect(plant.industry_code).toBe("26");
    expect(plant.territory_path.startsWith(jiangbei.path!)).toBe(true);
    for (const staff of ["chem.principal", "chem.safety", "chem.worker"]) {
      expect(
        plantsOf(staff).map((link) => link.enterprise_id),
        staff,
      ).toEqual([plant.enterprise_id]);
    }
    const [insured] = stated(/\| `insurer` +\| insurer +\| (\d+) insured chemical plants/);
    expect(scopes.expert).toBe(`the same ${insured} plants, entrusted`);
    expect(plantsOf("insurer")).toHaveLength(insured);
    expect(
      plantsOf("expert")
        .map((link) => link.enterprise_id)
        .sort(),
    ).toEqual(
      plantsOf("insurer")
        .map((link) => link.enterprise_id)
        .sort(),
    );
    for (const link of plantsOf("insurer")) {
      expect(link.industry_code).toBe("26");
      expect(link.territory_path.startsWith(jiangbei.path!)).toBe(true);
    }
  });

  it("gives the demo plant the three monitoring devices the simulation feeds", async () => {
    expect(README).toContain("feed the demo plant's three monitoring devices");
    const safety = await bearerFor(context, "chem.safety");
    const me = (await context.app.inject({ url: "/api/v1/auth/me", headers: safety })).json();
    const devices = await context.database.db
      .selectFrom("device")
      .select(["enterprise_id", "code"])
      .orderBy("code")
      .execute();
    expect(devices).toEqual(
      ["DEMO-GAS-1", "DEMO-O2-1", "DEMO-TOX-1"].map((code) => ({ enterprise_id: me.user.enterpriseIds[0], code })),
    );
  });
});
