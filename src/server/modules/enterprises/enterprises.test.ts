import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeUsccCheckCharacter } from "../../../domain/enterprise/uscc";
import {
  createCity,
  createEnterprise,
  createSupervisor,
  type SignedInUser,
  signIn,
  type TestDistrict,
  type TestEnterprise,
  type TestTerritory,
} from "../../testing/factories";
import { createTestContext, errorOf, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";

/** A valid credit code with a chosen serial, so tests can make as many as they need. */
function uscc(serial: number): string {
  const first17 = `91990101MA${String(serial).padStart(7, "0")}`;
  return first17 + computeUsccCheckCharacter(first17);
}

function multipart(fileName: string, content: Buffer, type: string) {
  const boundary = "----dualguard-import";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

async function xlsxOf(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("企业");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const HEADER = [
  "统一社会信用代码",
  "企业名称",
  "行业代码",
  "规模",
  "属地编码",
  "地址",
  "经度",
  "纬度",
  "主要负责人",
  "负责人电话",
  "安全管理人员",
  "状态",
];

describe.each(testDatabaseKinds())("enterprises on $name", (kind) => {
  let context: TestContext;
  let supervisor: SignedInUser;
  let supervisorName: string;
  let district: TestDistrict;
  let town: TestTerritory;
  let townId: string;
  let own: TestEnterprise;
  let foreign: TestEnterprise;

  beforeAll(async () => {
    context = await createTestContext(kind, { demoCity: false });
    const { app } = context;
    const city = await createCity(app);
    district = city.districts[0];
    town = district.towns[0];
    townId = town.id;
    const user = await createSupervisor(app, district);
    supervisorName = user.username;
    supervisor = await signIn(app, user);
    own = await createEnterprise(app, { territory: town });
    // More of the district's enterprises in both its towns, for paging and the town filter; one next door.
    for (const place of [town, district.towns[1], town, district.towns[1], district.towns[1]]) {
      await createEnterprise(app, { territory: place });
    }
    foreign = await createEnterprise(app, { territory: city.districts[1].towns[0] });
  });
  afterAll(async () => {
    await context?.close();
  });
  const post = (payload: object, headers = supervisor.headers, language = "zh-CN") =>
    context.app.inject({
      method: "POST",
      url: "/api/v1/enterprises",
      headers: { ...headers, "accept-language": language },
      payload,
    });

  it("registers an enterprise and records who did it in the audit trail", async () => {
    const response = await post({
      name: "滨江测试化工有限公司",
      uscc: uscc(1),
      industryCode: "26",
      scale: "small",
      territoryId: townId,
      lng: 118.7,
      lat: 32.1,
      safetyManagers: [{ name: "李安全", phone: "13900000000" }],
    });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      industryName: "化学原料和化学制品制造业",
      status: "operating",
      territoryPath: expect.stringContaining(`/${town.code}/`),
    });
    const audit = await context.app.inject({
      url: `/api/v1/audit?entityType=enterprise&entityId=${created.id}`,
      headers: supervisor.headers,
    });
    expect(audit.json().items[0]).toMatchObject({
      action: "create",
      actorName: expect.stringContaining(supervisorName),
    });
  });

  it("clears coordinates with null instead of storing 0,0, and names the full place below the city", async () => {
    const created = (
      await post({
        name: "坐标测试公司",
        uscc: uscc(40),
        industryCode: "51",
        scale: "micro",
        territoryId: townId,
        lng: 118.75,
        lat: 32.1,
      })
    ).json();
    expect(created.territoryFullName).toBe(`${district.name} / ${town.name}`);
    const cleared = await context.app.inject({
      method: "PATCH",
      url: `/api/v1/enterprises/${created.id}`,
      headers: supervisor.headers,
      payload: { lng: null, lat: null },
    });
    expect(cleared.json()).toMatchObject({ lng: null, lat: null });
    const onlyOne = await context.app.inject({
      method: "PATCH",
      url: `/api/v1/enterprises/${created.id}`,
      headers: supervisor.headers,
      payload: { lng: 118.7 },
    });
    expect(errorOf(onlyOne).details).toEqual([{ field: "lng", message: expect.stringContaining("同时") }]);
  });

  it("rejects a credit code whose check character is wrong, saying which character it should be", async () => {
    const good = uscc(2);
    const bad = `${good.slice(0, 17)}${good[17] === "0" ? "1" : "0"}`;
    const zh = await post({
      name: "校验码错误公司",
      uscc: bad,
      industryCode: "26",
      scale: "small",
      territoryId: townId,
    });
    expect(zh.statusCode).toBe(400);
    expect(errorOf(zh).code).toBe("VALIDATION_FAILED");
    expect(errorOf(zh).details).toEqual([{ field: "uscc", message: expect.stringContaining(`应为 ${good[17]}`) }]);
    const en = await post(
      { name: "校验码错误公司", uscc: bad, industryCode: "26", scale: "small", territoryId: townId },
      supervisor.headers,
      "en",
    );
    expect((errorOf(en).details as { message: string }[])[0].message).toContain("check character");
  });

  it("rejects an unknown industry code and a duplicate credit code, naming the field", async () => {
    const wrongIndustry = await post({
      name: "行业错误公司",
      uscc: uscc(3),
      industryCode: "99",
      scale: "small",
      territoryId: townId,
    });
    expect(errorOf(wrongIndustry).details).toEqual([
      { field: "industryCode", message: expect.stringContaining("GB/T 4754") },
    ]);
    const duplicate = await post({
      name: "重复公司",
      uscc: uscc(1),
      industryCode: "26",
      scale: "small",
      territoryId: townId,
    });
    expect(errorOf(duplicate).details).toEqual([{ field: "uscc", message: expect.stringContaining("已登记") }]);
  });

  it("refuses to register an enterprise in another district", async () => {
    const response = await post({
      name: "越权登记公司",
      uscc: uscc(4),
      industryCode: "26",
      scale: "small",
      territoryId: foreign.territoryId,
    });
    expect(response.statusCode).toBe(403);
  });

  it("pages, searches and filters the list", async () => {
    const all = await context.app.inject({ url: "/api/v1/enterprises?pageSize=5", headers: supervisor.headers });
    const page = all.json();
    expect(page.items).toHaveLength(5);
    expect(page.total).toBeGreaterThan(5);
    const second = (
      await context.app.inject({ url: "/api/v1/enterprises?pageSize=5&page=2", headers: supervisor.headers })
    ).json();
    expect(second.items.map((e: { id: string }) => e.id)).not.toContain(page.items[0].id);
    const search = (
      await context.app.inject({
        url: `/api/v1/enterprises?q=${encodeURIComponent("测试化工")}`,
        headers: supervisor.headers,
      })
    ).json();
    expect(search.items.map((e: { name: string }) => e.name)).toEqual(["滨江测试化工有限公司"]);
    const byCode = (
      await context.app.inject({ url: `/api/v1/enterprises?q=${uscc(1).slice(0, 17)}`, headers: supervisor.headers })
    ).json();
    expect(byCode.total).toBe(1);
    const chemical = (
      await context.app.inject({ url: "/api/v1/enterprises?industry=26&pageSize=200", headers: supervisor.headers })
    ).json();
    expect(chemical.items.every((e: { industryCode: string }) => e.industryCode === "26")).toBe(true);
    const inTown = (
      await context.app.inject({
        url: `/api/v1/enterprises?territoryId=${townId}&pageSize=200`,
        headers: supervisor.headers,
      })
    ).json();
    expect(inTown.total).toBeGreaterThan(0);
    expect(inTown.total).toBeLessThan(page.total);
    const badPage = await context.app.inject({ url: "/api/v1/enterprises?pageSize=1000", headers: supervisor.headers });
    expect(badPage.statusCode).toBe(400);
    expect(errorOf(badPage).message).toContain("pageSize");
  });

  it("lets the enterprise's own safety manager edit contacts but not its identity", async () => {
    const safety = await signIn(context.app, own.safetyManager);
    const id = own.id;
    const ok = await context.app.inject({
      method: "PATCH",
      url: `/api/v1/enterprises/${id}`,
      headers: safety.headers,
      payload: { principalPhone: "13712345678", contacts: [{ name: "值班室", phone: "025-12345678", role: "duty" }] },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().contacts[0].role).toBe("duty");
    const rename = await context.app.inject({
      method: "PATCH",
      url: `/api/v1/enterprises/${id}`,
      headers: safety.headers,
      payload: { name: "改名公司" },
    });
    expect(rename.statusCode).toBe(400);
    expect(errorOf(rename).details).toEqual([{ field: "name", message: expect.stringContaining("属地监管部门") }]);
  });

  it("offers templates in XLSX and CSV that read back with the published headers", async () => {
    const xlsx = await context.app.inject({
      url: "/api/v1/enterprises/import-template?format=xlsx",
      headers: supervisor.headers,
    });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const header = (workbook.worksheets[0].getRow(1).values as string[]).slice(1);
    expect(header[0]).toBe("统一社会信用代码 *");
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["企业", "行业代码", "属地编码"]);
    const csv = await context.app.inject({
      url: "/api/v1/enterprises/import-template?format=csv",
      headers: { ...supervisor.headers, "accept-language": "en" },
    });
    expect(csv.body.split("\r\n")[0]).toContain("Unified social credit code *");
  });

  it("imports nothing when any row is wrong, and reports each problem by row and column", async () => {
    const before = (await context.app.inject({ url: "/api/v1/enterprises", headers: supervisor.headers })).json().total;
    const file = await xlsxOf([
      HEADER,
      [uscc(10), "导入甲公司", "26", "小型", town.code, "", "118.7", "32.1", "王", "13800000000", "李:139", "正常经营"],
      [
        uscc(11).slice(0, 17) + (uscc(11)[17] === "0" ? "1" : "0"),
        "导入乙公司",
        "26",
        "中型",
        town.code,
        "",
        "",
        "",
        "",
        "",
        "",
        "",
      ],
      [uscc(12), "导入丙公司", "26", "巨型", `${district.code}999`, "", "500", "", "", "", "", ""],
      [uscc(10), "重复行公司", "26", "小型", town.code, "", "", "", "", "", "", ""],
    ]);
    const response = await context.app.inject({
      method: "POST",
      url: "/api/v1/enterprises/import",
      ...(() => {
        const m = multipart("企业.xlsx", file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return { payload: m.payload, headers: { ...supervisor.headers, ...m.headers } };
      })(),
    });
    expect(response.statusCode).toBe(400);
    const error = errorOf(response) as {
      code: string;
      details: { errors: { row: number; field: string; column: string; message: string }[] };
    };
    expect(error.code).toBe("IMPORT_REJECTED");
    const problems = error.details.errors.map((e) => `${e.row}:${e.field}`);
    expect(problems).toEqual(expect.arrayContaining(["3:uscc", "4:scale", "4:lng", "5:uscc"]));
    expect(error.details.errors.find((e) => e.row === 4 && e.field === "scale")).toMatchObject({
      column: "规模",
      message: expect.stringContaining("巨型"),
    });
    const after = (await context.app.inject({ url: "/api/v1/enterprises", headers: supervisor.headers })).json().total;
    expect(after).toBe(before);
  });

  it("imports a valid CSV, and importing it again changes nothing", async () => {
    const csv = Buffer.from(
      `\uFEFF${HEADER.join(",")}\r\n${uscc(20)},导入丁公司,26,小型,${town.code},沿江路1号,118.71,32.11,王五,13800000001,"李四:13900000001;赵六:13900000002",正常经营\r\n${uscc(21)},导入戊公司,62,微型,${district.towns[1].code},,,,,,,停产\r\n`,
      "utf8",
    );
    const send = () => {
      const m = multipart("enterprises.csv", csv, "text/csv");
      return context.app.inject({
        method: "POST",
        url: "/api/v1/enterprises/import",
        payload: m.payload,
        headers: { ...supervisor.headers, ...m.headers },
      });
    };
    const first = await send();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ total: 2, created: 2, updated: 0, unchanged: 0 });
    const auditCount = async () =>
      (await context.app.inject({ url: "/api/v1/audit?entityType=enterprise", headers: supervisor.headers })).json()
        .total;
    const auditBefore = await auditCount();
    const second = await send();
    expect(second.json()).toEqual({ total: 2, created: 0, updated: 0, unchanged: 2 });
    expect(await auditCount()).toBe(auditBefore);
    const imported = (
      await context.app.inject({ url: `/api/v1/enterprises?q=${uscc(20)}`, headers: supervisor.headers })
    ).json().items[0];
    const detail = (
      await context.app.inject({ url: `/api/v1/enterprises/${imported.id}`, headers: supervisor.headers })
    ).json();
    expect(detail.safetyManagers).toEqual([
      { name: "李四", phone: "13900000001" },
      { name: "赵六", phone: "13900000002" },
    ]);
  });

  it("refuses an import row that matches another district's enterprise, saying only that it belongs elsewhere", async () => {
    const { db } = context.database;
    const stored = await db.selectFrom("enterprise").selectAll().where("id", "=", foreign.id).executeTakeFirstOrThrow();
    // Same credit code, a name and a town of the importer's own district: the takeover the check must stop.
    const csv = Buffer.from(
      `${HEADER.join(",")}\r\n${stored.uscc},接管后的名称有限公司,26,小型,${town.code},,,,,,,\r\n${uscc(50)},本区新企业,26,小型,${town.code},,,,,,,\r\n`,
      "utf8",
    );
    const m = multipart("takeover.csv", csv, "text/csv");
    const response = await context.app.inject({
      method: "POST",
      url: "/api/v1/enterprises/import",
      payload: m.payload,
      headers: { ...supervisor.headers, ...m.headers },
    });
    expect(response.statusCode).toBe(400);
    const error = errorOf(response) as { details: { errors: { row: number; field: string; message: string }[] } };
    expect(error.details.errors).toEqual([
      { row: 2, field: "uscc", column: "统一社会信用代码", message: expect.stringContaining("属于其他辖区") },
    ]);
    for (const secret of [stored.name, stored.id, stored.territory_path, stored.address].filter(Boolean)) {
      expect(response.body).not.toContain(secret);
    }
    const after = await db.selectFrom("enterprise").selectAll().where("id", "=", foreign.id).executeTakeFirstOrThrow();
    expect(after).toEqual(stored);
    const created = await db.selectFrom("enterprise").select("id").where("uscc", "=", uscc(50)).executeTakeFirst();
    expect(created).toBeUndefined();
  });

  it("rejects a file that is neither XLSX nor CSV with a hint", async () => {
    const m = multipart("photo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47]), "image/png");
    const response = await context.app.inject({
      method: "POST",
      url: "/api/v1/enterprises/import",
      payload: m.payload,
      headers: { ...supervisor.headers, ...m.headers },
    });
    expect(response.statusCode).toBe(415);
    expect(errorOf(response).message).toContain("模板");
  });

  it("deletes an enterprise registered by mistake and keeps the record in the audit trail", async () => {
    const created = (
      await post({ name: "误登记公司", uscc: uscc(30), industryCode: "51", scale: "micro", territoryId: townId })
    ).json();
    const removed = await context.app.inject({
      method: "DELETE",
      url: `/api/v1/enterprises/${created.id}`,
      headers: supervisor.headers,
    });
    expect(removed.statusCode).toBe(204);
    expect(
      (await context.app.inject({ url: `/api/v1/enterprises/${created.id}`, headers: supervisor.headers })).statusCode,
    ).toBe(404);
    const audit = (
      await context.app.inject({ url: `/api/v1/audit?entityId=${created.id}`, headers: supervisor.headers })
    ).json();
    expect(audit.items.map((i: { action: string }) => i.action)).toEqual(["delete", "create"]);
    expect(audit.items[0].before.name).toBe("误登记公司");
  });
});
