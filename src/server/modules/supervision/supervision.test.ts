import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearerFor, createTestContext, errorOf, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";
import { recomputeDirtyRatings, recomputeRatings } from "../ratings/compute-ratings";

type PlanItem = {
  id: string;
  enterpriseId: string;
  reason: "mandatory" | "random";
  level: number;
  inspections: number;
  months: number[];
  checkContents: string[];
  inspected: number;
};

const YEAR = new Date().getUTCFullYear();
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const selectionOf = (items: PlanItem[]) =>
  items.map((item) => `${item.enterpriseId}:${item.reason}:${item.inspections}`).sort();

describe.each(testDatabaseKinds())("classified supervision on $name", (kind) => {
  let context: TestContext;
  let as: Record<string, Record<string, string>>;
  let userIds: Record<string, string>;
  let departments: Record<string, string>;
  let chemicalId: string;

  const inject = (user: string, method: "GET" | "POST" | "PUT", url: string, payload?: object, language = "zh-CN") =>
    context.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { ...as[user], "accept-language": language },
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    context = await createTestContext(kind, { enterprises: 24 });
    as = {};
    userIds = {};
    for (const name of ["admin", "city.supervisor", "jiangbei.supervisor", "housing.dept", "chem.safety"]) {
      as[name] = await bearerFor(context, name);
      userIds[name] = (await context.app.inject({ url: "/api/v1/auth/me", headers: as[name] })).json().user.id;
    }
    chemicalId = (await context.app.inject({ url: "/api/v1/auth/me", headers: as["chem.safety"] })).json().user
      .enterpriseIds[0];
    const organisations = await context.database.db.selectFrom("organisation").select(["id", "name"]).execute();
    departments = Object.fromEntries(organisations.map((organisation) => [organisation.name, organisation.id]));
    await recomputeRatings(context.database.db, null, new Date());
    // The small demo city rates everyone blue; grade a few enterprises up so every level is planned.
    const byScore = await context.database.db
      .selectFrom("enterprise_rating")
      .innerJoin("enterprise", "enterprise.id", "enterprise_rating.enterprise_id")
      .select("enterprise_rating.enterprise_id")
      .where("enterprise.id", "!=", chemicalId)
      .orderBy("enterprise.id")
      .execute();
    const grades: [number, number][] = [
      [1, 72],
      [1, 66],
      [2, 52],
      [2, 48],
      [2, 45],
      [3, 33],
      [3, 30],
      [3, 27],
    ];
    for (const [index, [level, score]] of grades.entries()) {
      await rateAs(byScore[index].enterprise_id, level, score);
    }
  });

  /** Fixture: the enterprise's current rating, as the rating job would have stored it. */
  async function rateAs(enterpriseId: string, level: number, score: number) {
    await context.database.db
      .updateTable("enterprise_rating")
      .set({ level, score })
      .where("enterprise_id", "=", enterpriseId)
      .execute();
  }
  afterAll(async () => {
    await context?.close();
  });

  const cityEm = () => departments.滨江示范市应急管理局;
  const housing = () => departments.滨江示范市住房和城乡建设局;

  async function generate(user: string, body: object) {
    const response = await inject(user, "POST", "/supervision/plans", body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as {
      id: string;
      seed: string;
      items: PlanItem[];
      summary: Record<string, unknown>;
    } & Record<string, unknown>;
  }

  it("lists the departments a caller may plan for: a department user only its own", async () => {
    const city = (await inject("city.supervisor", "GET", "/supervision/departments")).json().items;
    expect(city.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([cityEm(), housing()]));
    const own = (await inject("housing.dept", "GET", "/supervision/departments")).json().items;
    expect(own.map((d: { id: string }) => d.id)).toEqual([housing()]);
  });

  it("plans every red enterprise each month and publishes the seed with the plan", async () => {
    const plan = await generate("city.supervisor", { department: cityEm(), year: YEAR, month: 1 });
    expect(plan.seed).toBe(`${YEAR}-01:${cityEm()}`);
    expect(plan.period).toBe(`${YEAR}-01`);
    const reds = await context.database.db
      .selectFrom("enterprise_rating")
      .select("enterprise_id")
      .where("level", "=", 1)
      .execute();
    const planned = new Set(plan.items.filter((item) => item.reason === "mandatory").map((item) => item.enterpriseId));
    expect(reds).toHaveLength(2);
    for (const red of reds) expect(planned.has(red.enterprise_id)).toBe(true);
    // January is also a quarter month: the three orange enterprises are due; yellow ones wait for March.
    expect(plan.items.filter((item) => item.level === 2)).toHaveLength(3);
    expect(plan.items.filter((item) => item.level === 3)).toHaveLength(0);
    expect(plan.items.every((item) => item.months.every((m) => m === 1))).toBe(true);
    expect(plan.completion).toEqual({ planned: plan.summary.mandatoryPlanned, inspected: 0, ratio: 0 });
  });

  it("gives the same selection for the same period and seed, and another draw for another seed", async () => {
    const mandatory = (await generate("city.supervisor", { department: cityEm(), year: YEAR, month: 2 })).summary
      .mandatoryRequired as number;
    const body = { department: cityEm(), year: YEAR, month: 2, capacity: mandatory + 4 };
    const first = await generate("city.supervisor", body);
    const second = await generate("city.supervisor", body);
    expect(second.id).toBe(first.id);
    expect(first.items.filter((item) => item.reason === "random")).toHaveLength(4);
    expect(selectionOf(second.items)).toEqual(selectionOf(first.items));
    const drawn = (plan: { items: PlanItem[] }) =>
      plan.items
        .filter((item) => item.reason === "random")
        .map((item) => item.enterpriseId)
        .sort()
        .join();
    const others = [];
    for (const seed of ["another seed", "a third seed", "a fourth seed"]) {
      others.push(drawn(await generate("city.supervisor", { ...body, seed })));
    }
    expect(others.some((other) => other !== drawn(first))).toBe(true);
    const back = await generate("city.supervisor", body);
    expect(back.seed).toBe(`${YEAR}-02:${cityEm()}`);
    expect(selectionOf(back.items)).toEqual(selectionOf(first.items));
  });

  it("honours a department's own frequency and refuses a bad one in the caller's language", async () => {
    const set = await inject("city.supervisor", "PUT", "/supervision/frequency", {
      organisationId: cityEm(),
      territoryId: null,
      frequency: { "1": { timesPerYear: 24 } },
    });
    expect(set.statusCode, set.body).toBe(200);
    const annual = await generate("city.supervisor", { department: cityEm(), year: YEAR });
    const red = annual.items.find((item) => item.level === 1 && item.reason === "mandatory");
    const orange = annual.items.find((item) => item.level === 2 && item.reason === "mandatory");
    expect(red?.inspections).toBe(24);
    expect(orange?.months).toEqual([1, 4, 7, 10]);
    const inForce = (
      await inject("city.supervisor", "GET", `/supervision/frequency?organisationId=${cityEm()}`)
    ).json();
    expect(inForce.inForce).toEqual({
      1: { timesPerYear: 24 },
      2: { timesPerYear: 4 },
      3: { timesPerYear: 2 },
      4: { timesPerYear: 1 },
    });

    const bad = { organisationId: cityEm(), territoryId: null, frequency: { "2": { timesPerYear: 2.5 } } };
    const zh = await inject("city.supervisor", "PUT", "/supervision/frequency", bad);
    expect(zh.statusCode).toBe(400);
    expect(errorOf(zh).message).toContain("0 到 366 的整数");
    const en = await inject("city.supervisor", "PUT", "/supervision/frequency", bad, "en");
    expect(errorOf(en).message).toContain("frequency.2.timesPerYear");
    expect(errorOf(en).message).toContain("whole number from 0 to 366");
  });

  it("lets only an administrator of the whole installation set the default, and a department only its own", async () => {
    const everywhere = { organisationId: null, territoryId: null, frequency: { "1": { timesPerYear: 12 } } };
    expect((await inject("city.supervisor", "PUT", "/supervision/frequency", everywhere)).statusCode).toBe(403);
    const partial = await inject("admin", "PUT", "/supervision/frequency", everywhere, "en");
    expect(partial.statusCode).toBe(400);
    expect(errorOf(partial).message).toContain("all four levels");
    const full = {
      ...everywhere,
      frequency: {
        "1": { timesPerYear: 12 },
        "2": { timesPerYear: 4 },
        "3": { timesPerYear: 2 },
        "4": { timesPerYear: 0 },
      },
    };
    expect((await inject("admin", "PUT", "/supervision/frequency", full)).statusCode).toBe(200);
    expect((await inject("city.supervisor", "GET", "/supervision/frequency")).json().defaults[4]).toEqual({
      timesPerYear: 0,
    });
    const blueNever = await generate("city.supervisor", { department: cityEm(), year: YEAR, month: 11 });
    expect(blueNever.items.filter((item) => item.level === 4)).toEqual([]);
    const removed = await inject("admin", "PUT", "/supervision/frequency", { ...everywhere, frequency: {} });
    expect(removed.statusCode).toBe(200);
    expect((await inject("city.supervisor", "GET", "/supervision/frequency")).json().defaults[4]).toEqual({
      timesPerYear: 1,
    });
    const foreign = { organisationId: cityEm(), territoryId: null, frequency: { "1": { timesPerYear: 6 } } };
    expect((await inject("housing.dept", "PUT", "/supervision/frequency", foreign)).statusCode).toBe(403);
    const own = { organisationId: housing(), territoryId: null, frequency: { "3": { timesPerYear: 4 } } };
    expect((await inject("housing.dept", "PUT", "/supervision/frequency", own)).statusCode).toBe(200);
    const audit = await context.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", "supervision_frequency")
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });

  it("keeps a department inside its own plans and enterprises, and enterprise roles out", async () => {
    const plan = await generate("housing.dept", { department: housing(), year: YEAR, month: 3 });
    const industries = await context.database.db
      .selectFrom("enterprise")
      .select(["id", "industry_section"])
      .where("id", "in", plan.items.map((item) => item.enterpriseId).concat(["00000000-0000-0000-0000-000000000000"]))
      .execute();
    expect(industries.every((enterprise) => enterprise.industry_section === "E")).toBe(true);
    expect(
      (await inject("housing.dept", "POST", "/supervision/plans", { department: cityEm(), year: YEAR })).statusCode,
    ).toBe(403);
    const seen = (await inject("housing.dept", "GET", "/supervision/plans")).json().items;
    expect(seen.map((p: { organisation: { id: string } }) => p.organisation.id)).toEqual([housing()]);
    const cityPlan = (await inject("city.supervisor", "GET", "/supervision/plans"))
      .json()
      .items.find((p: { organisation: { id: string } }) => p.organisation.id === cityEm());
    expect((await inject("housing.dept", "GET", `/supervision/plans/${cityPlan.id}`)).statusCode).toBe(404);
    for (const [method, url] of [
      ["GET", "/supervision/plans"],
      ["GET", "/supervision/inspections"],
      ["GET", "/supervision/frequency"],
      ["POST", "/supervision/inspections"],
    ] as const) {
      const response = await inject("chem.safety", method, url, method === "POST" ? {} : undefined);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it("records an inspection against a plan item: completion rises, the ordered hidden danger enters the life cycle from government", async () => {
    const plan = await generate("city.supervisor", { department: cityEm(), year: YEAR, month: 5 });
    const item = plan.items[0];
    const response = await inject("city.supervisor", "POST", "/supervision/inspections", {
      enterpriseId: item.enterpriseId,
      planItemId: item.id,
      inspectedOn: daysAgo(1),
      inspectorIds: [userIds["city.supervisor"], userIds["jiangbei.supervisor"]],
      itemsChecked: [
        { content: item.checkContents[0] ?? "安全生产责任制落实情况", result: "problem", note: "未落实" },
        { content: "应急预案演练记录", result: "ok" },
      ],
      findings: "罐区可燃气体报警器故障未修复",
      hiddenDangers: [{ description: "罐区可燃气体报警器故障", level: "general", place: "罐区" }],
      rectificationDeadline: inDays(15),
      penalties: [{ kind: "fine", amountYuan: 20000, legalBasis: "《安全生产法》第九十九条" }],
      violations: 1,
      recheckDue: inDays(20),
    });
    expect(response.statusCode, response.body).toBe(201);
    const inspection = response.json();
    expect(inspection.code).toMatch(/^ZF\d{8}-/);
    expect(inspection.penaltyTotalYuan).toBe(20000);
    expect(inspection.inspectorNames).toHaveLength(2);
    const detail = (await inject("city.supervisor", "GET", `/supervision/plans/${plan.id}`)).json();
    expect(detail.completion.inspected).toBe(1);
    expect(detail.items.find((found: PlanItem) => found.id === item.id).inspected).toBe(1);

    const full = (await inject("city.supervisor", "GET", `/supervision/inspections/${inspection.id}`)).json();
    expect(full.hiddenDangers).toHaveLength(1);
    expect(full.hiddenDangers[0]).toMatchObject({ source: "government", status: "reported", level: "general" });
    const danger = await inject("city.supervisor", "GET", `/hidden-dangers/${full.hiddenDangers[0].id}`);
    expect(danger.json().events[0]).toMatchObject({ action: "report", to: "reported" });

    const regenerate = await inject("city.supervisor", "POST", "/supervision/plans", {
      department: cityEm(),
      year: YEAR,
      month: 5,
    });
    expect(regenerate.statusCode).toBe(409);
    const audit = await context.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", "enforcement_inspection")
      .where("entity_id", "=", inspection.id)
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual(["create"]);
  });

  it("refuses an order without a deadline, a fine of 0 and a non-government inspector, in both languages", async () => {
    const body = {
      enterpriseId: chemicalId,
      inspectedOn: daysAgo(0),
      inspectorIds: [userIds["chem.safety"]],
      itemsChecked: [{ content: "安全管理制度", result: "problem" }],
      hiddenDangers: [{ description: "消防通道堵塞" }],
      penalties: [{ kind: "fine", amountYuan: 0, legalBasis: "《安全生产法》" }],
    };
    const zh = await inject("city.supervisor", "POST", "/supervision/inspections", body);
    expect(zh.statusCode).toBe(400);
    const fields = (errorOf(zh).details as { field: string }[]).map((problem) => problem.field);
    expect(fields).toEqual(["rectificationDeadline", "penalties.0.amountYuan", "violations", "inspectorIds"]);
    expect(errorOf(zh).message).toContain("整改期限");
    const en = await inject("city.supervisor", "POST", "/supervision/inspections", body, "en");
    expect(errorOf(en).message).toContain("need a deadline");
    const noInspector = await inject(
      "city.supervisor",
      "POST",
      "/supervision/inspections",
      { ...body, inspectorIds: [] },
      "en",
    );
    expect(noInspector.statusCode).toBe(400);
    expect(errorOf(noInspector).message).toContain("inspectorIds");
    const count = await context.database.db
      .selectFrom("hidden_danger")
      .select(sql<number>`count(*)`.as("n"))
      .where("description", "=", "消防通道堵塞")
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it("refuses an inspector of another district, naming the field, and records nothing", async () => {
    const districtB = await context.database.db
      .selectFrom("territory")
      .select("id")
      .where("code", "=", "990102")
      .executeTakeFirstOrThrow();
    const created = await inject("admin", "POST", "/users", {
      username: "other.district.inspector",
      displayName: "另一区执法员",
      password: "Passw0rd!x",
      role: "supervisor",
      territoryId: districtB.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    const refused = await inject("jiangbei.supervisor", "POST", "/supervision/inspections", {
      enterpriseId: chemicalId,
      inspectedOn: daysAgo(0),
      inspectorIds: [userIds["jiangbei.supervisor"], created.json().id],
      itemsChecked: [{ content: "借用外区执法人员的检查", result: "ok" }],
    });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).details).toEqual([{ field: "inspectorIds", message: expect.stringContaining("1 人") }]);
    const count = await context.database.db
      .selectFrom("enforcement_inspection")
      .select(sql<number>`count(*)`.as("n"))
      .where("items_checked", "@>", sql<never>`'[{"content": "借用外区执法人员的检查"}]'::jsonb`)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it("feeds violations into the rating: the enterprise is marked, then re-rated higher with enforcement in the explanation", async () => {
    await recomputeDirtyRatings(context.database.db, new Date());
    const before = (await inject("chem.safety", "GET", `/enterprises/${chemicalId}/rating`)).json().rating;
    const recorded = await inject("jiangbei.supervisor", "POST", "/supervision/inspections", {
      enterpriseId: chemicalId,
      inspectedOn: daysAgo(3),
      inspectorIds: [userIds["jiangbei.supervisor"]],
      itemsChecked: [{ content: "重大危险源包保责任落实情况", result: "problem" }],
      penalties: [{ kind: "warning", amountYuan: 0, legalBasis: "《安全生产法》第一百零一条" }],
      violations: 2,
      recheckDue: daysAgo(1),
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json().recheckOverdue).toBe(true);
    const marked = await context.database.db
      .selectFrom("rating_dirty")
      .select("enterprise_id")
      .where("enterprise_id", "=", chemicalId)
      .execute();
    expect(marked).toHaveLength(1);
    await recomputeDirtyRatings(context.database.db, new Date());
    const after = (await inject("chem.safety", "GET", `/enterprises/${chemicalId}/rating`, undefined, "en")).json()
      .rating;
    expect(after.score).toBeCloseTo(before.score + 6, 5);
    expect(after.explanation).toContain("2 violations found by enforcement in the last 12 months");

    const overdue = (await inject("jiangbei.supervisor", "GET", "/supervision/inspections?recheck=overdue")).json();
    expect(overdue.items.map((i: { id: string }) => i.id)).toContain(recorded.json().id);
    const recheck = await inject("jiangbei.supervisor", "POST", "/supervision/inspections", {
      enterpriseId: chemicalId,
      recheckOfId: recorded.json().id,
      inspectedOn: daysAgo(0),
      inspectorIds: [userIds["jiangbei.supervisor"]],
      itemsChecked: [{ content: "重大危险源包保责任落实情况", result: "ok" }],
    });
    expect(recheck.statusCode, recheck.body).toBe(201);
    const first = (await inject("jiangbei.supervisor", "GET", `/supervision/inspections/${recorded.json().id}`)).json();
    expect(first.recheckInspectionId).toBe(recheck.json().id);
    expect(first.rechecks.map((r: { id: string }) => r.id)).toEqual([recheck.json().id]);
    const stillOverdue = (
      await inject("jiangbei.supervisor", "GET", "/supervision/inspections?recheck=overdue")
    ).json();
    expect(stillOverdue.items.map((i: { id: string }) => i.id)).not.toContain(recorded.json().id);
    // Another district's inspection records stay out of sight of a department of another industry.
    const housingView = (await inject("housing.dept", "GET", `/supervision/inspections/${recorded.json().id}`))
      .statusCode;
    expect(housingView).toBe(404);
  });

  it("exports a plan as XLSX with its published seed and one row per enterprise", async () => {
    const plan = await generate("city.supervisor", { department: cityEm(), year: YEAR, month: 6 });
    const response = await inject("city.supervisor", "GET", `/supervision/plans/${plan.id}/export`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as never);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(2).getCell(3).value).toBe(plan.seed);
    expect(sheet.rowCount).toBe(7 + plan.items.length);
  });
});
