import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCity,
  createEnterprise,
  createSupervisor,
  createUser,
  signIn,
  type TestCity,
  type TestEnterprise,
} from "../../testing/factories";
import { createTestContext, errorOf, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";
import { multipartFile, postAttachment } from "../../testing/uploads";

describe.each(testDatabaseKinds())("risk register on $name", (kind) => {
  let context: TestContext;
  let city: TestCity;
  let chemicals: TestEnterprise;
  let safety: Record<string, string>;
  let supervisor: Record<string, string>;
  let enterpriseId: string;

  beforeAll(async () => {
    context = await createTestContext(kind, { demoCity: false });
    city = await createCity(context.app);
    chemicals = await createEnterprise(context.app, { territory: city.districts[0].towns[0] });
    enterpriseId = chemicals.id;
    safety = (await signIn(context.app, chemicals.safetyManager)).headers;
    supervisor = (await signIn(context.app, await createSupervisor(context.app, city.districts[0]))).headers;
  });
  afterAll(async () => {
    await context?.close();
  });

  /** Another enterprise of the city with its safety manager signed in, for a test that needs a register of its own. */
  async function anotherEnterprise() {
    const enterprise = await createEnterprise(context.app, { territory: city.districts[0].towns[1] });
    return {
      enterpriseId: enterprise.id,
      enterprise,
      safety: (await signIn(context.app, enterprise.safetyManager)).headers,
    };
  }

  const inject = (method: string, url: string, headers: Record<string, string>, payload?: object) =>
    context.app.inject({ method: method as "GET", url: `/api/v1${url}`, headers, payload });

  async function riskPointWithTwoHazards() {
    const point = await inject("POST", "/risk-points", safety, {
      ownerId: enterpriseId,
      kind: "facility",
      name: "液氯储罐区",
      unit: "储运车间",
      lng: 118.7,
      lat: 32.1,
      controllingUnit: "储运车间",
      responsiblePerson: "张三",
      emergencyPhone: "025-110",
    });
    expect(point.statusCode, point.body).toBe(201);
    const id = point.json().id;
    const first = await inject("POST", `/risk-points/${id}/hazards`, safety, {
      description: "储罐泄漏，氯气扩散",
      factorCode: "22",
      accidentTypes: ["19"],
      consequences: "中毒窒息，多人伤亡",
    });
    expect(first.statusCode, first.body).toBe(201);
    const second = await inject("POST", `/risk-points/${id}/hazards`, safety, {
      description: "检修时高处作业",
      factorCode: "12",
      accidentTypes: ["09", "20"],
    });
    return { id, hazards: second.json().hazards as { id: string }[] };
  }

  it("grades the risk point by its most severe hazard and defaults the control level from the mapping", async () => {
    const { hazards } = await riskPointWithTwoHazards();
    const yellow = await inject("POST", `/hazards/${hazards[1].id}/assessments`, safety, {
      method: "LS",
      factors: { l: 3, s: 3 },
    });
    expect(yellow.statusCode, yellow.body).toBe(201);
    expect(yellow.json()).toMatchObject({ level: 3, colour: "yellow", controlLevel: "workshop" });
    const red = await inject("POST", `/hazards/${hazards[0].id}/assessments`, safety, {
      method: "LEC",
      factors: { l: 3, e: 10, c: 40 },
    });
    expect(red.json()).toMatchObject({ level: 1, colour: "red", controlLevel: "company" });
    expect(red.json().hazards[0].assessment).toMatchObject({
      method: "LEC",
      score: 1200,
      level: 1,
      bandsAreCurrent: true,
      assessorName: expect.any(String),
    });
  });

  it("keeps every assessment as history when a hazard is reassessed", async () => {
    const { hazards } = await riskPointWithTwoHazards();
    await inject("POST", `/hazards/${hazards[0].id}/assessments`, safety, {
      method: "MES",
      factors: { m: 5, e: 6, s: 8 },
    });
    await inject("POST", `/hazards/${hazards[0].id}/assessments`, safety, {
      method: "MES",
      factors: { m: 1, e: 6, s: 8 },
      note: "联锁投用后",
    });
    const history = (await inject("GET", `/hazards/${hazards[0].id}/assessments`, supervisor)).json().items;
    expect(history.map((h: { score: number; level: number }) => [h.score, h.level])).toEqual([
      [48, 4],
      [240, 1],
    ]);
  });

  it("rejects a factor off the scale, naming it and the allowed values", async () => {
    const { hazards } = await riskPointWithTwoHazards();
    const response = await context.app.inject({
      method: "POST",
      url: `/api/v1/hazards/${hazards[0].id}/assessments`,
      headers: { ...safety, "accept-language": "en" },
      payload: { method: "LEC", factors: { l: 3, e: 4, c: 40 } },
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details).toEqual([
      { field: "factors.e", message: expect.stringContaining("allowed values: 10, 6, 3, 2, 1, 0.5") },
    ]);
  });

  it("adds control measures of the five kinds with what to check and how often", async () => {
    const { id } = await riskPointWithTwoHazards();
    for (const kind of ["engineering", "management", "training", "protection", "emergency"]) {
      const created = await inject("POST", `/risk-points/${id}/measures`, safety, {
        kind,
        content: `${kind} 措施内容`,
        checkContent: "检查是否落实",
        checkFrequency: "daily",
        responsiblePerson: "李四",
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    const point = (await inject("GET", `/risk-points/${id}`, safety)).json();
    expect(point.measures.map((m: { kind: string }) => m.kind).sort()).toEqual([
      "emergency",
      "engineering",
      "management",
      "protection",
      "training",
    ]);
    const wrong = await inject("POST", `/risk-points/${id}/measures`, safety, {
      kind: "prayer",
      content: "xx",
      checkFrequency: "daily",
    });
    expect(wrong.statusCode).toBe(400);
  });

  it("lets government read an enterprise register but not write it; lets it keep public-area risk points", async () => {
    const { id } = await riskPointWithTwoHazards();
    expect((await inject("GET", `/risk-points/${id}`, supervisor)).statusCode).toBe(200);
    const write = await inject("PATCH", `/risk-points/${id}`, supervisor, { name: "改名" });
    expect(write.statusCode).toBe(403);
    const town = city.districts[0].towns[0];
    const publicPoint = await inject("POST", "/risk-points", supervisor, {
      ownerId: town.id,
      kind: "place",
      name: "沿江广场",
      publicCategory: "crowded_place",
    });
    expect(publicPoint.statusCode, publicPoint.body).toBe(201);
    const list = (await inject("GET", "/risk-points?publicOnly=true", supervisor)).json();
    expect(list.items.map((p: { name: string }) => p.name)).toContain("沿江广场");
    expect(
      (
        await inject("POST", "/risk-points", safety, {
          ownerId: town.id,
          kind: "place",
          name: "x",
          publicCategory: "other",
        })
      ).statusCode,
    ).toBe(404);
  });

  it("exports the list as XLSX with colour-filled level cells, filterable by level", async () => {
    const { enterpriseId, safety } = await anotherEnterprise();
    const post = (url: string, payload: object) =>
      context.app.inject({ method: "POST", url: `/api/v1${url}`, headers: safety, payload });
    for (const [name, factors] of [
      ["氯气储罐", { l: 5, s: 5 }],
      ["配电室", { l: 2, s: 3 }],
    ] as const) {
      const point = (
        await post("/risk-points", {
          ownerId: enterpriseId,
          kind: "facility",
          name,
          unit: "一车间",
          controllingUnit: "一车间",
          responsiblePerson: "王五",
        })
      ).json();
      const withHazard = (
        await post(`/risk-points/${point.id}/hazards`, {
          description: `${name}危险源`,
          factorCode: "21",
          accidentTypes: ["19", "08"],
        })
      ).json();
      await post(`/hazards/${withHazard.hazards[0].id}/assessments`, { method: "LS", factors });
      await post(`/risk-points/${point.id}/measures`, {
        kind: "emergency",
        content: "启动应急预案，疏散人员",
        checkFrequency: "monthly",
      });
    }
    const response = await context.app.inject({
      url: `/api/v1/risk-control-list?ownerId=${enterpriseId}`,
      headers: safety,
    });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(2).getCell(1).value).toBe("风险点");
    expect(sheet.getRow(2).getCell(13).value).toBe("应急处置措施");
    expect(sheet.getRow(3).getCell(1).value).toBe("氯气储罐");
    expect(String(sheet.getRow(3).getCell(4).value)).toBe("中毒和窒息、火灾");
    expect(String(sheet.getRow(3).getCell(5).value)).toContain("重大风险");
    expect((sheet.getRow(3).getCell(5).fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFD9001B");
    expect(String(sheet.getRow(4).getCell(5).value)).toContain("低风险");
    expect(String(sheet.getRow(3).getCell(13).value)).toContain("疏散人员");
    const onlyBlue = await context.app.inject({
      url: `/api/v1/risk-control-list?ownerId=${enterpriseId}&level=4`,
      headers: safety,
    });
    const blueBook = new ExcelJS.Workbook();
    await blueBook.xlsx.load(onlyBlue.rawPayload as unknown as ArrayBuffer);
    expect(blueBook.worksheets[0].rowCount).toBe(3);
    expect(blueBook.worksheets[0].getRow(3).getCell(1).value).toBe("配电室");
  });

  function upload(url: string, headers: Record<string, string>, data: Buffer) {
    const contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    const body = multipartFile({ fileName: "register.xlsx", contentType, data });
    return context.app.inject({ method: "POST", url, headers: { ...headers, ...body.headers }, payload: body.payload });
  }

  async function workbook(rows: (string | number)[][]) {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("x");
    for (const row of rows) sheet.addRow(row);
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  it("imports risk points and hazards all or nothing, reports each bad cell, and re-imports without change", async () => {
    const { enterpriseId, safety } = await anotherEnterprise();
    const template = await context.app.inject({ url: "/api/v1/risk-import-template", headers: safety });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const header = (book.worksheets[0].getRow(1).values as string[]).slice(1);
    expect(header.slice(0, 3)).toEqual(["风险点名称 *", "风险点类型 *", "所属单元"]);

    const good = [
      header,
      [
        "液氯储罐区",
        "设施设备",
        "储运车间",
        "储运车间",
        "张三",
        "储罐泄漏氯气扩散",
        "22",
        "中毒和窒息",
        "多人中毒",
        "LEC",
        3,
        6,
        40,
        "",
        "",
      ],
      [
        "液氯储罐区",
        "设施设备",
        "储运车间",
        "储运车间",
        "张三",
        "装卸时软管破裂",
        "21",
        "中毒和窒息、灼烫",
        "",
        "LS",
        3,
        "",
        "",
        "",
        4,
      ],
      ["配电室", "场所区域", "动力车间", "动力车间", "李四", "带电作业触电", "12", "05", "", "", "", "", "", "", ""],
    ];
    const bad = [...good, ["", "机器", "x", "", "", "y", "99", "外星人袭击", "", "LEC", 3, 4, 40, "", ""]];
    const rejected = await upload(`/api/v1/risk-points/import?ownerId=${enterpriseId}`, safety, await workbook(bad));
    expect(rejected.statusCode).toBe(400);
    const fields = (errorOf(rejected).details as { errors: { row: number; field: string }[] }).errors.map(
      (e) => `${e.row}:${e.field}`,
    );
    expect(fields).toEqual(
      expect.arrayContaining(["5:point", "5:kind", "5:hazard", "5:factorCode", "5:accidentTypes", "5:e"]),
    );
    expect(
      (await context.app.inject({ url: `/api/v1/risk-points?ownerId=${enterpriseId}`, headers: safety })).json().total,
    ).toBe(0);

    const first = await upload(`/api/v1/risk-points/import?ownerId=${enterpriseId}`, safety, await workbook(good));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({
      riskPoints: { created: 2, updated: 0, unchanged: 0 },
      hazards: { created: 3, updated: 0, unchanged: 0 },
      assessments: 2,
    });
    const list = (
      await context.app.inject({ url: `/api/v1/risk-points?ownerId=${enterpriseId}`, headers: safety })
    ).json();
    expect(list.items.map((p: { name: string; level: number | null }) => [p.name, p.level])).toEqual([
      ["液氯储罐区", 1],
      ["配电室", null],
    ]);
    const again = await upload(`/api/v1/risk-points/import?ownerId=${enterpriseId}`, safety, await workbook(good));
    expect(again.json()).toEqual({
      riskPoints: { created: 0, updated: 0, unchanged: 2 },
      hazards: { created: 0, updated: 0, unchanged: 3 },
      assessments: 0,
    });
  });

  it("stores a photo for a risk point, refuses a file that is not an image, and counts points for the charts", async () => {
    const { enterpriseId, safety } = await anotherEnterprise();
    const send = (fileName: string, contentType: string, data: Buffer) =>
      postAttachment(context.app, safety, enterpriseId, { fileName, contentType, data });
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)]);
    const photo = await send("tank.jpg", "image/jpeg", jpeg);
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json()).toMatchObject({ contentType: "image/jpeg", sizeBytes: 104 });
    const fake = await send("virus.jpg", "image/jpeg", Buffer.from("MZ this is not a photo"));
    expect(fake.statusCode).toBe(415);
    expect(errorOf(fake).message).toContain("JPEG");
    const point = await context.app.inject({
      method: "POST",
      url: "/api/v1/risk-points",
      headers: safety,
      payload: { ownerId: enterpriseId, kind: "place", name: "罐区", unit: "储运", photoIds: [photo.json().id] },
    });
    expect(point.json().photoIds).toEqual([photo.json().id]);
    const download = await context.app.inject({ url: `/api/v1/attachments/${photo.json().id}`, headers: safety });
    expect(download.headers["content-type"]).toBe("image/jpeg");
    expect(download.rawPayload.equals(jpeg)).toBe(true);
    const withHazard = await context.app.inject({
      method: "POST",
      url: `/api/v1/risk-points/${point.json().id}/hazards`,
      headers: safety,
      payload: { description: "泄漏着火", factorCode: "22", accidentTypes: ["08", "18"] },
    });
    await context.app.inject({
      method: "POST",
      url: `/api/v1/hazards/${withHazard.json().hazards[0].id}/assessments`,
      headers: safety,
      payload: { method: "LS", factors: { l: 4, s: 4 } },
    });
    const stats = (
      await context.app.inject({ url: `/api/v1/risk-stats?ownerId=${enterpriseId}`, headers: safety })
    ).json();
    expect(stats.byColour.find((c: { level: number }) => c.level === 2)).toEqual({
      level: 2,
      colour: "orange",
      count: 1,
    });
    expect(stats.byUnit).toEqual([{ unit: "储运", counts: { 1: 0, 2: 1, 3: 0, 4: 0 }, notAssessed: 0 }]);
    expect(stats.byAccidentType.map((a: { nameZh: string }) => a.nameZh).sort()).toEqual(["其它爆炸", "火灾"].sort());
  });

  it("records a third party's assessment under its organisation's signature", async () => {
    const { enterpriseId } = await anotherEnterprise();
    const organisation = await context.database.db
      .insertInto("organisation")
      .values({ kind: "third_party", name: "滨江安评技术服务有限公司", territory_id: city.id, updated_at: new Date() })
      .returning("id")
      .executeTakeFirstOrThrow();
    const assessor = await createUser(context.app, {
      role: "third_party",
      enterpriseIds: [enterpriseId],
      organisationId: organisation.id,
    });
    const expert = (await signIn(context.app, assessor)).headers;
    const point = await context.app.inject({
      method: "POST",
      url: "/api/v1/risk-points",
      headers: expert,
      payload: { ownerId: enterpriseId, kind: "process", name: "氯化工艺" },
    });
    expect(point.statusCode, point.body).toBe(201);
    const hazard = await context.app.inject({
      method: "POST",
      url: `/api/v1/risk-points/${point.json().id}/hazards`,
      headers: expert,
      payload: { description: "氯化反应失控", factorCode: "22", accidentTypes: ["18"] },
    });
    const assessed = await context.app.inject({
      method: "POST",
      url: `/api/v1/hazards/${hazard.json().hazards[0].id}/assessments`,
      headers: expert,
      payload: { method: "MES", factors: { m: 3, e: 6, s: 8 } },
    });
    expect(assessed.json().hazards[0].assessment).toMatchObject({
      score: 144,
      level: 2,
      assessorOrganisation: "滨江安评技术服务有限公司",
    });
  });

  // Last: it leaves new LS bands in force for the rest of this database.
  it("keeps old assessments on the bands they used when an administrator changes the bands", async () => {
    const { id, hazards } = await riskPointWithTwoHazards();
    await inject("POST", `/hazards/${hazards[0].id}/assessments`, safety, { method: "LS", factors: { l: 4, s: 4 } });
    const admin = (await signIn(context.app, await createUser(context.app, { role: "admin" }))).headers;
    const changed = await inject("PUT", "/risk-methods/LS/bands", admin, {
      thresholds: [
        { level: 1, minScore: 16 },
        { level: 2, minScore: 12 },
        { level: 3, minScore: 6 },
      ],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const point = (await inject("GET", `/risk-points/${id}`, safety)).json();
    expect(point.hazards[0].assessment).toMatchObject({ score: 16, level: 2, bandsAreCurrent: false });
    const reassessed = await inject("POST", `/hazards/${hazards[0].id}/assessments`, safety, {
      method: "LS",
      factors: { l: 4, s: 4 },
    });
    expect(reassessed.json().hazards[0].assessment).toMatchObject({ level: 1, bandsAreCurrent: true });
    const bad = await inject("PUT", "/risk-methods/LS/bands", admin, {
      thresholds: [
        { level: 1, minScore: 5 },
        { level: 2, minScore: 12 },
        { level: 3, minScore: 6 },
      ],
    });
    expect(bad.statusCode).toBe(400);
  });
});
