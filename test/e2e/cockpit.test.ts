import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { startBrowserSession } from "./browser-session";

const session = startBrowserSession({ timeoutMs: 20_000, settleMs: 700 });
const { newPage, signIn, screenshot } = session;

/** Waits until the cockpit shows a node: the breadcrumb ends with its name and the figures are on screen. */
async function cockpitShows(page: Page, name: string): Promise<void> {
  await page.waitForFunction((expected) => {
    const crumbs = [
      ...document.querySelectorAll('[data-testid="cockpit-breadcrumb"] li:not(.ant-breadcrumb-separator)'),
    ];
    return (
      crumbs.at(-1)?.textContent?.trim() === expected &&
      !!document.querySelector('[data-testid="cockpit-kpi-enterprises"]')
    );
  }, name);
}

describe("cockpit", () => {
  it("lets a district supervisor drill down from the district to a town, a grid and an enterprise's rating", async () => {
    const { context, page } = await newPage();
    await signIn(page, "jiangbei.supervisor");
    await page.getByTestId("menu-cockpit").click();
    await page.getByTestId("cockpit-page").waitFor();
    await page.getByTestId("cockpit-level-chart").waitFor();
    await page.getByTestId("cockpit-trend-chart").waitFor();
    expect(await page.getByTestId("cockpit-breadcrumb").textContent()).toContain("江北区");
    const enterprises = Number(
      (
        await page.getByTestId("cockpit-kpi-enterprises").locator(".ant-statistic-content-value").textContent()
      )?.replace(/\D/g, ""),
    );
    expect(enterprises).toBeGreaterThan(0);
    expect(await page.getByTestId("cockpit-plans").textContent()).toContain("统计期内执法检查");
    await page.getByTestId("cockpit-campaigns").waitFor();
    await page.getByTestId("cockpit-top-enterprises").locator("tbody tr.ant-table-row").first().waitFor();
    await screenshot(page, "cockpit-district.png");

    // The export answers with a workbook in the user's language.
    const exported = page.waitForResponse((r) => r.url().includes("/api/v1/cockpit/export.xlsx"));
    await page.getByTestId("cockpit-export-xlsx").click();
    const xlsx = await exported;
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()["content-disposition"]).toContain(encodeURIComponent("监管驾驶舱"));

    // District → town: the town with the most enterprises.
    const busiestRow = async () => {
      const rows = page.getByTestId("cockpit-children").locator("tbody tr.ant-table-row");
      await rows.first().waitFor();
      const counts = await rows.evaluateAll((all) => all.map((row) => Number(row.children[2]?.textContent ?? 0)));
      return rows.nth(counts.indexOf(Math.max(...counts)));
    };
    const town = await busiestRow();
    const townName = ((await town.locator("td").first().textContent()) ?? "").trim();
    expect(await town.getAttribute("data-testid")).toMatch(/^cockpit-child-[0-9a-f-]{36}$/);
    await town.click();
    await page.waitForURL(/territoryId=/);
    await cockpitShows(page, townName);
    await page.getByTestId("cockpit-level-chart").waitFor();
    await screenshot(page, "cockpit-town.png");

    // Town → grid, whose enterprises are listed.
    const grid = await busiestRow();
    const gridName = ((await grid.locator("td").first().textContent()) ?? "").trim();
    await grid.click();
    await cockpitShows(page, gridName);
    const enterpriseRows = page.getByTestId("cockpit-enterprises").locator("tbody tr.ant-table-row");
    await enterpriseRows.first().waitFor();
    await screenshot(page, "cockpit-grid.png");

    // The breadcrumb goes back up to the town.
    await page.getByTestId("cockpit-breadcrumb").getByText(townName).click();
    await cockpitShows(page, townName);
    await page.goBack();
    await enterpriseRows.first().waitFor();

    // Grid → enterprise: its page opens on the rating tab, which says why.
    const enterpriseName = ((await enterpriseRows.first().locator("td").first().textContent()) ?? "").trim();
    await enterpriseRows.first().click();
    await page.waitForURL(/\/enterprises\/[0-9a-f-]{36}\?tab=rating$/);
    await page.getByTestId("enterprise-rating").waitFor();
    expect(await page.getByTestId("enterprise-detail").textContent()).toContain(enterpriseName);
    const explanation = (await page.getByTestId("rating-explanation").textContent()) ?? "";
    expect(explanation).toMatch(/^(红色|橙色|黄色|蓝色)，因为：/);
    expect(await page.getByTestId("rating-contributions").locator("tbody tr.ant-table-row").count()).toBeGreaterThan(0);
    await page.getByTestId("rating-history-chart").waitFor();
    await screenshot(page, "enterprise-rating-tab.png");
    await context.close();
  });

  it("opens the rating tab from its own tab strip too, and keeps it in the address", async () => {
    const { context, page } = await newPage();
    await signIn(page, "city.supervisor");
    await page.getByTestId("menu-enterprises").click();
    const rows = page.getByTestId("enterprise-table").locator("tbody tr.ant-table-row");
    await rows.first().click();
    await page.getByTestId("enterprise-rating-tab").click();
    await page.waitForURL(/\?tab=rating$/);
    await page.getByTestId("rating-explanation").waitFor();
    await context.close();
  });

  it("keeps the cockpit from enterprise people", async () => {
    const { context, page } = await newPage();
    await signIn(page, "chem.safety");
    expect(await page.getByTestId("menu-cockpit").count()).toBe(0);
    await page.goto(`${session.url}/cockpit`);
    await page.getByText("无权访问").waitFor();
    await context.close();
  });
});
