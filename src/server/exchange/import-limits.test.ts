import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeUsccCheckCharacter } from "../../domain/enterprise/uscc";
import { createCity, createEnterprise, createSupervisor, signIn, type TestCity } from "../testing/factories";
import { deflateRepeated, workbookParts, zipOf } from "../testing/hostile-files";
import { createTestContext, errorOf, type TestContext } from "../testing/test-app";
import { testDatabaseKinds } from "../testing/test-database";
import { multipartFile } from "../testing/uploads";
import { TABLE_LIMITS } from "./table-limits";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The files an attacker uploads, each with the answer it must get. */
async function hostileFiles() {
  const far = new ExcelJS.Workbook();
  far.addWorksheet("a").getCell("XFD1048576").value = "x";
  const bombPayload = await deflateRepeated(Buffer.alloc(1024 * 1024, 0x20), 200);
  const manyEntries = workbookParts({ name: "", content: Buffer.from("<worksheet/>") });
  for (let i = 0; i < TABLE_LIMITS.zipEntries; i++) manyEntries.push({ name: `m/${i}`, content: Buffer.from("x") });
  return [
    {
      what: "a 5 kB workbook whose only cell is XFD1048576",
      name: "far.xlsx",
      content: Buffer.from(await far.xlsx.writeBuffer()),
      status: 422,
      message: "at most 200 columns",
    },
    {
      what: "a zip bomb declaring 200 MB",
      name: "bomb.xlsx",
      content: zipOf(workbookParts({ name: "", packed: bombPayload, declaredBytes: 200 * 1024 * 1024 })),
      status: 413,
      message: "100 MB unpacked",
    },
    {
      what: "a zip bomb understating its size",
      name: "liar.xlsx",
      content: zipOf(workbookParts({ name: "", packed: bombPayload, declaredBytes: 2000 })),
      status: 413,
      message: "more than the 2000 bytes it declares",
    },
    {
      what: "an archive of 505 entries",
      name: "many.xlsx",
      content: zipOf(manyEntries),
      status: 413,
      message: "500 zip entries",
    },
    {
      what: "a sheet of 50,001 rows",
      name: "long.csv",
      content: Buffer.from("名称\n".repeat(TABLE_LIMITS.rows + 1)),
      status: 422,
      message: "at most 50,000 rows",
    },
    {
      what: "a CSV with a million columns",
      name: "wide.csv",
      content: Buffer.from(`${",".repeat(999_999)}\n`),
      status: 422,
      message: "at most 200 columns",
    },
    {
      what: "an upload over 10 MB",
      name: "huge.csv",
      content: Buffer.alloc(TABLE_LIMITS.fileBytes + 1, 0x61),
      status: 413,
      message: "10 MB per upload",
    },
  ];
}

describe.each(testDatabaseKinds())("import limits on $name", (kind) => {
  let context: TestContext;
  let supervisor: Record<string, string>;
  let safety: Record<string, string>;
  let enterpriseId: string;
  let city: TestCity;
  let files: Awaited<ReturnType<typeof hostileFiles>>;

  beforeAll(async () => {
    context = await createTestContext(kind, { demoCity: false });
    city = await createCity(context.app);
    const enterprise = await createEnterprise(context.app, { territory: city.districts[0].towns[0] });
    enterpriseId = enterprise.id;
    supervisor = (await signIn(context.app, await createSupervisor(context.app, city.districts[0]))).headers;
    safety = (await signIn(context.app, enterprise.safetyManager)).headers;
    files = await hostileFiles();
  });
  afterAll(async () => {
    await context?.close();
  });

  const upload = (url: string, headers: Record<string, string>, name: string, content: Buffer, locale = "en") => {
    const m = multipartFile({
      fileName: name,
      contentType: name.endsWith(".csv") ? "text/csv" : XLSX_TYPE,
      data: content,
    });
    return context.app.inject({
      method: "POST",
      url,
      payload: m.payload,
      headers: { ...headers, ...m.headers, "accept-language": locale },
    });
  };

  it("answers each hostile enterprise import with 413 or 422 naming the limit, and goes on serving", async () => {
    for (const file of files) {
      const response = await upload("/api/v1/enterprises/import", supervisor, file.name, file.content);
      expect(response.statusCode, `${file.what}: ${response.body}`).toBe(file.status);
      expect(errorOf(response).message, file.what).toContain(file.message);
      expect(errorOf(response).message, file.what).toContain("nothing was imported");
      const next = await context.app.inject({ url: "/api/v1/enterprises?pageSize=1", headers: supervisor });
      expect(next.statusCode, `after ${file.what}`).toBe(200);
    }
    const chinese = await upload("/api/v1/enterprises/import", supervisor, files[0].name, files[0].content, "zh-CN");
    expect(errorOf(chinese).message).toContain("最多 200 列");
    // A normal file still imports: the reader worker is healthy after all of the above.
    const uscc = `91990101MA0099001${computeUsccCheckCharacter("91990101MA0099001")}`;
    const csv = Buffer.from(
      `统一社会信用代码,企业名称,行业代码,规模,属地编码\n${uscc},限额测试公司,26,小型,${city.districts[0].towns[0].code}\n`,
    );
    const normal = await upload("/api/v1/enterprises/import", supervisor, "ok.csv", csv);
    expect(normal.statusCode, normal.body).toBe(200);
    expect(normal.json()).toMatchObject({ created: 1 });
  }, 120_000);

  it("puts the risk register import through the same limits", async () => {
    const url = `/api/v1/risk-points/import?ownerId=${enterpriseId}`;
    for (const file of files) {
      const response = await upload(url, safety, file.name, file.content);
      expect(response.statusCode, `${file.what}: ${response.body}`).toBe(file.status);
      expect(errorOf(response).message, file.what).toContain(file.message);
    }
    const csv = Buffer.from(
      "风险点名称,风险点类型,危险源描述,危险有害因素代码,事故类型\n限额测试罐区,设施设备,储罐泄漏,22,中毒和窒息\n",
    );
    const normal = await upload(url, safety, "ok.csv", csv);
    expect(normal.statusCode, normal.body).toBe(200);
    expect(normal.json().riskPoints.created).toBe(1);
  }, 120_000);
});
