import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearerFor, createTestContext, errorOf, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";
import { postAttachment } from "../../testing/uploads";

describe.each(testDatabaseKinds())("risk register on $name", (kind) => {
  let context: TestContext;
  let safety: Record<string, string>;
  let supervisor: Record<string, string>;
  let enterpriseId: string;

  beforeAll(async () => {
    context = await createTestContext(kind, { enterprises: 40 });
    safety = await bearerFor(context, "chem.safety");
    supervisor = await bearerFor(context, "jiangbei.supervisor");
    enterpriseId = (await context.app.inject({ url: "/api/v1/auth/me", headers: safety })).json().user.enterpriseIds[0];
  });
  afterAll(async () => {
    await context?.close();
  });

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

  it("keeps old assessments on the bands they used when an administrator changes the bands", async () => {
    const { id, hazards } = await riskPointWithTwoHazards();
    await inject("POST", `/hazards/${hazards[0].id}/assessments`, safety, { method: "LS", factors: { l: 4, s: 4 } });
    const admin = await bearerFor(context, "admin");
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
    await inject("PUT", "/risk-methods/LS/bands", admin, {
      thresholds: [
        { level: 1, minScore: 20 },
        { level: 2, minScore: 15 },
        { level: 3, minScore: 9 },
      ],
    });
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
    const town = await context.database.db
      .selectFrom("territory")
      .select("id")
      .where("code", "=", "990101001")
      .executeTakeFirstOrThrow();
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

  it("answers the risk calculator for integrations, and rejects inputs off the scale", async () => {
    const integrator = await bearerFor(context, "integrator");
    const ok = await inject("POST", "/calculators/risk", integrator, { method: "LS", factors: { l: 5, s: 4 } });
    expect(ok.json()).toMatchObject({ score: 20, level: 1, colour: "red" });
    const bad = await inject("POST", "/calculators/risk", integrator, { method: "MES", factors: { m: 2, e: 6, s: 8 } });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details).toEqual([{ field: "factors.m", message: expect.stringContaining("5、3、1") }]);
  });

  it("computes the GB 18218 worked example through the calculator", async () => {
    const response = await inject("POST", "/calculators/major-hazard", safety, {
      substances: [
        { cas: "7782-50-5", quantityTonnes: 30 },
        { name: "氨", quantityTonnes: 100 },
      ],
      exposedPopulation: 120,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ s: 16, isMajorHazard: true, alpha: 2, r: 88, level: 2 });
    expect(response.json().terms).toHaveLength(2);
    const bad = await inject("POST", "/calculators/major-hazard", safety, {
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
    const city = await bearerFor(context, "city.supervisor");
    // On PostgreSQL the two requests really race; PGlite runs one transaction at a time, so there they queue.
    const [accept, giveBack] = await Promise.all([
      inject("POST", `/major-hazard-filings/${filing.json().id}/decision`, supervisor, { decision: "accept" }),
      inject("POST", `/major-hazard-filings/${filing.json().id}/decision`, city, {
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
    const admin = await bearerFor(context, "admin");
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

describe.each(testDatabaseKinds())("risk control list export on $name", (kind) => {
  let context: TestContext;
  afterAll(async () => {
    await context?.close();
  });

  it("exports the list as XLSX with colour-filled level cells, filterable by level", async () => {
    context = await createTestContext(kind, { enterprises: 20 });
    const safety = await bearerFor(context, "chem.safety");
    const enterpriseId = (await context.app.inject({ url: "/api/v1/auth/me", headers: safety })).json().user
      .enterpriseIds[0];
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
});

describe.each(testDatabaseKinds())("risk register import on $name", (kind) => {
  let context: TestContext;
  afterAll(async () => {
    await context?.close();
  });

  function upload(url: string, headers: Record<string, string>, file: Buffer) {
    const boundary = "----dualguard-register";
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="register.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return context.app.inject({
      method: "POST",
      url,
      headers: { ...headers, "content-type": `multipart/form-data; boundary=${boundary}` },
      payload,
    });
  }

  async function workbook(rows: (string | number)[][]) {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("x");
    for (const row of rows) sheet.addRow(row);
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  it("imports risk points and hazards all or nothing, reports each bad cell, and re-imports without change", async () => {
    context = await createTestContext(kind, { enterprises: 20 });
    const safety = await bearerFor(context, "chem.safety");
    const enterpriseId = (await context.app.inject({ url: "/api/v1/auth/me", headers: safety })).json().user
      .enterpriseIds[0];
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
});

describe.each(testDatabaseKinds())("risk photos and charts on $name", (kind) => {
  let context: TestContext;
  afterAll(async () => {
    await context?.close();
  });

  it("stores a photo for a risk point, refuses a file that is not an image, and counts points for the charts", async () => {
    context = await createTestContext(kind, { enterprises: 20 });
    const safety = await bearerFor(context, "chem.safety");
    const enterpriseId = (await context.app.inject({ url: "/api/v1/auth/me", headers: safety })).json().user
      .enterpriseIds[0];
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
});

describe.each(testDatabaseKinds())("third-party assessment on $name", (kind) => {
  let context: TestContext;
  afterAll(async () => {
    await context?.close();
  });

  it("records a third party's assessment under its organisation's signature", async () => {
    context = await createTestContext(kind, { enterprises: 20 });
    const safety = await bearerFor(context, "chem.safety");
    const expert = await bearerFor(context, "expert");
    const enterpriseId = (await context.app.inject({ url: "/api/v1/auth/me", headers: safety })).json().user
      .enterpriseIds[0];
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
});
