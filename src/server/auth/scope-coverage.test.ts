import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app";
import type { DB } from "../db/schema";
import { generateInspectionTasks } from "../modules/inspections/inspection-jobs";
import {
  createCity,
  createDevice,
  createEnterprise,
  createRiskPoint,
  createSupervisor,
  createUser,
  signIn,
  type TestUser,
} from "../testing/factories";
import { ScopeAnalysis, type ScopeCaller, ScopeRecorder, type UnscopedRead } from "../testing/scope-coverage";
import { TEST_CONFIG } from "../testing/test-app";
import { type TestDatabase, testDatabaseKinds } from "../testing/test-database";
import { uploadPhoto } from "../testing/uploads";
import type { Scope } from "./principal";
import { enterpriseInScope } from "./scope";

/**
 * The compiler checks that a scope filter is given the tables it filters; this
 * test checks that every read of enterprise-owned rows has one at all. It walks
 * every GET route as a district's supervisor, a department kept to one
 * industry and an enterprise's safety manager, with real ids of one district's
 * records, and reads each SQL statement the route sends (see
 * src/server/testing/scope-coverage.ts for what counts as restricted).
 */

/** A GET route's path parameters and query, from the ids of the records made below. */
type Probe = { params?: Record<string, string>; query?: Record<string, string>; skip?: string };

interface Ids {
  districtId: string;
  enterpriseId: string;
  userId: string;
  riskPointId: string;
  hazardId: string;
  attachmentId: string;
  hiddenDangerId: string;
  taskId: string;
  deviceId: string;
  unitId: string;
  campaignId: string;
  planId: string;
  inspectionId: string;
}

function probes(ids: Ids): Record<string, Probe> {
  const enterprise = { id: ids.enterpriseId };
  return {
    "GET /api/v1/territories/:id": { params: { id: ids.districtId } },
    "GET /api/v1/enterprises": { query: { q: "测试" } },
    "GET /api/v1/enterprises/:id": { params: enterprise },
    "GET /api/v1/enterprises/:id/staff": { params: enterprise },
    "GET /api/v1/enterprises/:id/rating": { params: enterprise },
    "GET /api/v1/users/:id/tokens": { params: { id: ids.userId } },
    "GET /api/v1/audit": { query: { entityId: ids.enterpriseId } },
    "GET /api/v1/reference/:kind": { params: { kind: "industry" } },
    "GET /api/v1/attachments/:id": { params: { id: ids.attachmentId } },
    "GET /api/v1/risk-points/:id": { params: { id: ids.riskPointId } },
    "GET /api/v1/risk-points/:id/card.pdf": { params: { id: ids.riskPointId } },
    "GET /api/v1/risk-control-list": { query: { ownerId: ids.enterpriseId } },
    "GET /api/v1/risk-control-list.pdf": { query: { ownerId: ids.enterpriseId } },
    "GET /api/v1/risk-stats": { query: { ownerId: ids.enterpriseId } },
    "GET /api/v1/hazards/:id/assessments": { params: { id: ids.hazardId } },
    "GET /api/v1/public/risk-cards/:token": {
      skip: "public by design: a posted card is read by its unguessable token, by anyone, with no caller to scope",
    },
    "GET /api/v1/major-hazard-units/:id": { params: { id: ids.unitId } },
    "GET /api/v1/hidden-dangers/:id": { params: { id: ids.hiddenDangerId } },
    "GET /api/v1/checklist-items": { query: { enterpriseId: ids.enterpriseId } },
    "GET /api/v1/inspection-tasks/:id": { params: { id: ids.taskId } },
    "GET /api/v1/hidden-danger-summaries": { query: { enterpriseId: ids.enterpriseId } },
    "GET /api/v1/hidden-danger-summaries/export": { query: { enterpriseId: ids.enterpriseId, period: "2025" } },
    "GET /api/v1/devices/:id/readings": { params: { id: ids.deviceId } },
    "GET /api/v1/devices/:id/rules": { params: { id: ids.deviceId } },
    "GET /api/v1/ingest/dead-letters": { query: { enterpriseId: ids.enterpriseId } },
    "GET /api/v1/alarms/stream": { skip: "an endless event stream; it reads through the same query as GET /alarms" },
    "GET /api/v1/regions/levels": { query: { parentId: ids.districtId } },
    "GET /api/v1/map/features": { query: { bbox: "-180,-90,180,90", zoom: "14" } },
    "GET /api/v1/map/features/:layer/:id": { params: { layer: "enterprises", id: ids.enterpriseId } },
    "GET /api/v1/map/territories": { query: { parentId: ids.districtId } },
    "GET /api/v1/campaigns/:id": { params: { id: ids.campaignId } },
    "GET /api/v1/campaigns/:id/reports": { params: { id: ids.campaignId } },
    "GET /api/v1/campaigns/:id/export": { params: { id: ids.campaignId } },
    "GET /api/v1/supervision/plans/:id": { params: { id: ids.planId } },
    "GET /api/v1/supervision/plans/:id/export": { params: { id: ids.planId } },
    "GET /api/v1/supervision/inspections/:id": { params: { id: ids.inspectionId } },
    "GET /api/v1/cockpit": { query: { territoryId: ids.districtId } },
    "GET /api/v1/cockpit/export.xlsx": { query: { territoryId: ids.districtId } },
    "GET /api/v1/cockpit/export.pdf": { query: { territoryId: ids.districtId } },
  };
}

function describeReads(reads: UnscopedRead[]): string[] {
  return reads.map((read) => `${read.tables.join(", ")}: ${read.sql} ${JSON.stringify(read.parameters)}`);
}

describe.each(testDatabaseKinds())("scope filters on $name", (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let recorder: ScopeRecorder;
  let ownedTables: string[];
  let ids: Ids;
  let callers: Record<"supervisor" | "department" | "safety", TestUser>;

  beforeAll(async () => {
    database = await kind.open();
    const { db } = database;
    // Enterprise-owned: a table with the enterprise's id, or a register keyed by its owner (an enterprise or a place).
    const { rows } = await sql<{ table_name: string }>`
      SELECT DISTINCT table_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_name IN ('enterprise_id', 'owner_id')`.execute(db);
    ownedTables = ["enterprise", ...rows.map((row) => row.table_name)].sort();
    recorder = new ScopeRecorder(new Set(ownedTables));
    // Both pools go through the recorder: the map, cockpit, statistics and exports read on the read-side one.
    const recorded = db.withPlugin(recorder);
    const read = database.read === db ? recorded : database.read.withPlugin(recorder);
    app = await buildApp({
      config: TEST_CONFIG,
      database: { ...database, db: recorded, read },
      logger: false,
      webRoot: "/nonexistent",
    });
    await app.ready();

    // A city of two districts; in the first, a chemical plant with its records, as its people and the
    // district's supervisor make them, and a construction firm; in the second, another plant.
    const city = await createCity(app);
    const district = city.districts[0];
    const plant = await createEnterprise(app, { territory: district.towns[0] });
    await createEnterprise(app, { territory: district.towns[1], industryCode: "47" });
    await createEnterprise(app, { territory: city.districts[1].towns[0] });
    const enterpriseId = plant.id;
    const supervisorUser = await createSupervisor(app, district);
    // A city department kept to GB/T 4754-2017 section E (construction).
    const housing = await db
      .insertInto("organisation")
      .values({ kind: "industry_department", name: "测试市住建局", territory_id: city.id, industries: ["E"] })
      .returning("id")
      .executeTakeFirstOrThrow();
    callers = {
      supervisor: supervisorUser,
      department: await createUser(app, {
        role: "department",
        territory: city,
        industries: ["E"],
        organisationId: housing.id,
      }),
      safety: plant.safetyManager,
    };
    const ownStaff = (await signIn(app, plant.safetyManager)).headers;
    const supervisor = (await signIn(app, supervisorUser)).headers;
    const post = async (headers: Record<string, string>, url: string, payload: object, status = 201) => {
      const response = await app.inject({ method: "POST", url: `/api/v1${url}`, headers, payload });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(status);
      return response.json();
    };
    const riskPoint = await createRiskPoint(app, plant);
    await post(ownStaff, `/risk-points/${riskPoint.id}/measures`, {
      kind: "engineering",
      content: "紧急切断阀",
      checkFrequency: "daily",
    });
    const device = await createDevice(app, plant);
    const unit = await post(ownStaff, "/major-hazard-units", {
      enterpriseId,
      name: "罐区",
      unitKind: "storage",
      exposedPopulation: 10,
      substances: [{ cas: "7782-50-5", quantityTonnes: 30 }],
    });
    const attachmentId = await uploadPhoto(app, ownStaff, enterpriseId);
    await post(ownStaff, "/checklists/generate", { enterpriseId }, 200);
    await generateInspectionTasks(db, new Date());
    const hiddenDanger = await post(supervisor, "/hidden-dangers", { enterpriseId, description: "罐区阀门渗漏" });
    const campaign = await post(supervisor, "/campaigns", {
      title: "燃气专项整治",
      scopeTerritoryIds: [district.id],
      startDate: "2026-11-01",
      endDate: "2026-12-31",
      schedule: { kind: "monthly", day: 20 },
      tasks: [{ title: "排查燃气企业", kind: "inspection" }],
    });
    await post(supervisor, `/campaigns/${campaign.id}/activate`, {}, 200);
    const department = await db
      .insertInto("organisation")
      .values({ kind: "emergency_management", name: "测试区应急管理局", territory_id: district.id, industries: [] })
      .returning("id")
      .executeTakeFirstOrThrow();
    const plan = await post(supervisor, "/supervision/plans", { department: department.id, year: 2026, month: 1 });
    const inspection = await post(supervisor, "/supervision/inspections", {
      enterpriseId,
      inspectedOn: "2026-01-04",
      inspectorIds: [supervisorUser.id],
      itemsChecked: [{ content: "液氯罐区管控措施", result: "problem" }],
      violations: 1,
    });
    const task = await db
      .selectFrom("inspection_task")
      .select("id")
      .where("enterprise_id", "=", enterpriseId)
      .executeTakeFirstOrThrow();
    ids = {
      districtId: district.id,
      enterpriseId,
      userId: plant.safetyManager.id,
      riskPointId: riskPoint.id,
      hazardId: riskPoint.hazardId,
      attachmentId,
      hiddenDangerId: hiddenDanger.id,
      taskId: task.id,
      deviceId: device.id,
      unitId: unit.id,
      campaignId: campaign.id,
      planId: plan.id,
      inspectionId: inspection.id,
    };
  });

  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  it("finds the enterprise-owned tables in the database catalogue", () => {
    expect(ownedTables).toEqual(
      expect.arrayContaining(["enterprise", "hidden_danger", "risk_point", "device", "alarm", "user_enterprise"]),
    );
  });

  it("has the ids every GET route with parameters needs", () => {
    const known = probes(ids);
    const missing = app.routeCatalogue
      .filter((route) => route.method === "GET" && route.url.startsWith("/api/v1/") && route.url.includes(":"))
      .map((route) => `${route.method} ${route.url}`)
      .filter((key) => !(key in known));
    expect(missing, "add a probe for each new route to this test").toEqual([]);
  });

  for (const who of [
    { name: "a district's supervisor", caller: "supervisor" },
    { name: "a department kept to one industry", caller: "department" },
    { name: "an enterprise's safety manager", caller: "safety" },
  ] as const) {
    it(`restricts every read of enterprise-owned rows to the scope of ${who.name}`, async () => {
      const { db } = database;
      const user = await db
        .selectFrom("app_user")
        .leftJoin("territory", "territory.id", "app_user.territory_id")
        .select(["app_user.id", "app_user.industries", "territory.path"])
        .where("app_user.id", "=", callers[who.caller].id)
        .executeTakeFirstOrThrow();
      const links = await db
        .selectFrom("user_enterprise")
        .select("enterprise_id")
        .where("user_id", "=", user.id)
        .execute();
      const caller: ScopeCaller = {
        path: user.path,
        industries: user.industries,
        proven: [user.id, ...links.map((link) => link.enterprise_id)],
      };
      const { headers } = await signIn(app, callers[who.caller]);
      const known = probes(ids);
      const failures: string[] = [];
      let checked = 0;
      let answered = 0;
      for (const route of app.routeCatalogue.filter((r) => r.method === "GET" && r.url.startsWith("/api/v1/"))) {
        const key = `${route.method} ${route.url}`;
        const probe = known[key] ?? {};
        if (probe.skip) continue;
        const url = route.url.replace(/:(\w+)/g, (_m, name: string) => probe.params?.[name] ?? "missing");
        const search = probe.query ? `?${new URLSearchParams(probe.query)}` : "";
        let status = 0;
        const walked = await recorder.during(caller, async () => {
          status = (await app.inject({ method: "GET", url: `${url}${search}`, headers })).statusCode;
          return status;
        });
        checked += walked.checked;
        if (status === 200) answered++;
        // A wrong probe would stop the route before its queries: only success, refusal or not found count.
        if (![200, 403, 404].includes(status)) failures.push(`${key}: answered ${status}; fix its probe`);
        for (const read of describeReads(walked.unscoped)) failures.push(`${key} reads ${read}`);
      }
      expect(failures).toEqual([]);
      // Not a vacuous pass: most routes answered with data, and every request's statements were read.
      expect(answered).toBeGreaterThan(30);
      expect(checked).toBeGreaterThan(4 * answered);
    });
  }
});

describe("the scope analysis", () => {
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (inner) => new PostgresIntrospector(inner),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const owned = new Set(["enterprise", "hidden_danger", "user_enterprise"]);
  const district: Scope = { kind: "territory", path: "/99/9901/990101/", industries: [] };
  const department: Scope = { kind: "territory", path: "/99/", industries: ["E"] };
  const read = (scope: Scope, node: { toOperationNode(): unknown }, proven: string[] = []) =>
    new ScopeAnalysis(
      owned,
      {
        path: scope.kind === "territory" ? scope.path : null,
        industries: scope.kind === "territory" ? scope.industries : [],
        proven,
      },
      new Set(proven),
    ).unscopedTables(node.toOperationNode() as never);
  const ownId = "0b9e7c1e-52b4-4c5a-9d0e-9b6b8a3f0c11";

  it("flags a read of an enterprise-owned table that nothing restricts", () => {
    expect(read(district, db.selectFrom("hidden_danger").selectAll().where("id", "=", ownId))).toEqual([
      "hidden_danger",
    ]);
  });

  it("accepts the scope filter on a joined enterprise, a scoped subquery, or keys already proved in scope", () => {
    const joined = db
      .selectFrom("hidden_danger")
      .innerJoin("enterprise", "enterprise.id", "hidden_danger.enterprise_id")
      .selectAll("hidden_danger")
      .where((eb) => enterpriseInScope(eb, district));
    expect(read(district, joined)).toEqual([]);
    const inSubquery = db
      .selectFrom("hidden_danger")
      .selectAll()
      .where("enterprise_id", "in", (eb) =>
        eb
          .selectFrom("enterprise")
          .select("enterprise.id")
          .where((inner) => enterpriseInScope(inner, district)),
      );
    expect(read(district, inSubquery)).toEqual([]);
    expect(read(district, db.selectFrom("hidden_danger").selectAll().where("id", "=", ownId), [ownId])).toEqual([]);
  });

  it("flags a filter one OR branch escapes, and a territory filter that leaves out a department's industries", () => {
    const escaped = db
      .selectFrom("enterprise")
      .selectAll()
      .where((eb) => eb.or([enterpriseInScope(eb, district), eb("enterprise.status", "=", "closed")]));
    expect(read(district, escaped)).toEqual(["enterprise"]);
    const territoryOnly = db.selectFrom("enterprise").selectAll().where("territory_path", "like", "/99/%");
    expect(read(department, territoryOnly)).toEqual(["enterprise"]);
    const scoped = db
      .selectFrom("enterprise")
      .selectAll()
      .where((eb) => enterpriseInScope(eb, department));
    expect(read(department, scoped)).toEqual([]);
  });

  it("accepts a subquery correlated with a scoped row, but not an uncorrelated one", () => {
    const counted = (correlate: boolean) =>
      db
        .selectFrom("enterprise")
        .select((eb) => [
          "enterprise.id",
          eb
            .selectFrom("hidden_danger")
            .select(sql<number>`count(*)`.as("n"))
            .$if(correlate, (q) => q.whereRef("hidden_danger.enterprise_id", "=", "enterprise.id"))
            .as("dangers"),
        ])
        .where((eb) => enterpriseInScope(eb, district));
    expect(read(district, counted(true))).toEqual([]);
    expect(read(district, counted(false))).toEqual(["hidden_danger"]);
  });

  it("accepts a derived table joined on the rows of a scoped query", () => {
    const perEnterprise = db
      .selectFrom("hidden_danger")
      .select(["hidden_danger.enterprise_id", sql<number>`count(*)`.as("n")])
      .groupBy("hidden_danger.enterprise_id")
      .as("dangers");
    const joined = db
      .selectFrom("enterprise")
      .leftJoin(perEnterprise, "dangers.enterprise_id", "enterprise.id")
      .select(["enterprise.id", "dangers.n"])
      .where((eb) => enterpriseInScope(eb, district));
    expect(read(district, joined)).toEqual([]);
    const unscoped = db.selectFrom("enterprise").leftJoin(perEnterprise, "dangers.enterprise_id", "enterprise.id");
    expect(read(district, unscoped.select(["enterprise.id", "dangers.n"]))).toEqual(["enterprise", "hidden_danger"]);
  });
});
