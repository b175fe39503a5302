import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import { type SqlBool, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodBounds } from "../../../domain/hidden-danger/statistics";
import { bearerFor, createTestContext, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";
import { hiddenDangerFigures } from "../hidden-dangers/hidden-danger-figures";
import { recomputeRatings } from "../ratings/compute-ratings";
import { trendBucketStarts } from "./cockpit-calendar";

const hasPoppler = spawnSync("pdftotext", ["-v"]).error === undefined;
if (process.env.CI && !hasPoppler) throw new Error("pdftotext (poppler-utils) is required in CI");

function pdfText(pdf: Buffer): string {
  return execFileSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: pdf }).toString("utf8").replace(/\s+/g, "");
}

type Node = { id: string; path: string; name: string };

describe.each(testDatabaseKinds())("cockpit on $name", (kind) => {
  let context: TestContext;
  let city: Node;
  let jiangbei: Node;
  let otherDistrict: Node;
  let town: Node;
  let grid: Node;
  let gridEnterprises: { id: string; name: string; territory_path: string }[];
  let townEnterprises: { id: string; name: string; territory_path: string }[];
  let supervisor: Record<string, string>;
  const now = new Date();
  const year = Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 4));

  const get = async (url: string, headers: Record<string, string>) =>
    context.app.inject({ url: `/api/v1${url}`, headers });

  /** A hidden danger at an enterprise, written as the life cycle would leave it. */
  async function hiddenDanger(
    enterprise: { id: string; territory_path: string },
    fields: { status: string; level: "general" | "major"; foundAt: Date; deadline?: Date; closedAt?: Date },
  ) {
    await context.database.db
      .insertInto("hidden_danger")
      .values({
        enterprise_id: enterprise.id,
        code: `T-${randomBytes(5).toString("hex")}`,
        territory_path: enterprise.territory_path,
        source: "inspection",
        status: fields.status,
        level: fields.level,
        description: "测试隐患",
        place: "",
        category_code: "2",
        found_at: fields.foundAt,
        deadline: fields.deadline ?? null,
        closed_at: fields.closedAt ?? null,
        risk_point_id: null,
        responsible_user_id: null,
        funds: null,
        finder_user_id: null,
        rectifier_user_id: null,
        state: JSON.stringify({}),
      })
      .execute();
  }

  async function alarm(
    enterprise: { id: string; territory_path: string },
    severity: number,
    status: "active_unacknowledged" | "acknowledged" | "cleared",
    raisedAt: Date,
  ) {
    await context.database.db
      .insertInto("alarm")
      .values({
        enterprise_id: enterprise.id,
        territory_path: enterprise.territory_path,
        source: "management",
        rule_id: `test-${randomBytes(4).toString("hex")}`,
        rule_kind: "test",
        severity,
        status,
        raised_at: raisedAt,
        last_update_at: raisedAt,
        cleared_at: status === "cleared" ? raisedAt : null,
        device_id: null,
        last_value: null,
        peak: null,
        acknowledged_at: null,
        acknowledged_by: null,
        acknowledge_note: null,
        clear_value: null,
        disposals: JSON.stringify([]),
        cap_messages: JSON.stringify([]),
        message_zh: "测试报警",
        message_en: "test alarm",
      })
      .execute();
  }

  beforeAll(async () => {
    context = await createTestContext(kind, { enterprises: 80 });
    const db = context.database.db;
    await recomputeRatings(db, null, now);
    const node = (code: string) =>
      db.selectFrom("territory").select(["id", "path", "name"]).where("code", "=", code).executeTakeFirstOrThrow();
    city = await db
      .selectFrom("territory")
      .select(["id", "path", "name"])
      .where("parent_id", "is", null)
      .executeTakeFirstOrThrow();
    jiangbei = await node("990101");
    otherDistrict = await node("990102");
    // The town of Jiangbei with the most enterprises, and its grid with the most.
    const busiest = async (parentPath: string, depth: number) =>
      db
        .selectFrom("enterprise")
        .innerJoin("territory", (join) =>
          join
            .on(sql<SqlBool>`enterprise.territory_path LIKE territory.path || '%'`)
            .on(sql<SqlBool>`array_length(string_to_array(territory.path, '/'), 1) = ${depth + 2}`),
        )
        .select(["territory.id", "territory.path", "territory.name"])
        .where("territory.path", "like", `${parentPath}_%`)
        .groupBy(["territory.id", "territory.path", "territory.name"])
        .orderBy(sql`count(*)`, "desc")
        .orderBy("territory.id")
        .executeTakeFirstOrThrow();
    town = await busiest(jiangbei.path, 3);
    grid = await busiest(town.path, 4);
    townEnterprises = await db
      .selectFrom("enterprise")
      .select(["id", "name", "territory_path"])
      .where("territory_path", "like", `${town.path}%`)
      .orderBy("uscc")
      .execute();
    gridEnterprises = await db
      .selectFrom("enterprise")
      .select(["id", "name", "territory_path"])
      .where("territory_id", "=", grid.id)
      .orderBy("uscc")
      .execute();
    // The grid's own hidden dangers and alarms are only the ones made here, so every figure is known.
    await db.deleteFrom("hidden_danger").where("territory_path", "like", `${grid.path}%`).execute();
    await db.deleteFrom("alarm").where("territory_path", "like", `${grid.path}%`).execute();
    supervisor = await bearerFor(context, "jiangbei.supervisor");
  });
  afterAll(async () => {
    await context?.close();
  });

  it("counts the city's enterprises by rating level, and its districts add up to it", async () => {
    const response = await get("/cockpit", await bearerFor(context, "city.supervisor"));
    expect(response.statusCode).toBe(200);
    const cockpit = response.json();
    expect(cockpit.territory.id).toBe(city.id);
    expect(cockpit.breadcrumb.map((n: { id: string }) => n.id)).toEqual([city.id]);
    const { rows } = await sql<{ level: number; n: number }>`
      SELECT r.level, count(*) AS n FROM enterprise e JOIN enterprise_rating r ON r.enterprise_id = e.id
      WHERE e.status <> 'closed' GROUP BY 1`.execute(context.database.db);
    for (const row of rows) expect(cockpit.enterprises.byLevel[row.level]).toBe(Number(row.n));
    expect(cockpit.enterprises.total).toBe(rows.reduce((s, r) => s + Number(r.n), 0));
    const childTotal = cockpit.children.reduce(
      (s: number, c: { enterprises: { total: number } }) => s + c.enterprises.total,
      0,
    );
    expect(childTotal).toBe(cockpit.enterprises.total);
    // The last trend point is today's distribution: history holds every change up to the current rating.
    expect(cockpit.trend.points.at(-1).byLevel).toEqual(cockpit.enterprises.byLevel);
    const scores = cockpit.topEnterprises.map((e: { score: number }) => e.score);
    expect(scores).toHaveLength(10);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    const { rows: best } = await sql<{ score: number }>`SELECT max(score) AS score FROM enterprise_rating`.execute(
      context.database.db,
    );
    expect(scores[0]).toBe(best[0].score);
    expect(cockpit.topEnterprises[0].summary).toMatch(/^(红色|橙色|黄色|蓝色)，因为：/);
  });

  it("counts enterprises per level at the end of each month from rating history", async () => {
    const db = context.database.db;
    const [a, b, c, d] = townEnterprises;
    expect(d, "the town needs four enterprises").toBeDefined();
    const starts = trendBucketStarts(now, "month");
    const inBucket = (index: number, days = 1) =>
      new Date(Date.parse(`${starts[index]}T00:00:00+08:00`) + days * 86_400_000);
    await db
      .deleteFrom("enterprise_rating_history")
      .where(
        "enterprise_id",
        "in",
        townEnterprises.map((e) => e.id),
      )
      .execute();
    // With their history gone, the town's other enterprises drop out of the trend.
    const history = (enterprise: { id: string }, at: Date, level: number) => ({
      enterprise_id: enterprise.id,
      computed_at: at,
      score: 10,
      level,
      explanation_zh: "测试",
      explanation_en: "test",
    });
    await db
      .insertInto("enterprise_rating_history")
      .values([
        history(a, inBucket(8), 4),
        history(a, inBucket(10), 1), // blue for two months, then red
        history(b, new Date(Date.parse(`${starts[0]}T00:00:00+08:00`) - 40 * 86_400_000), 3), // yellow all along
        history(c, inBucket(11), 2), // orange this month only
        history(d, inBucket(5, 1), 4),
        history(d, inBucket(5, 2), 2), // blue for a day, so orange at the end of that month
      ])
      .execute();
    const cockpit = (await get(`/cockpit?territoryId=${town.id}`, supervisor)).json();
    const series = (level: number) =>
      cockpit.trend.points.map((p: { byLevel: Record<number, number> }) => p.byLevel[level]);
    expect(cockpit.trend.points.map((p: { start: string }) => p.start)).toEqual(starts);
    expect(series(1)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect(series(2)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2]);
    expect(series(3)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(series(4)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0]);
    const weekly = (await get(`/cockpit?territoryId=${town.id}&granularity=week`, supervisor)).json();
    expect(weekly.trend.points).toHaveLength(12);
    expect(weekly.trend.points.at(-1).byLevel).toEqual({ 1: 1, 2: 2, 3: 1, 4: 0 });
    await recomputeRatings(db, null, now);
  });

  it("reports hidden dangers found and rectified in the period and those open now, down to the enterprise", async () => {
    const [a, b] = gridEnterprises;
    const hour = 3600_000;
    const found = new Date(now.getTime() - 2 * hour);
    const lastYear = new Date(Date.UTC(year - 1, 5, 1));
    await hiddenDanger(a, {
      status: "closed",
      level: "general",
      foundAt: found,
      deadline: new Date(now.getTime() + hour),
      closedAt: now,
    });
    await hiddenDanger(a, {
      status: "closed",
      level: "general",
      foundAt: found,
      deadline: new Date(now.getTime() - hour),
      closedAt: now,
    });
    await hiddenDanger(a, { status: "dismissed", level: "general", foundAt: found });
    await hiddenDanger(a, {
      status: "rectifying",
      level: "major",
      foundAt: found,
      deadline: new Date(now.getTime() - hour),
    });
    await hiddenDanger(b, { status: "reported", level: "general", foundAt: found });
    await hiddenDanger(b, { status: "confirmed", level: "general", foundAt: lastYear, deadline: lastYear });

    const cockpit = (await get(`/cockpit?territoryId=${grid.id}&period=${year}`, supervisor)).json();
    expect(cockpit.hiddenDangers).toEqual({
      found: 5,
      dismissed: 1,
      rectified: 2,
      rectificationRate: 0.5,
      onTimeRate: 0.5,
      majorFound: 1,
      open: 3,
      overdue: 2,
      majorOpen: 1,
    });
    // The same figures as the hidden-danger statistics give for the territory and period.
    const bounds = periodBounds(String(year))!;
    const statistics = await hiddenDangerFigures(
      context.database.db,
      { kind: "territory", path: jiangbei.path, industries: [] },
      { territoryPath: grid.path, ...bounds },
      new Date(),
    );
    // Open, overdue and major open are counted there among those found in the period, here whenever found.
    const periodFields = ["found", "dismissed", "rectified", "rectificationRate", "onTimeRate", "majorFound"] as const;
    for (const field of periodFields) expect(cockpit.hiddenDangers[field], field).toBe(statistics[field]);
    // The grid is a leaf: its enterprises are the children, each with its own open hidden dangers.
    expect(cockpit.children).toEqual([]);
    expect(cockpit.enterprisesHere.total).toBe(gridEnterprises.length);
    const row = (id: string) =>
      cockpit.enterprisesHere.items.find((e: { enterpriseId: string }) => e.enterpriseId === id);
    expect(row(a.id).hiddenDangers).toEqual({ open: 1, overdue: 1, majorOpen: 1 });
    expect(row(b.id).hiddenDangers).toEqual({ open: 2, overdue: 1, majorOpen: 0 });
    // One level up the grid is a child row with the same open figures.
    const townCockpit = (await get(`/cockpit?territoryId=${town.id}`, supervisor)).json();
    const gridRow = townCockpit.children.find((c: { territoryId: string }) => c.territoryId === grid.id);
    expect(gridRow.hiddenDangers).toEqual({ open: 3, overdue: 2, majorOpen: 1 });
    expect(townCockpit.breadcrumb.map((n: { id: string }) => n.id)).toEqual([jiangbei.id, town.id]);
    // Last year's period sees only last year's hidden danger as found.
    const previous = (await get(`/cockpit?territoryId=${grid.id}&period=${year - 1}`, supervisor)).json();
    expect(previous.hiddenDangers.found).toBe(1);
    expect(previous.hiddenDangers.rectificationRate).toBe(0);
  });

  it("counts active alarms and the last 30 days' alarms by colour", async () => {
    const [a, b] = gridEnterprises;
    const day = 86_400_000;
    await alarm(a, 1, "active_unacknowledged", new Date(now.getTime() - day));
    await alarm(a, 2, "acknowledged", new Date(now.getTime() - 45 * day));
    await alarm(b, 1, "cleared", new Date(now.getTime() - 10 * day));
    await alarm(b, 3, "cleared", new Date(now.getTime() - 40 * day));
    const cockpit = (await get(`/cockpit?territoryId=${grid.id}`, supervisor)).json();
    expect(cockpit.alarms).toEqual({
      active: { red: 1, orange: 1, yellow: 0, blue: 0 },
      last30Days: { red: 2, orange: 0, yellow: 0, blue: 0 },
    });
    const row = cockpit.enterprisesHere.items.find((e: { enterpriseId: string }) => e.enterpriseId === a.id);
    expect(row.activeAlarms).toBe(2);
  });

  it("opens a district supervisor's own district by default and refuses another district and enterprise roles", async () => {
    const own = (await get("/cockpit", supervisor)).json();
    expect(own.territory.id).toBe(jiangbei.id);
    expect(own.breadcrumb.map((n: { id: string }) => n.id)).toEqual([jiangbei.id]);
    expect(own.children.every((c: { kind: string }) => c.kind === "town")).toBe(true);
    const other = await get(`/cockpit?territoryId=${otherDistrict.id}`, supervisor);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.message).toContain("该属地");
    expect((await get(`/cockpit?territoryId=${city.id}`, supervisor)).statusCode).toBe(404);
    expect((await get(`/cockpit/export.xlsx?territoryId=${otherDistrict.id}`, supervisor)).statusCode).toBe(404);
    for (const username of ["chem.safety", "chem.principal", "insurer"]) {
      const refused = await get("/cockpit", await bearerFor(context, username));
      expect(refused.statusCode, username).toBe(403);
    }
  });

  it("limits an industry department to its industry's enterprises", async () => {
    const cockpit = (await get("/cockpit", await bearerFor(context, "housing.dept"))).json();
    const { rows } = await sql<{ n: number }>`
      SELECT count(*) AS n FROM enterprise WHERE status <> 'closed' AND (industry_section = 'E' OR industry_code = 'E')`.execute(
      context.database.db,
    );
    expect(cockpit.enterprises.total).toBe(Number(rows[0].n));
  });

  it("exports the same figures as an XLSX workbook with one sheet per panel, in the caller's language", async () => {
    const cockpit = (await get(`/cockpit?territoryId=${town.id}`, supervisor)).json();
    const response = await get(`/cockpit/export.xlsx?territoryId=${town.id}`, supervisor);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-disposition"]).toContain(encodeURIComponent(town.name));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual([
      "概况",
      "等级分布",
      "等级趋势",
      "下级区域",
      "隐患治理",
      "监测报警",
      "执法计划",
      "专项行动",
      "得分前十",
    ]);
    const valueIn = (sheetName: string, label: string) => {
      let found: unknown;
      workbook.getWorksheet(sheetName)!.eachRow((row) => {
        if (row.getCell(1).value === label) found = row.getCell(2).value;
      });
      return found;
    };
    expect(valueIn("概况", "企业总数")).toBe(cockpit.enterprises.total);
    expect(valueIn("隐患治理", "当前逾期")).toBe(cockpit.hiddenDangers.overdue);
    const children = workbook.getWorksheet("下级区域")!;
    expect(children.rowCount).toBe(2 + cockpit.children.length);
    expect(children.getRow(3).getCell(1).value).toBe(cockpit.children[0].name);
    const top = workbook.getWorksheet("得分前十")!;
    expect(top.getRow(3).getCell(2).value).toBe(cockpit.topEnterprises[0].name);

    const english = await get(`/cockpit/export.xlsx?territoryId=${town.id}`, {
      ...supervisor,
      "accept-language": "en",
    });
    const workbookEn = new ExcelJS.Workbook();
    await workbookEn.xlsx.load(english.rawPayload as unknown as ArrayBuffer);
    expect(workbookEn.worksheets.map((sheet) => sheet.name)).toContain("Areas below");
  });

  it.skipIf(!hasPoppler)("prints the cockpit as a PDF with Chinese text, or English on request", async () => {
    const cockpit = (await get(`/cockpit?territoryId=${town.id}`, supervisor)).json();
    const response = await get(`/cockpit/export.pdf?territoryId=${town.id}`, supervisor);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    const text = pdfText(response.rawPayload);
    expect(text).toContain(`${town.name}安全生产监管驾驶舱报告`.replace(/\s+/g, ""));
    expect(text).toContain("下级区域");
    expect(text).toContain(cockpit.children[0].name.replace(/\s+/g, ""));
    expect(text).toContain(cockpit.topEnterprises[0].name.replace(/\s+/g, ""));
    expect(text).toContain("执法计划");
    const english = await get(`/cockpit/export.pdf?territoryId=${town.id}`, { ...supervisor, "accept-language": "en" });
    expect(pdfText(english.rawPayload)).toContain("work-safetycockpitreport");
  });

  it("counts plan completion from enforcement plans and inspections, and the campaigns a node takes part in", async () => {
    const city = await bearerFor(context, "city.supervisor");
    const post = async (url: string, payload: object) =>
      context.app.inject({ method: "POST", url: `/api/v1${url}`, headers: city, payload });
    const cityEm = await context.database.db
      .selectFrom("organisation")
      .select("id")
      .where("name", "=", "滨江示范市应急管理局")
      .executeTakeFirstOrThrow();
    const generated = await post("/supervision/plans", { department: cityEm.id, year });
    expect(generated.statusCode, generated.body).toBe(201);
    const plan = generated.json();
    const item = plan.items[0];
    const me = (await get("/auth/me", city)).json().user;
    const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const recorded = await post("/supervision/inspections", {
      enterpriseId: item.enterpriseId,
      planItemId: item.id,
      inspectedOn: today,
      inspectorIds: [me.id],
      itemsChecked: [{ content: "安全生产责任制落实情况", result: "problem", note: "未落实" }],
      penalties: [{ kind: "fine", amountYuan: 20000, legalBasis: "《安全生产法》第九十九条" }],
      violations: 1,
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const detail = (await get(`/supervision/plans/${plan.id}`, city)).json();
    const cockpit = (await get(`/cockpit?period=${year}`, city)).json();
    expect(cockpit.inspectionPlans.annual).toEqual({
      plans: 1,
      planned: detail.completion.planned,
      inspected: 1,
      ratio: 1 / detail.completion.planned,
    });
    expect(cockpit.inspectionPlans.monthly.plans).toBe(0);
    expect(cockpit.inspectionPlans.inspections).toEqual({ done: 1, violations: 1, penaltyYuan: 20000 });

    const campaign = await post("/campaigns", {
      title: "危险化学品安全专项整治",
      scopeTerritoryIds: [jiangbei.id],
      startDate: `${year}-01-01`,
      endDate: `${year}-12-31`,
      schedule: { kind: "monthly", day: 28 },
      tasks: [{ title: "全面排查储罐区", kind: "inspection" }],
    });
    expect(campaign.statusCode, campaign.body).toBe(201);
    expect((await post(`/campaigns/${campaign.json().id}/activate`, {})).statusCode).toBe(200);
    const district = (await get(`/cockpit?territoryId=${jiangbei.id}`, city)).json();
    expect(district.campaigns.active).toBe(1);
    expect(district.campaigns.byCampaign.map((c: { title: string }) => c.title)).toEqual(["危险化学品安全专项整治"]);
    const other = (await get(`/cockpit?territoryId=${otherDistrict.id}`, city)).json();
    expect(other.campaigns.active).toBe(0);
  });

  it("rejects a period that is not a year or a quarter, saying which form is expected", async () => {
    const response = await get("/cockpit?period=2026-13", supervisor);
    expect(response.statusCode).toBe(400);
  });
});
