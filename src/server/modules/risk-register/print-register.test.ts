import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCity, createEnterprise, createUser, signIn, type TestCity } from "../../testing/factories";
import { createTestContext, errorOf, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";
import { buildControlListPdf } from "./pdf/control-list-pdf";
import { buildNoticeCardPdf } from "./pdf/notice-card-pdf";

// Until modules/index.ts mounts the print routes, this file mounts them itself; once it does, this changes nothing.

const SCREENSHOTS = fileURLToPath(new URL("../../../../test/e2e/__screenshots__/", import.meta.url));
// CI installs poppler-utils (bin/ensure-browser.mjs and .ci/run), so there the text checks always run.
const hasPoppler = spawnSync("pdftotext", ["-v"]).error === undefined;
if (process.env.CI && !hasPoppler) throw new Error("pdftotext (poppler-utils) is required in CI");

/** The PDF's text as poppler extracts it, or undefined where poppler-utils is not installed. */
function textOf(pdf: Buffer): string | undefined {
  if (!hasPoppler) return undefined;
  return execFileSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: pdf }).toString("utf8");
}

/** Renders page 1 to test/e2e/__screenshots__/<name>.png (60 dpi) for a person to look at. */
function screenshot(pdf: Buffer, name: string): void {
  if (!hasPoppler) return;
  const dir = mkdtempSync(join(tmpdir(), "dg-pdf-"));
  try {
    writeFileSync(join(dir, "in.pdf"), pdf);
    mkdirSync(SCREENSHOTS, { recursive: true });
    execFileSync("pdftoppm", [
      "-png",
      "-r",
      "60",
      "-f",
      "1",
      "-l",
      "1",
      "-singlefile",
      join(dir, "in.pdf"),
      join(SCREENSHOTS, name),
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function pageCount(pdf: Buffer): number {
  return pdf.toString("latin1").match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
}

function mediaBox(pdf: Buffer): number[] {
  const box = /\/MediaBox \[([^\]]+)\]/.exec(pdf.toString("latin1"))![1];
  return box.trim().split(/\s+/).map(Number);
}

/** Compares text ignoring the spaces and line breaks pdftotext puts between table cells and wrapped lines. */
const squeezed = (text: string) => text.replace(/\s+/g, "");

describe.each(testDatabaseKinds())("printable risk register on $name", (kind) => {
  let context: TestContext;
  let city: TestCity;
  let safety: Record<string, string>;
  let enterprise: { id: string; name: string };
  let red: { id: string; publicToken: string };
  let unassessed: { id: string; publicToken: string };
  let long: { id: string };
  const LONG_MEASURE = `${"储罐区动火作业须办理动火许可证，落实隔离、置换、清洗、检测分析和监护措施，".repeat(25)}完毕。`;

  const inject = (method: string, url: string, headers: Record<string, string>, payload?: object) =>
    context.app.inject({ method: method as "GET", url: `/api/v1${url}`, headers, payload });

  async function post(url: string, payload: object) {
    const response = await inject("POST", url, safety, payload);
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  async function riskPoint(fields: { name: string; unit: string; kind?: string }) {
    return post("/risk-points", {
      ownerId: enterprise.id,
      kind: fields.kind ?? "facility",
      ...fields,
      lng: 118.7,
      lat: 32.1,
      controllingUnit: fields.unit,
      responsiblePerson: "张三",
      responsiblePhone: "13800000001",
      emergencyPhone: "025-58881234",
    });
  }

  beforeAll(async () => {
    context = await createTestContext(kind, { demoCity: false });
    city = await createCity(context.app);
    const chemicals = await createEnterprise(context.app, { territory: city.districts[0].towns[0] });
    enterprise = { id: chemicals.id, name: chemicals.name };
    safety = (await signIn(context.app, chemicals.safetyManager)).headers;

    const chlorine = await riskPoint({ name: "液氯储罐区", unit: "储运车间" });
    const leak = await post(`/risk-points/${chlorine.id}/hazards`, {
      description: "储罐或管道泄漏，氯气扩散",
      factorCode: "22",
      accidentTypes: ["19"],
    });
    await post(`/risk-points/${chlorine.id}/hazards`, {
      description: "检修时高处作业无防护",
      factorCode: "12",
      accidentTypes: ["09", "20"],
    });
    await post(`/hazards/${leak.hazards[0].id}/assessments`, { method: "LEC", factors: { l: 3, e: 10, c: 40 } });
    const measures: [string, string][] = [
      ["engineering", "储罐区设置氯气泄漏检测报警仪并与喷淋吸收系统联锁"],
      ["management", "每班巡检罐区，记录液位、压力"],
      ["training", "岗位人员每年接受氯气泄漏应急培训"],
      ["protection", "进入罐区佩戴正压式空气呼吸器"],
      ["emergency", "发现泄漏立即启动喷淋吸收，人员向上风向撤离"],
    ];
    for (const [kind, content] of measures) {
      await post(`/risk-points/${chlorine.id}/measures`, { kind, content, checkFrequency: "daily" });
    }
    red = chlorine;

    const grinder = await riskPoint({ name: "机修车间砂轮机", unit: "机修车间", kind: "operation" });
    const wheel = await post(`/risk-points/${grinder.id}/hazards`, {
      description: "砂轮破裂飞出",
      factorCode: "21",
      accidentTypes: ["01", "03"],
    });
    await post(`/hazards/${wheel.hazards[0].id}/assessments`, { method: "LS", factors: { l: 3, s: 3 } });

    unassessed = await riskPoint({ name: "新建原料仓库", unit: "储运车间", kind: "place" });
    for (let n = 1; n <= 40; n++) await riskPoint({ name: `巡检点 ${String(n).padStart(2, "0")}`, unit: "公用工程" });

    long = await riskPoint({ name: "长文本测试点", unit: "长文本单元" });
    for (const kind of ["engineering", "management"]) {
      await post(`/risk-points/${long.id}/measures`, { kind, content: LONG_MEASURE, checkFrequency: "daily" });
    }
  });
  afterAll(async () => {
    await context?.close();
  });

  it("prints the control list as landscape A4 with Chinese names, the most severe point first", async () => {
    const pdf = await buildControlListPdf(
      context.database.db,
      enterprise,
      { unit: "储运车间" },
      { locale: "zh-CN", at: new Date("2026-03-01T12:00:00+08:00") },
    );
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pageCount(pdf)).toBe(1);
    expect(mediaBox(pdf)).toEqual([0, 0, 841.89, 595.28]);
    const text = textOf(pdf);
    if (text !== undefined) {
      const flat = squeezed(text);
      expect(flat).toContain(`${enterprise.name}安全风险分级管控清单`);
      expect(flat).toContain("编制日期：2026-03-01");
      expect(flat).toContain("液氯储罐区");
      expect(flat).toContain("重大风险");
      expect(flat).toContain("中毒和窒息");
      expect(flat).toContain("氯气泄漏检测报警仪");
      expect(flat.indexOf("液氯储罐区")).toBeLessThan(flat.indexOf("新建原料仓库"));
      expect(flat).not.toContain("机修车间砂轮机");
      expect(flat).toContain("第1页，共1页");
    }
    if (kind.name === "pglite") screenshot(pdf, "control-list");
  });

  it("repeats the column header and numbers every page of a list longer than a page", async () => {
    const pdf = await buildControlListPdf(context.database.db, enterprise, {}, { locale: "zh-CN" });
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    const text = textOf(pdf);
    if (text !== undefined) {
      const perPage = text.split("\f").filter((page) => page.trim());
      expect(perPage).toHaveLength(pages);
      perPage.forEach((page, index) => {
        expect(squeezed(page)).toContain("可能导致的事故类型");
        expect(squeezed(page)).toContain(`第${index + 1}页，共${pages}页`);
      });
    }
  });

  it("keeps only the points of the level asked for", async () => {
    const text = textOf(await buildControlListPdf(context.database.db, enterprise, { level: 3 }, { locale: "en" }));
    if (text !== undefined) {
      const flat = squeezed(text);
      expect(flat).toContain("机修车间砂轮机");
      expect(flat).toContain("Generalrisk");
      expect(flat).not.toContain("液氯储罐区");
      expect(flat).toContain("Page1of1");
    }
  });

  it("splits a row taller than a page across pages instead of cutting it off", async () => {
    const pdf = await buildControlListPdf(context.database.db, enterprise, { unit: "长文本单元" }, { locale: "zh-CN" });
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(2);
    const text = textOf(pdf);
    if (text !== undefined) expect(squeezed(text)).toContain("完毕。");
  });

  it("prints an A4 notice card in the level's colour with accidents, measures, the emergency phone and a QR code", async () => {
    const pdf = await buildNoticeCardPdf(
      context.database.db,
      { ownerId: enterprise.id, id: red.id },
      { size: "A4", cardUrl: `https://dualguard.example/card/${red.publicToken}` },
    );
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pageCount(pdf)).toBe(1);
    expect(mediaBox(pdf)).toEqual([0, 0, 595.28, 841.89]);
    const text = textOf(pdf);
    if (text !== undefined) {
      const flat = squeezed(text);
      for (const expected of [
        "场所安全风险告知卡",
        "重大风险",
        "液氯储罐区",
        enterprise.name,
        "储罐或管道泄漏，氯气扩散",
        "中毒和窒息、高处坠落、其它伤害",
        "工程技术措施",
        "喷淋吸收系统联锁",
        "正压式空气呼吸器",
        "人员向上风向撤离",
        "025-58881234",
        "扫码查看在线告知卡",
      ]) {
        expect(flat).toContain(expected);
      }
      // A person's own phone number stays off the posted card.
      expect(flat).not.toContain("13800000001");
    }
    if (kind.name === "pglite") screenshot(pdf, "notice-card-a4");
  });

  it("prints the same card on A5 and a grey 未评价 band for a point not assessed yet", async () => {
    const a5 = await buildNoticeCardPdf(
      context.database.db,
      { ownerId: enterprise.id, id: unassessed.id },
      { size: "A5", cardUrl: `https://dualguard.example/card/${unassessed.publicToken}` },
    );
    expect(pageCount(a5)).toBe(1);
    expect(mediaBox(a5)).toEqual([0, 0, 419.53, 595.28]);
    const text = textOf(a5);
    if (text !== undefined) {
      expect(squeezed(text)).toContain("未评价");
      expect(squeezed(text)).toContain("notassessed");
      expect(squeezed(text)).toContain("新建原料仓库");
    }
    if (kind.name === "pglite") screenshot(a5, "notice-card-a5-unassessed");
  });

  it("continues a card whose measures do not fit on a second page", async () => {
    const pdf = await buildNoticeCardPdf(
      context.database.db,
      { ownerId: enterprise.id, id: long.id },
      { size: "A5", cardUrl: "https://dualguard.example/card/x" },
    );
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(2);
    const text = textOf(pdf);
    if (text !== undefined) {
      expect(squeezed(text)).toContain("长文本测试点（续）");
      expect(squeezed(text)).toContain("完毕。");
    }
  });

  it("renders a card in well under a second once the fonts are loaded", async () => {
    const options = { size: "A4" as const, cardUrl: "https://dualguard.example/card/x" };
    await buildNoticeCardPdf(context.database.db, { ownerId: enterprise.id, id: red.id }, options);
    const started = performance.now();
    await buildNoticeCardPdf(context.database.db, { ownerId: enterprise.id, id: red.id }, options);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("serves the control list and the notice card as PDF downloads to those who may read the register", async () => {
    const list = await inject("GET", `/risk-control-list.pdf?ownerId=${enterprise.id}&level=1`, safety);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.headers["content-type"]).toBe("application/pdf");
    expect(list.headers["content-disposition"]).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent(`${enterprise.name}-风险分级管控清单`)}.pdf`,
    );
    expect(list.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");

    const card = await inject("GET", `/risk-points/${red.id}/card.pdf?size=A5`, safety);
    expect(card.statusCode, card.body).toBe(200);
    expect(card.headers["content-type"]).toBe("application/pdf");
    expect(mediaBox(card.rawPayload)).toEqual([0, 0, 419.53, 595.28]);

    expect((await inject("GET", `/risk-points/${red.id}/card.pdf?size=A3`, safety)).statusCode).toBe(400);
    // An industry department outside the chemical industry does not see the enterprise's points.
    const housing = (
      await signIn(
        context.app,
        await createUser(context.app, { role: "department", territory: city, industries: ["47"] }),
      )
    ).headers;
    const hidden = await inject("GET", `/risk-points/${red.id}/card.pdf`, housing);
    expect(hidden.statusCode).toBe(404);
    expect(errorOf(hidden).code).toBe("NOT_FOUND");
    expect((await inject("GET", `/risk-control-list.pdf?ownerId=${enterprise.id}`, housing)).statusCode).toBe(404);
    expect((await inject("GET", `/risk-control-list.pdf?ownerId=${enterprise.id}`, {})).statusCode).toBe(401);
  });

  it("shows anyone with the card's link the public card, and nothing that identifies or locates", async () => {
    const response = await context.app.inject({ url: `/api/v1/public/risk-cards/${red.publicToken}` });
    expect(response.statusCode, response.body).toBe(200);
    const card = response.json();
    expect(card).toEqual({
      ownerName: enterprise.name,
      pointName: "液氯储罐区",
      unit: "储运车间",
      level: 1,
      colour: "red",
      levelName: { zh: "重大风险", en: "Major risk" },
      hazards: [
        {
          description: "储罐或管道泄漏，氯气扩散",
          accidentTypes: [{ zh: "中毒和窒息", en: "Poisoning and asphyxiation" }],
        },
        {
          description: "检修时高处作业无防护",
          accidentTypes: [
            { zh: "高处坠落", en: "Fall from height" },
            { zh: "其它伤害", en: "Other injury" },
          ],
        },
      ],
      measures: {
        engineering: ["储罐区设置氯气泄漏检测报警仪并与喷淋吸收系统联锁"],
        management: ["每班巡检罐区，记录液位、压力"],
        training: ["岗位人员每年接受氯气泄漏应急培训"],
        protection: ["进入罐区佩戴正压式空气呼吸器"],
        emergency: ["发现泄漏立即启动喷淋吸收，人员向上风向撤离"],
      },
      emergencyPhone: "025-58881234",
      controllingUnit: "储运车间",
      responsiblePerson: "张三",
      updatedAt: expect.any(String),
    });
    const body = response.body;
    for (const secret of [red.id, enterprise.id, red.publicToken, "118.7", "32.1", "13800000001"]) {
      expect(body).not.toContain(secret);
    }

    const grey = (await context.app.inject({ url: `/api/v1/public/risk-cards/${unassessed.publicToken}` })).json();
    expect(grey).toMatchObject({ level: null, colour: null, levelName: { zh: "未评价", en: "not assessed" } });

    const unknown = await context.app.inject({ url: "/api/v1/public/risk-cards/no-such-card-token" });
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown)).toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("风险告知卡") });
  });
});
