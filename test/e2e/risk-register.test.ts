import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../../src/server/testing/start-test-server";

// Drives the risk classification control pages of the built SPA (dist/web, from `npx vite build`) against a real
// server over a fresh seeded database: a safety manager builds a risk point, a supervisor reads it.

const SCREENSHOTS = fileURLToPath(new URL("./__screenshots__/", import.meta.url));
const BUILT_WEB = fileURLToPath(new URL("../../dist/web/index.html", import.meta.url));
const DEMO_PASSWORD = "Demo@2026";

let server: { url: string; close(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(BUILT_WEB)) throw new Error("dist/web is missing: run `npx vite build` before the browser tests");
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startTestServer();
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--enable-unsafe-swiftshader", "--disable-background-networking"],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(viewport = { width: 1440, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: "zh-CN", acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("side-menu").waitFor();
}

async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  // Let charts, the map and fonts settle, and toasts fade, so the picture shows what a person would see.
  await page.waitForLoadState("networkidle");
  await page
    .locator(".ant-message-notice")
    .first()
    .waitFor({ state: "detached", timeout: 6_000 })
    .catch(() => undefined);
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${SCREENSHOTS}${name}`, fullPage });
}

/** MapLibre under software WebGL: `load` always fires; `idle` may not, so it is waited for only briefly. */
async function waitForMap(page: Page): Promise<void> {
  await page.locator('[data-testid="risk-map"][data-map-state="loaded"]').waitFor({ timeout: 30_000 });
  await page
    .locator('[data-testid="risk-map"][data-map-idle="true"]')
    .waitFor({ timeout: 5_000 })
    .catch(() => undefined);
}

/** Types into an antd InputNumber, wherever antd puts the test id (on the input or around it). */
async function fillNumber(page: Page, testId: string, value: string | number, index = 0): Promise<void> {
  await page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).nth(index).fill(String(value));
}

/** Picks an option of an antd Select or TreeSelect by typing and clicking the option's text. */
async function choose(page: Page, testId: string, search: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(search);
  await page
    .locator(".ant-select-dropdown:visible")
    .locator(".ant-select-item-option, .ant-select-tree-node-content-wrapper")
    .filter({ hasText: option })
    .first()
    .click();
  // Go on only once the field shows the choice: a slow machine may still be handling the click.
  await page.getByTestId(testId).filter({ hasText: option }).waitFor();
}

async function addHazard(page: Page, description: string, factor: [string, string], accident: [string, string]) {
  await page.getByTestId("hazard-add").click();
  const form = page.getByTestId("hazard-form");
  await form.getByTestId("hazard-form-description").fill(description);
  await choose(page, "hazard-form-factor", factor[0], factor[1]);
  await choose(page, "hazard-form-accident-types", accident[0], accident[1]);
  await page.keyboard.press("Escape");
  const saved = page.waitForResponse((r) => r.url().includes("/hazards") && r.request().method() === "POST");
  await page.locator("#hazard-form-save").click();
  expect((await saved).status()).toBe(201);
  await page.getByTestId("hazard-table").getByText(description).waitFor();
}

/** Opens the assessment wizard on a hazard row, picks the method and values, and returns at the preview. */
async function assess(page: Page, description: string, method: string, factors: Record<string, number>) {
  const row = page.getByTestId("hazard-table").locator("tr.ant-table-row").filter({ hasText: description });
  await row.getByTestId("hazard-assess").click();
  const wizard = page.getByTestId("assessment-wizard-body");
  await wizard.getByTestId(`assessment-method-${method}`).click();
  await page.getByTestId("assessment-next").click();
  for (const [factor, value] of Object.entries(factors)) {
    await wizard.getByTestId(`assessment-${factor}-${value}`).click();
  }
}

describe("risk classification control", () => {
  let enterpriseId = "";
  let pointPath = "";
  let publicCardPath = "";

  it("lets a safety manager build a risk point, assess it in colour, add a measure and export the list", async () => {
    const { context, page } = await newPage();
    await signIn(page, "chem.safety");

    // The menu sends enterprise people straight to their own register.
    await page.getByTestId("menu-risk").click();
    await page.waitForURL(/\/risk\/enterprises\/[0-9a-f-]+$/);
    enterpriseId = page.url().split("/").pop() ?? "";
    await page.getByTestId("risk-register-page").waitFor();
    const site = await page.evaluate(async (id) => {
      const response = await fetch(`/api/v1/enterprises/${id}`);
      return (await response.json()) as { lng: number; lat: number };
    }, enterpriseId);

    // A new risk point near the plant's registered location.
    await page.getByTestId("risk-create").click();
    await page.getByTestId("risk-form-name").fill("液氯储罐区");
    await page.getByTestId("risk-form-unit").fill("储运车间");
    await fillNumber(page, "risk-form-lng", (site.lng + 0.0012).toFixed(6));
    await fillNumber(page, "risk-form-lat", (site.lat + 0.0008).toFixed(6));
    await page.getByTestId("risk-form-controlling-unit").fill("储运车间");
    await page.getByTestId("risk-form-responsible").fill("张建国");
    await page.getByTestId("risk-form-responsible-phone").fill("13912345678");
    await page.getByTestId("risk-form-emergency-phone").fill("025-5800 1119");
    const created = page.waitForResponse(
      (r) => r.url().endsWith("/api/v1/risk-points") && r.request().method() === "POST",
    );
    await page.locator("#risk-point-form-save").click();
    expect((await created).status()).toBe(201);
    await page.waitForURL(/\/risk\/points\/[0-9a-f-]+$/);
    pointPath = new URL(page.url()).pathname;
    await page.getByTestId("risk-point-page").waitFor();

    // Two hazards: a chlorine leak (GB/T 13861 22 chemical; GB 6441 19 poisoning) and a fall while inspecting.
    await addHazard(page, "储罐或管道泄漏，氯气扩散", ["22", "22 化学性"], ["中毒", "19 中毒和窒息"]);
    await addHazard(page, "巡检平台护栏松动，人员坠落", ["21", "21 物理性"], ["高处", "09 高处坠落"]);

    // LEC: L=3 (possible but unusual) × E=6 (daily) × C=40 (3–9 deaths) = 720 ≥ 320 → red.
    await assess(page, "氯气扩散", "LEC", { l: 3, e: 6, c: 40 });
    const preview = page.getByTestId("assessment-preview");
    await page.locator('[data-testid="assessment-preview"][data-level="1"]').waitFor();
    expect(await page.getByTestId("assessment-preview-score").textContent()).toBe("720");
    await page.waitForTimeout(300);
    await page
      .getByRole("dialog")
      .filter({ has: preview })
      .screenshot({ path: `${SCREENSHOTS}assessment-wizard.png` });
    await page.getByTestId("assessment-next").click();
    const firstSaved = page.waitForResponse((r) => r.url().includes("/assessments") && r.request().method() === "POST");
    await page.getByTestId("assessment-save").click();
    expect((await firstSaved).status()).toBe(201);
    await page.getByTestId("assessment-wizard-body").waitFor({ state: "hidden" });

    // LS: L=2 × S=3 = 6 < 9 → blue.
    await assess(page, "人员坠落", "LS", { l: 2, s: 3 });
    await page.locator('[data-testid="assessment-preview"][data-level="4"]').waitFor();
    await page.getByTestId("assessment-next").click();
    const secondSaved = page.waitForResponse(
      (r) => r.url().includes("/assessments") && r.request().method() === "POST",
    );
    await page.getByTestId("assessment-save").click();
    expect((await secondSaved).status()).toBe(201);
    await page.getByTestId("assessment-wizard-body").waitFor({ state: "hidden" });

    // The point takes its most severe hazard's level, and the company controls a major risk by default.
    await page.locator('[data-testid="risk-point-level"][data-level="1"]').waitFor();
    expect(await page.getByTestId("risk-point-level").textContent()).toBe("重大风险");
    expect(await page.getByTestId("risk-point-control-level").textContent()).toBe("公司级");
    expect(await page.getByTestId("hazard-table").locator('[data-level="4"]').count()).toBe(1);

    // A control measure with what to check and how often.
    await page.getByTestId("measure-add").click();
    await page.getByTestId("measure-form-content").fill("储罐区设置有毒气体检测报警仪，并与紧急切断阀联锁");
    await page.getByTestId("measure-form-check").fill("报警仪在检定有效期内、显示正常，切断阀动作试验记录齐全");
    await page.getByTestId("measure-form-responsible").fill("李明");
    const measure = page.waitForResponse((r) => r.url().includes("/measures") && r.request().method() === "POST");
    await page.locator("#measure-form-save").click();
    expect((await measure).status()).toBe(201);
    await page.getByTestId("measure-group-engineering").getByText("有毒气体检测报警仪", { exact: false }).waitFor();
    await page.getByTestId("notice-card").getByText("有毒气体检测报警仪", { exact: false }).waitFor();
    publicCardPath = new URL((await page.getByTestId("card-public-link").getAttribute("href")) ?? "").pathname;
    await page.getByTestId("card-qr").waitFor();
    await screenshot(page, "risk-point.png");

    // Back on the register: the red tile counts it, the map draws it.
    await page.getByTestId("risk-point-register-link").click();
    await page.getByTestId("risk-register-page").waitFor();
    await page.locator('[data-testid="risk-tile-count-1"]', { hasText: "1" }).waitFor();
    expect(await page.getByTestId("risk-point-table").locator("tbody tr.ant-table-row").count()).toBe(1);
    await waitForMap(page);
    await page.getByTestId("risk-colour-chart").waitFor();
    await screenshot(page, "risk-register.png");

    // A click on the red circle of the map opens the risk point.
    await page.getByTestId("risk-map").scrollIntoViewIfNeeded();
    const dot = await page.evaluate(() => {
      const element = document.querySelector('[data-testid="risk-map"]') as HTMLElement & {
        riskMap?: {
          queryRenderedFeatures(options: { layers: string[] }): { geometry: { coordinates: [number, number] } }[];
          project(position: [number, number]): { x: number; y: number };
        };
      };
      const map = element.riskMap;
      const feature = map?.queryRenderedFeatures({ layers: ["risk-points"] })[0];
      if (!map || !feature) return null;
      const box = element.getBoundingClientRect();
      const at = map.project(feature.geometry.coordinates);
      return { x: box.left + at.x, y: box.top + at.y };
    });
    expect(dot).not.toBeNull();
    await page.mouse.click(dot!.x, dot!.y);
    await page.waitForURL((url) => url.pathname === pointPath);
    await page.getByTestId("risk-point-page").waitFor();
    await page.goBack();
    await page.getByTestId("risk-register-page").waitFor();

    // The control list downloads as a real XLSX (a ZIP: "PK").
    const downloaded = page.waitForEvent("download");
    await page.getByTestId("risk-export-xlsx").click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = readFileSync((await download.path()) ?? "");
    expect(file.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(file.length).toBeGreaterThan(1000);
    await context.close();
  }, 240_000);

  it("lets the safety manager declare a major hazard unit and file it", async () => {
    const { context, page } = await newPage();
    await signIn(page, "chem.safety");
    await page.getByTestId("menu-major-hazards").click();
    await page.getByTestId("major-hazard-units").waitFor();
    await page.getByTestId("unit-create").click();
    await page.getByTestId("unit-form-name").fill("液氯液氨罐区");
    await fillNumber(page, "unit-form-population", 120);
    // GB 18218-2018 worked check: 30 t chlorine + 100 t ammonia, 120 residents → S = 16, R = 88, level 2.
    await choose(page, "unit-substance-pick", "7782-50-5", "7782-50-5");
    await fillNumber(page, "unit-substance-quantity", 30);
    await page.getByRole("button", { name: "添加危险化学品" }).click();
    await page.getByTestId("unit-substance-pick").nth(1).click();
    await page.keyboard.type("7664-41-7");
    await page.locator(".ant-select-dropdown:visible .ant-select-item-option").filter({ hasText: "7664-41-7" }).click();
    await fillNumber(page, "unit-substance-quantity", 100, 1);
    await page.getByTestId("unit-preview").getByText("二级重大危险源").waitFor();
    const saved = page.waitForResponse(
      (r) => r.url().endsWith("/major-hazard-units") && r.request().method() === "POST",
    );
    await page.locator("#unit-form-save").click();
    expect((await saved).status()).toBe(201);
    const unit = page.getByTestId("major-hazard-unit").filter({ hasText: "液氯液氨罐区" });
    await unit.locator('[data-testid="major-hazard-level"][data-level="2"]').waitFor();
    expect(await unit.getByTestId("major-hazard-terms").locator("tbody tr.ant-table-row").count()).toBe(2);

    await unit.getByTestId("unit-file").click();
    await page.getByTestId("filing-safety").fill("设置有毒气体检测报警系统和紧急切断装置，实行双人巡检制度");
    await page.getByTestId("filing-emergency").fill("编制液氯泄漏专项应急预案，配备正压式空气呼吸器和堵漏器材");
    const filed = page.waitForResponse((r) => r.url().includes("/filings") && r.request().method() === "POST");
    await page.locator("#filing-form-save").click();
    expect((await filed).status()).toBe(201);
    await unit.getByTestId("unit-filings").getByText("待受理").waitFor();
    await screenshot(page, "major-hazards.png");
    await context.close();
  }, 120_000);

  it("shows the same register read-only to the district supervisor, and the filings inbox", async () => {
    const { context, page } = await newPage();
    await signIn(page, "jiangbei.supervisor");
    expect(await page.getByTestId("menu-risk").count()).toBe(1);

    await page.goto(`${server.url}/risk/enterprises/${enterpriseId}`);
    await page.getByTestId("risk-register-page").waitFor();
    await page.getByTestId("risk-point-table").locator("tbody tr.ant-table-row").first().waitFor();
    await page.getByTestId("risk-read-only").waitFor();
    for (const button of ["risk-create", "risk-import"]) {
      expect(await page.getByTestId(button).count(), button).toBe(0);
    }
    expect(await page.getByTestId("risk-export-xlsx").count()).toBe(1);
    await waitForMap(page);
    await screenshot(page, "supervisor-risk-register.png");

    await page.goto(`${server.url}${pointPath}`);
    await page.getByTestId("risk-point-page").waitFor();
    await page.locator('[data-testid="risk-point-level"][data-level="1"]').waitFor();
    for (const button of ["risk-point-edit", "risk-point-delete", "hazard-add", "hazard-assess", "measure-add"]) {
      expect(await page.getByTestId(button).count(), button).toBe(0);
    }

    // The filings inbox: the plant's filing awaits a decision; accepting it makes it read-only.
    await page.getByTestId("menu-major-hazards").click();
    await page.getByTestId("filings-inbox").waitFor();
    const submitted = page.getByTestId("filings-submitted").locator("tbody tr.ant-table-row");
    await submitted.filter({ hasText: "液氯液氨罐区" }).first().click();
    await page.getByTestId("filing-detail").waitFor();
    await page.getByTestId("filing-detail").getByTestId("major-hazard-terms").waitFor();
    await screenshot(page, "filings-inbox.png", false);
    await page.getByTestId("filing-accept").click();
    const decided = page.waitForResponse((r) => r.url().includes("/decision"));
    await page
      .locator(".ant-popconfirm")
      .getByRole("button", { name: /确\s*定|OK/ })
      .click();
    expect((await decided).status()).toBe(200);
    await page.getByTestId("filings-tab-accepted").click();
    await page.getByTestId("filings-accepted").getByText("液氯液氨罐区").waitFor();
    await context.close();
  }, 120_000);

  it("shows the notice card to anyone with the link, on a phone, without signing in", async () => {
    const { context, page } = await newPage({ width: 390, height: 844 });
    await page.goto(`${server.url}${publicCardPath}`);
    await page.getByTestId("notice-card").waitFor();
    expect(await page.getByTestId("notice-card").getAttribute("data-level")).toBe("1");
    expect(await page.getByTestId("notice-card-point").textContent()).toBe("液氯储罐区");
    expect(await page.getByTestId("side-menu").count()).toBe(0);
    await screenshot(page, "public-card.png");
    await context.close();
  }, 60_000);
});
