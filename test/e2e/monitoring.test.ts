import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../../src/server/testing/start-test-server";

// Drives the built SPA (dist/web) against a real server: a device is registered, a gas leak ramp is sent through the
// HTTP ingest API, and the alarm reaches the open console live.

const SCREENSHOTS = fileURLToPath(new URL("./__screenshots__/", import.meta.url));
const BUILT_WEB = fileURLToPath(new URL("../../dist/web/index.html", import.meta.url));
const DEMO_PASSWORD = "Demo@2026";
const DEVICE_CODE = "GT-E2E-01";
const DEVICE_NAME = "1# 罐区可燃气体探测器（测试）";

let server: { url: string; close(): Promise<void> };
/** The registered detector's credential, shared by the tests below (they run in order on one server). */
let deviceCredential = "";
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

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("side-menu").waitFor();
}

async function screenshot(page: Page, name: string): Promise<void> {
  // Toasts ("acknowledged") fade after 3 s; the picture shows the page, not them.
  await page
    .locator(".ant-message-notice")
    .first()
    .waitFor({ state: "detached", timeout: 6000 })
    .catch(() => undefined);
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${SCREENSHOTS}${name}`, fullPage: true });
}

type ReadingInput = { ts: string; value: number };

/** Posts readings as the device does: its credential as bearer token, its code as deviceId. */
async function sendReadings(credential: string, readings: readonly ReadingInput[]) {
  const response = await fetch(`${server.url}/api/v1/ingest/readings`, {
    method: "POST",
    headers: { Authorization: `Bearer ${credential}`, "Content-Type": "application/json" },
    body: JSON.stringify({ readings: readings.map((r) => ({ deviceId: DEVICE_CODE, ...r })) }),
  });
  const body = (await response.json()) as { accepted: number; rejected: unknown[] };
  expect(response.status, JSON.stringify(body)).toBe(200);
  expect(body.rejected).toEqual([]);
  return body;
}

describe("monitoring web app", () => {
  it("shows a gas leak alarm live in the console, highlighted, and lets the safety manager acknowledge it", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, "chem.safety");

    // Register a combustible-gas detector through the form; the credential is shown once.
    await page.getByTestId("menu-monitoring").click();
    await page.waitForURL(/\/monitoring\/alarms$/);
    await page.getByTestId("monitoring-switch").getByText("监测设备").click();
    await page.waitForURL(/\/monitoring\/devices$/);
    await page.getByTestId("device-register").click();
    await page.getByTestId("device-code").fill(DEVICE_CODE);
    await page.getByTestId("device-name").fill(DEVICE_NAME);
    await page.getByTestId("device-register-submit").click();
    const credential = await page.getByTestId("device-credential").inputValue();
    expect(credential).toMatch(/^dgd_/);
    deviceCredential = credential;
    await screenshot(page, "device-credential.png");
    await page.getByTestId("device-credential-close").click();
    await page.getByTestId("device-table").getByText(DEVICE_CODE).waitFor();

    // Forty minutes of clean air before the leak, so the sparkline and history have a baseline.
    const now = Date.now();
    const baseline = Array.from({ length: 40 }, (_, i) => ({
      ts: new Date(now - (41 - i) * 60_000).toISOString(),
      value: Math.round((1 + Math.sin(i / 3) * 0.8 + (i % 3) * 0.2) * 10) / 10,
    }));
    await sendReadings(credential, baseline);

    // Open the console, then the leak ramps up: 2 → 35 %LEL crosses the 20 %LEL level-2 threshold.
    await page.getByTestId("menu-monitoring").click();
    await page.waitForURL(/\/monitoring\/alarms$/);
    await page.getByTestId("alarm-table").waitFor();
    await expect(page.getByTestId("alarm-feed-mode").getAttribute("data-mode")).resolves.toBe("live");
    await page.waitForTimeout(1500);
    const ramp = [2, 8, 15, 25, 35].map((value, i) => ({
      ts: new Date(Date.now() - (4 - i) * 4000).toISOString(),
      value,
    }));
    await sendReadings(credential, ramp);

    // No reload: the alarm comes through the stream, flashing, with a banner.
    const row = page.locator('[data-testid="alarm-table"] tr[data-highlighted="true"]', { hasText: DEVICE_NAME });
    await row.waitFor({ timeout: 20_000 });
    await expect(row.getByTestId("alarm-severity").getAttribute("data-severity")).resolves.toBe("2");
    await expect(row.getByTestId("alarm-status").getAttribute("data-status")).resolves.toBe("active_unacknowledged");
    await page.getByTestId("alarm-banner").waitFor();
    await expect(page.getByTestId("alarm-banner").textContent()).resolves.toContain(DEVICE_NAME);
    await screenshot(page, "alarm-console.png");

    // Acknowledge with a note: the row's status changes in place.
    await row.getByTestId("alarm-acknowledge").click();
    await page.getByTestId("acknowledge-note").fill("已通知罐区巡检人员现场核查");
    await page.getByTestId("acknowledge-submit").click();
    const acknowledged = page.locator('[data-testid="alarm-table"] tr', { hasText: DEVICE_NAME }).first();
    await acknowledged.locator('[data-testid="alarm-status"][data-status="acknowledged"]').waitFor();

    // Dispose: cause and action taken, then the disposal history in the expanded row.
    await acknowledged.getByTestId("alarm-dispose").click();
    await page.getByTestId("dispose-cause").fill("法兰垫片老化导致微量泄漏");
    await page.getByTestId("dispose-action").fill("关闭上游阀门，强制通风，更换垫片后复测正常");
    await page.locator(".ant-modal-footer .ant-btn-primary").last().click();
    await page.locator(".ant-modal").last().waitFor({ state: "hidden" });
    await acknowledged.locator(".ant-table-row-expand-icon").click();
    await expect(page.getByTestId("alarm-disposals").first().textContent()).resolves.toContain("法兰垫片老化");

    // Devices: the new detector is in alarm, with a last-hour sparkline.
    await page.getByTestId("monitoring-switch").getByText("监测设备").click();
    const deviceRow = page.locator('[data-testid="device-table"] tr', { hasText: DEVICE_CODE });
    await expect(deviceRow.getByTestId("device-state").getAttribute("data-state")).resolves.toBe("alarm");
    await deviceRow.locator('[data-testid="device-sparkline"] canvas').waitFor();
    await screenshot(page, "devices.png");

    // Device page: the history chart over the last hour, with the facts and the alarm.
    await deviceRow.getByText(DEVICE_CODE).click();
    await page.waitForURL(/\/monitoring\/devices\/[0-9a-f-]+$/);
    await page.locator('[data-testid="device-history-chart"] canvas').waitFor();
    await page.getByTestId("device-alarm-table").getByText("已确认").waitFor();
    await screenshot(page, "device-history.png");

    // The credential can be renewed: the old one stops working at once, the new one is shown once.
    await page.getByTestId("device-access").scrollIntoViewIfNeeded();
    await page.getByTestId("device-dead-letters").waitFor();
    await page.getByTestId("device-rotate").click();
    await page
      .locator(".ant-popconfirm")
      .getByRole("button", { name: /确\s*定|OK/ })
      .click();
    const renewed = await page.getByTestId("device-credential").inputValue();
    expect(renewed).toMatch(/^dgd_/);
    expect(renewed).not.toBe(deviceCredential);
    await screenshot(page, "device-new-credential.png");
    await page.getByTestId("device-credential-close").click();
    const refused = await fetch(`${server.url}/api/v1/ingest/readings`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${deviceCredential}` },
      body: JSON.stringify({ readings: [{ deviceId: DEVICE_CODE, ts: new Date().toISOString(), value: 1 }] }),
    });
    expect(refused.status).toBe(401);
    deviceCredential = renewed;
    await page.getByTestId("device-access").getByText("上次更换").waitFor();
    await screenshot(page, "device-access.png");
    await context.close();
  }, 90_000);

  it("gives a city supervisor the same alarm in English, with territory and enterprise filters", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, "city.supervisor");
    await page.getByTestId("lang-en").click();
    await page.getByTestId("menu-monitoring").click();
    await page.waitForURL(/\/monitoring\/alarms$/);
    await page.getByTestId("alarm-filter-territory").waitFor();
    await page.getByTestId("alarm-filter-enterprise").waitFor();
    const row = page.locator('[data-testid="alarm-table"] tr', { hasText: DEVICE_NAME }).first();
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain("High alarm");
    await expect(row.getByTestId("alarm-status").getAttribute("data-status")).resolves.toBe("acknowledged");
    await screenshot(page, "alarm-console-en.png");

    // Devices across the city, each with its enterprise's name.
    await page.getByTestId("monitoring-switch").getByText("Devices").click();
    await page.getByTestId("device-filter-enterprise").waitFor();
    const deviceRow = page.locator('[data-testid="device-table"] tr', { hasText: DEVICE_CODE });
    await deviceRow.getByText("化工").first().waitFor();
    await screenshot(page, "devices-supervisor-en.png");
    await context.close();
  }, 60_000);

  it("falls back to polling when the stream is unavailable and still flashes an escalation to level 1", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.route("**/api/v1/alarms/stream", (route) =>
      route.fulfill({ status: 404, contentType: "application/json", body: '{"error":{"code":"NOT_FOUND"}}' }),
    );
    await signIn(page, "chem.safety");
    await page.goto(`${server.url}/monitoring/alarms`);
    await page.getByTestId("alarm-table").waitFor();
    await page.locator('[data-testid="alarm-feed-mode"][data-mode="polling"]').waitFor();
    // 55 %LEL passes the 50 %LEL level-1 (high-high) threshold: a second, more severe alarm on the same detector.
    await sendReadings(deviceCredential, [{ ts: new Date().toISOString(), value: 55 }]);
    const row = page.locator('[data-testid="alarm-table"] tr[data-highlighted="true"]', { hasText: DEVICE_NAME });
    await row.waitFor({ timeout: 20_000 });
    await expect(row.getByTestId("alarm-severity").getAttribute("data-severity")).resolves.toBe("1");
    await page.getByTestId("alarm-banner").waitFor();
    await context.close();
  }, 60_000);
});
