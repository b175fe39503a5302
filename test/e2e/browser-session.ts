import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { startTestServer } from "../../src/server/testing/start-test-server";

// What every browser test file shares: the built SPA (dist/web, from `npm run build:web`) served by a real server
// over a fresh database seeded with the demo city, Debian's chromium, signing in, and screenshots to look at.

const SCREENSHOTS = fileURLToPath(new URL("./__screenshots__/", import.meta.url));
const BUILT_WEB = fileURLToPath(new URL("../../dist/web/index.html", import.meta.url));
export const DEMO_PASSWORD = "Demo@2026";

export interface BrowserSessionOptions {
  /** Desktop window height; the width is 1440. */
  viewportHeight?: number;
  /** How long a locator waits before the test fails. */
  timeoutMs?: number;
  /** How long a screenshot waits after the network is idle, for charts and fonts to settle. */
  settleMs?: number;
}

export interface BrowserSession {
  /** The server's address, once the suite has started. */
  readonly url: string;
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
  signIn(page: Page, username: string): Promise<void>;
  screenshot(page: Page, name: string): Promise<void>;
}

/** Starts the server and the browser before the file's tests and stops them after. */
export function startBrowserSession(options: BrowserSessionOptions = {}): BrowserSession {
  const { viewportHeight = 900, timeoutMs = 15_000, settleMs = 500 } = options;
  let server: { url: string; close(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  // What the browser refused under the server's Content-Security-Policy; the pages must need nothing it forbids.
  const cspViolations: string[] = [];

  beforeAll(async () => {
    if (!existsSync(BUILT_WEB))
      throw new Error("dist/web is missing: run `npm run build:web` before the browser tests");
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startTestServer();
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--enable-unsafe-swiftshader", "--disable-background-networking"],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    expect(cspViolations, "the pages ran into the Content-Security-Policy").toEqual([]);
  });

  const session: BrowserSession = {
    get url() {
      if (!server) throw new Error("the browser session has not started: use it inside a test");
      return server.url;
    },
    async newPage() {
      if (!browser) throw new Error("the browser session has not started: use it inside a test");
      const context = await browser.newContext({ viewport: { width: 1440, height: viewportHeight }, locale: "zh-CN" });
      const page = await context.newPage();
      page.setDefaultTimeout(timeoutMs);
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) cspViolations.push(`${page.url()}: ${message.text()}`);
      });
      return { context, page };
    },
    async signIn(page, username) {
      await page.goto(`${session.url}/login`);
      await page.getByTestId("login-username").fill(username);
      await page.getByTestId("login-password").fill(DEMO_PASSWORD);
      await page.getByTestId("login-submit").click();
      await page.getByTestId("side-menu").waitFor();
    },
    async screenshot(page, name) {
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(settleMs);
      await page.screenshot({ path: `${SCREENSHOTS}${name}`, fullPage: true });
    },
  };
  return session;
}
