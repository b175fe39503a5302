import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateInspectionTasks } from "../../src/server/modules/inspections/inspection-jobs";
import { type RunningServer, startServer } from "../../src/server/start-server";
import { TEST_CONFIG } from "../../src/server/testing/test-app";

// Drives the built SPA (dist/web) on a phone-sized screen: an employee reports a hidden danger with a photo, the
// safety manager confirms and rectifies it, the principal verifies it, and the statistics count it as rectified.
// The server is started like startTestServer(), but kept at hand so the inspection-task job can be run at once.

const SCREENSHOTS = fileURLToPath(new URL("./__screenshots__/", import.meta.url));
const BUILT_WEB = fileURLToPath(new URL("../../dist/web/index.html", import.meta.url));
const DEMO_PASSWORD = "Demo@2026";
// A 2 × 2 red PNG: enough for the attachment store to accept it as an image.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
  "base64",
);

let server: RunningServer;
let dataDir: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(BUILT_WEB)) throw new Error("dist/web is missing: run `npx vite build` before the browser tests");
  mkdirSync(SCREENSHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), "dualguard-e2e-"));
  server = await startServer({ ...TEST_CONFIG, dataDir, seedDemo: true });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--enable-unsafe-swiftshader", "--disable-background-networking"],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function phone(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${server.url}/login`);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  // On a phone the side menu is folded away; the header's bell shows the session is open.
  await page.getByTestId("notification-bell").waitFor();
  return { context, page };
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${SCREENSHOTS}${name}`, fullPage: true });
}

async function act(page: Page, action: string, fill?: () => Promise<void>): Promise<void> {
  await page.getByTestId(`hd-action-${action}`).click();
  await fill?.();
  const answered = page.waitForResponse((r) => r.url().includes("/actions") && r.request().method() === "POST");
  await page.locator("#action-submit").click();
  expect((await answered).status(), action).toBe(200);
  // The step's own dialog closes (other dialogs, such as the password one, stay rendered but hidden).
  await page.locator("#action-submit").waitFor({ state: "hidden" });
}

async function statusOf(page: Page): Promise<string> {
  return ((await page.getByTestId("hd-status-tag").first().textContent()) ?? "").trim();
}

describe("hidden-danger governance on a phone", () => {
  let dangerPath = "";

  it("lets an employee report a hidden danger with a photo in a few taps", async () => {
    const { context, page } = await phone("chem.worker");
    await page.goto(`${server.url}/hidden-dangers/report`);
    await page.getByTestId("report-page").waitFor();
    // Without a photo the employee cannot send it.
    await page.getByTestId("report-description").fill("二号罐区围堰排水阀未关闭，雨水外溢");
    expect(await page.getByTestId("report-submit").isDisabled()).toBe(true);
    await page
      .getByTestId("report-photo-input")
      .setInputFiles({ name: "valve.png", mimeType: "image/png", buffer: PNG });
    await page.getByTestId("report-page").locator("img").first().waitFor();
    await page.getByTestId("report-place").fill("二号罐区");
    await screenshot(page, "hd-report-phone.png");
    const created = page.waitForResponse(
      (r) => r.url().endsWith("/api/v1/hidden-dangers") && r.request().method() === "POST",
    );
    await page.getByTestId("report-submit").click();
    expect((await created).status()).toBe(201);
    await page.getByTestId("report-done").waitFor();
    await page.getByTestId("report-view").click();
    await page.getByTestId("hd-detail").waitFor();
    dangerPath = new URL(page.url()).pathname;
    expect(dangerPath).toMatch(/^\/hidden-dangers\/[0-9a-f-]{36}$/);
    expect(await statusOf(page)).toBe("已上报");
    // The employee may not confirm or dismiss it.
    expect(await page.getByTestId("hd-action-confirm").count()).toBe(0);
    await context.close();
  });

  it("lets the safety manager confirm and assign it, the employee rectify it with an after photo, and the principal close it", async () => {
    const manager = await phone("chem.safety");
    // The report reached the safety manager's bell.
    await manager.page.getByTestId("notification-count").locator(".ant-badge-count").waitFor();
    // The list shows it as reported; a tap opens it.
    await manager.page.goto(`${server.url}/hidden-dangers?status=reported`);
    const row = manager.page.getByTestId("hd-table").locator("tbody tr.ant-table-row").first();
    await row.waitFor();
    expect(await row.textContent()).toContain("二号罐区围堰排水阀未关闭");
    await screenshot(manager.page, "hd-list-phone.png");
    await row.click();
    await manager.page.getByTestId("hd-detail").waitFor();
    expect(new URL(manager.page.url()).pathname).toBe(dangerPath);
    await act(manager.page, "confirm", async () => {
      await manager.page.locator(".ant-modal .ant-radio-button-wrapper").filter({ hasText: "一般隐患" }).click();
      await manager.page.getByTestId("action-category").click();
      await manager.page
        .locator(".ant-select-dropdown:visible .ant-select-item-option")
        .filter({ hasText: "物的因素" })
        .first()
        .click();
      await manager.page.getByTestId("action-unit").fill("储运车间");
      // Assign the rectification to the employee who found it.
      await manager.page.getByTestId("action-person").click();
      await manager.page
        .locator(".ant-select-dropdown:visible .ant-select-item-option")
        .filter({ hasText: "化工企业 操作工" })
        .first()
        .click();
      // Submit only once both choices show in their fields (a slow machine may still be closing a dropdown).
      await manager.page.getByTestId("action-category").filter({ hasText: "物的因素" }).waitFor();
      await manager.page.getByTestId("action-person").filter({ hasText: "化工企业 操作工" }).waitFor();
    });
    expect(await statusOf(manager.page)).toBe("已确认");
    await manager.context.close();

    // The responsible employee rectifies it on the phone and submits an after photo.
    const worker = await phone("chem.worker");
    await worker.page.goto(`${server.url}${dangerPath}`);
    await worker.page.getByTestId("hd-detail").waitFor();
    await act(worker.page, "start_rectification");
    expect(await statusOf(worker.page)).toBe("整改中");
    await act(worker.page, "submit_rectification", async () => {
      await worker.page.getByTestId("action-note").fill("已关闭排水阀并挂牌，清理外溢雨水");
      await worker.page
        .getByTestId("action-after-photo-input")
        .setInputFiles({ name: "closed.png", mimeType: "image/png", buffer: PNG });
      await worker.page.locator(".ant-modal-body img").first().waitFor();
    });
    expect(await statusOf(worker.page)).toBe("待验收");
    // The rectifier may not verify their own work.
    expect(await worker.page.getByTestId("hd-action-verify_pass").count()).toBe(0);
    await worker.context.close();

    const principal = await phone("chem.principal");
    await principal.page.goto(`${server.url}${dangerPath}`);
    await principal.page.getByTestId("hd-detail").waitFor();
    expect(await principal.page.getByTestId("hd-action-verify_fail").count()).toBe(1);
    await screenshot(principal.page, "hd-detail.png");
    await act(principal.page, "verify_pass", async () => {
      await principal.page.getByTestId("action-comment").fill("现场复查，排水阀已关闭");
    });
    expect(await statusOf(principal.page)).toBe("已销号");
    expect(await principal.page.getByTestId("hd-photos-after").locator("img").count()).toBeGreaterThan(0);
    expect(await principal.page.getByTestId("hd-timeline").textContent()).toContain("验收通过");

    // The statistics count it as found and rectified.
    await principal.page.goto(`${server.url}/hidden-danger-stats`);
    await principal.page.getByTestId("stats-rectified").waitFor();
    await principal.page.waitForLoadState("networkidle");
    expect(
      Number(await principal.page.getByTestId("stats-rectified").locator(".ant-statistic-content-value").textContent()),
    ).toBeGreaterThanOrEqual(1);
    expect(
      Number(await principal.page.getByTestId("stats-found").locator(".ant-statistic-content-value").textContent()),
    ).toBeGreaterThanOrEqual(1);
    await screenshot(principal.page, "hd-stats.png");
    await principal.context.close();
  });

  it("lets an employee work through an inspection task on a phone; a failed check opens a hidden danger", async () => {
    const manager = await phone("chem.safety");
    await manager.page.goto(`${server.url}/inspections/checklist`);
    await manager.page.getByTestId("checklist-page").waitFor();
    const generated = manager.page.waitForResponse((r) => r.url().includes("/checklists/generate"));
    await manager.page.getByTestId("checklist-generate").click();
    expect((await generated).status()).toBe(200);
    // Besides the items from the control measures, the daily template's items.
    await manager.page.getByTestId("checklist-add-template").click();
    await manager.page.getByTestId("checklist-template-kind").click();
    await manager.page
      .locator(".ant-select-dropdown:visible .ant-select-item-option")
      .filter({ hasText: "日常检查" })
      .click();
    const added = manager.page.waitForResponse(
      (r) => r.url().includes("/checklist-items") && r.request().method() === "POST",
    );
    await manager.page.locator("#checklist-add-save").click();
    expect((await added).status()).toBe(201);
    await manager.page.getByTestId("checklist-table").locator("tbody tr.ant-table-row").first().waitFor();
    await manager.context.close();
    // The server job makes the tasks every ten minutes; run it now.
    await generateInspectionTasks(server.app.database.db, new Date());

    const { context, page } = await phone("chem.worker");
    await page.goto(`${server.url}/inspections`);
    await page.getByTestId("task-row").first().click();
    await page.getByTestId("task-page").waitFor();
    const items = page.getByTestId("check-item");
    expect(await items.count()).toBeGreaterThan(0);
    const recorded = () => page.waitForResponse((r) => r.url().includes("/items/") && r.request().method() === "PUT");
    let answer = recorded();
    await items.nth(0).getByTestId("check-pass").click();
    expect((await answer).status()).toBe(200);
    if ((await items.count()) > 1) {
      await items.nth(1).getByTestId("check-note").fill("消防通道堆放杂物");
      answer = recorded();
      await items.nth(1).getByTestId("check-fail").click();
      expect((await answer).status()).toBe(200);
      await items.nth(1).getByTestId("check-hidden-danger").waitFor();
    }
    await screenshot(page, "inspections-phone.png");
    await context.close();
  });
});
