import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { startBrowserSession } from "./browser-session";

const session = startBrowserSession();
const { newPage, signIn, screenshot } = session;

const menuItem = (page: Page, key: string) => page.getByTestId(`menu-${key}`);

async function tableRows(page: Page, testId: string) {
  return page.getByTestId(testId).locator("tbody tr.ant-table-row");
}

describe("platform web app", () => {
  it("rejects a wrong password with the server's message", async () => {
    const { context, page } = await newPage();
    await page.goto(`${session.url}/`);
    await page.waitForURL(/\/login$/);
    await page.getByTestId("login-username").fill("city.supervisor");
    await page.getByTestId("login-password").fill("wrong-password-1");
    await page.getByTestId("login-submit").click();
    await expect(page.getByTestId("login-error").textContent()).resolves.toContain("用户名或密码错误");
    await screenshot(page, "login-error.png");
    await context.close();
  });

  it("gives a city supervisor territories, enterprises and audit but not user administration", async () => {
    const { context, page } = await newPage();
    await signIn(page, "city.supervisor");
    for (const key of ["overview", "territories", "enterprises", "audit"]) {
      expect(await menuItem(page, key).count(), `menu ${key}`).toBe(1);
    }
    expect(await menuItem(page, "users").count()).toBe(0);
    expect(await menuItem(page, "my-enterprise").count()).toBe(0);
    await page.getByTestId("industry-chart").waitFor();
    await screenshot(page, "supervisor-overview.png");

    // The enterprise list is paged by the server and searchable by name.
    await menuItem(page, "enterprises").click();
    const rows = await tableRows(page, "enterprise-table");
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    const firstName = ((await rows.first().locator("td").first().textContent()) ?? "").trim();
    const searched = page.waitForResponse((r) => r.url().includes("/api/v1/enterprises?") && r.url().includes("q="));
    await page.getByTestId("enterprise-search").locator("input").fill(firstName);
    await page.getByTestId("enterprise-search").locator("input").press("Enter");
    expect((await searched).status()).toBe(200);
    await page.waitForURL(/q=/);
    await page.waitForFunction((name) => {
      const cells = [
        ...document.querySelectorAll('[data-testid="enterprise-table"] tbody tr.ant-table-row td:first-child'),
      ];
      return cells.length > 0 && cells.every((cell) => cell.textContent?.includes(name));
    }, firstName);
    await screenshot(page, "supervisor-enterprises.png");

    // A row opens the enterprise's record; an edit (a PATCH with the CSRF token) shows up in its audit history.
    await (await tableRows(page, "enterprise-table")).first().click();
    await page.getByTestId("enterprise-descriptions").waitFor();
    expect(await page.getByTestId("enterprise-detail").textContent()).toContain(firstName);
    await screenshot(page, "supervisor-enterprise-detail.png");
    const newAddress = "滨江示范市江北区沿江大道 1 号";
    await page.getByTestId("enterprise-edit").click();
    await page.getByTestId("enterprise-form-address").fill(newAddress);
    const saved = page.waitForResponse(
      (r) => r.request().method() === "PATCH" && r.url().includes("/api/v1/enterprises/"),
    );
    await page.locator("#enterprise-form-save").click();
    expect((await saved).status()).toBe(200);
    await page.getByTestId("enterprise-descriptions").getByText(newAddress).waitFor();
    await page.getByTestId("enterprise-history-tab").click();
    const history = await tableRows(page, "audit-table");
    await history.first().waitFor();
    await history.first().locator(".ant-table-row-expand-icon").click();
    expect(await page.getByTestId("audit-diff").textContent()).toContain(newAddress);
    await screenshot(page, "supervisor-enterprise-history.png");

    // The territory tree: city → districts, a node's details and its outline.
    await menuItem(page, "territories").click();
    await page.getByTestId("territory-tree").waitFor();
    await page.getByTestId("territory-node-990101").click();
    await page.waitForURL(/territories\?id=/);
    // The detail panel first shows the city and then the chosen district: wait for the district.
    await page.getByTestId("territory-detail").filter({ hasText: "990101" }).waitFor();
    await page.getByTestId("territory-boundary").waitFor();
    expect(Number(await page.getByTestId("territory-enterprise-count").textContent())).toBeGreaterThan(0);
    await screenshot(page, "supervisor-territories.png");

    // Signing out returns to the login form, and the session is gone.
    await page.getByTestId("user-menu").click();
    await page.getByTestId("logout").click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${session.url}/enterprises`);
    await page.waitForURL(/\/login$/);
    await context.close();
  });

  it("sends a safety manager to its own enterprise, in English once chosen, even after a reload", async () => {
    const { context, page } = await newPage();
    await signIn(page, "chem.safety");
    expect(await menuItem(page, "my-enterprise").count()).toBe(1);
    expect(await menuItem(page, "territories").count()).toBe(0);
    expect(await menuItem(page, "users").count()).toBe(0);
    expect(await menuItem(page, "enterprises").count()).toBe(0);
    await page.getByTestId("my-enterprises").locator("tbody tr.ant-table-row").first().waitFor();
    await screenshot(page, "safety-manager-home.png");

    await menuItem(page, "my-enterprise").click();
    await page.getByTestId("enterprise-descriptions").waitFor();
    expect(await menuItem(page, "my-enterprise").textContent()).toBe("我的企业");

    // English: labels change, the server is asked in English, and the choice survives a reload.
    const englishRequest = page.waitForRequest(
      (r) => r.url().includes("/api/v1/") && r.headers()["accept-language"] === "en",
    );
    await page.getByTestId("lang-en").click();
    await englishRequest;
    expect(await menuItem(page, "my-enterprise").textContent()).toBe("My enterprise");
    expect(await menuItem(page, "overview").textContent()).toBe("Overview");
    expect(await page.evaluate(() => localStorage.getItem("dg.locale"))).toBe("en");
    await page.reload();
    await page.getByTestId("enterprise-descriptions").waitFor();
    expect(await menuItem(page, "my-enterprise").textContent()).toBe("My enterprise");
    expect(await page.getByTestId("enterprise-descriptions").textContent()).toContain("Unified social credit code");
    expect(await page.getByTestId("current-role").textContent()).toBe("Safety manager");
    await screenshot(page, "english-menu.png");
    await context.close();
  });

  it("lets a user change its own password from the user menu, then sign in with the new one", async () => {
    const { context, page } = await newPage();
    await signIn(page, "expert");
    await page.getByTestId("user-menu").click();
    await page.getByTestId("change-password").click();
    await page.getByTestId("current-password").fill("wrong-password-1");
    await page.getByTestId("new-password").fill("Expert-new-2026");
    await page.getByTestId("confirm-password").fill("Expert-new-2026");
    await page.getByTestId("change-password-submit").click();
    // The server's reason appears under the field it is about.
    await page.getByText("当前密码不正确").waitFor();
    await page.getByTestId("current-password").fill("Demo@2026");
    await page.getByTestId("change-password-submit").click();
    await page.getByText("密码已修改").waitFor();
    await screenshot(page, "password-changed.png");
    await page.getByTestId("user-menu").click();
    await page.getByTestId("logout").click();
    await page.waitForURL(/\/login$/);
    await page.getByTestId("login-username").fill("expert");
    await page.getByTestId("login-password").fill("Expert-new-2026");
    await page.getByTestId("login-submit").click();
    await page.getByTestId("side-menu").waitFor();
    await context.close();
  });

  // Last in the file: it closes an enterprise, which the tests above must not meet.
  it("lets a district supervisor close an enterprise with history, which then leaves the everyday list", async () => {
    const { context, page } = await newPage();
    await signIn(page, "jiangbei.supervisor");
    await menuItem(page, "enterprises").click();
    const rows = await tableRows(page, "enterprise-table");
    await rows.first().waitFor();
    const name = ((await rows.first().locator("td").first().textContent()) ?? "").trim();
    await rows.first().click();
    await page.getByTestId("enterprise-descriptions").waitFor();
    // Every demo enterprise has been rated, so it has history: the page offers closing, not deleting.
    expect(await page.getByTestId("enterprise-delete").count()).toBe(0);
    await page.getByTestId("enterprise-close").click();
    await page.getByTestId("enterprise-close-reason").fill("已注销，迁出本辖区");
    const closed = page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/close"));
    await page.locator(".ant-modal-footer .ant-btn-dangerous").click();
    expect((await closed).status()).toBe(200);
    await page.getByTestId("enterprise-descriptions").getByText("已注销，迁出本辖区").waitFor();
    expect(await page.getByTestId("enterprise-close").count()).toBe(0);
    await screenshot(page, "supervisor-enterprise-closed.png");

    await page.goto(`${session.url}/enterprises?q=${encodeURIComponent(name)}`);
    await page.getByTestId("enterprise-table").locator(".ant-empty").waitFor();
    await page.goto(`${session.url}/enterprises?q=${encodeURIComponent(name)}&status=closed`);
    await (await tableRows(page, "enterprise-table")).first().waitFor();
    expect(await (await tableRows(page, "enterprise-table")).count()).toBe(1);
    await context.close();
  });
});
