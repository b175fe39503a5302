import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { startBrowserSession } from "./browser-session";

const session = startBrowserSession({ viewportHeight: 1000, timeoutMs: 20_000, settleMs: 700 });
const { newPage, signIn, screenshot } = session;

const LEVEL_NAMES = { 1: "重大风险", 2: "较大风险", 3: "一般风险", 4: "低风险" } as const;
const COLOUR_NAMES = { 1: "红色", 2: "橙色", 3: "黄色", 4: "蓝色" } as const;

/** The rated enterprises of a level in the signed-in user's scope, as the ratings API lists them. */
async function ratedInScope(page: Page, level: number): Promise<{ id: string; name: string }[]> {
  return page.evaluate(async (wanted) => {
    const response = await fetch(`/api/v1/ratings?level=${wanted}&pageSize=200`);
    return ((await response.json()) as { items: { id: string; name: string }[] }).items;
  }, level);
}

describe("the one map", () => {
  it("lets a district supervisor filter the most severe enterprises, read why in the card and open the enterprise", async () => {
    const { context, page } = await newPage();
    await signIn(page, "jiangbei.supervisor");
    await page.getByTestId("menu-map").click();
    await page.getByTestId("map-page").waitFor();
    await page.getByTestId("map-canvas").locator("canvas").waitFor();
    await page.getByTestId("map-legend").waitFor();
    await page.waitForFunction(() => {
      const count = document.querySelector("[data-testid=map-feature-count]");
      return Number(count?.getAttribute("data-features") ?? 0) > 0;
    });
    await screenshot(page, "map-district.png");

    // Red first; the demo seed decides whether the district has a red enterprise (the test reports which level it used).
    let level: 1 | 2 | 3 | 4 = 1;
    let expected = await ratedInScope(page, level);
    while (expected.length === 0 && level < 4) {
      level = (level + 1) as 1 | 2 | 3 | 4;
      expected = await ratedInScope(page, level);
    }
    console.log(`map test: most severe enterprise level in the district is ${level} (${expected.length} enterprises)`);
    expect(expected.length).toBeGreaterThan(0);

    await page.getByTestId("map-filter-level").click();
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option")
      .filter({ hasText: LEVEL_NAMES[level] })
      .click();
    // The list shows exactly the district's enterprises of that level (the other default layers have their own rows).
    // The filtered answer arrives after the debounce: wait until the enterprise rows are exactly those of the level.
    await page.waitForFunction(
      (count) =>
        [...document.querySelectorAll("[data-testid^=map-feature-row-]")].filter((row) =>
          row.textContent?.includes("企业（按风险评级）"),
        ).length === count,
      expected.length,
    );
    const firstRow = page.getByTestId(`map-feature-row-${expected[0].id}`);
    for (const enterprise of expected) {
      await expect(page.getByTestId(`map-feature-row-${enterprise.id}`).count()).resolves.toBe(1);
    }
    const listed = await page.locator("[data-testid^=map-feature-row-]").allTextContents();
    const enterpriseRows = listed.filter((text) => text.includes("企业（按风险评级）"));
    expect(enterpriseRows.length).toBe(expected.length);
    for (const text of enterpriseRows) expect(text).toContain(LEVEL_NAMES[level]);
    await screenshot(page, "map-filtered.png");

    await firstRow.click();
    const card = page.getByTestId("map-feature-card");
    await card.getByTestId("map-feature-card-explanation").waitFor();
    const explanation = await card.getByTestId("map-feature-card-explanation").textContent();
    expect(explanation).toContain(`为什么是${COLOUR_NAMES[level]}`);
    expect(explanation).toContain(`${COLOUR_NAMES[level]}，因为：`);
    await expect(card.getByTestId("map-feature-card-level").textContent()).resolves.toContain(LEVEL_NAMES[level]);
    await expect(card.textContent()).resolves.toContain("未销号隐患");
    await screenshot(page, "map-card.png");

    await card.getByTestId("map-feature-card-link").click();
    await page.waitForURL(new RegExp(`/enterprises/${expected[0].id}$`));
    await page.getByTestId("enterprise-detail").waitFor();
    expect(await page.getByTestId("map-page").count()).toBe(0);
    await expect(page.getByTestId("enterprise-detail").textContent()).resolves.toContain(expected[0].name);
    await screenshot(page, "map-enterprise.png");
    await context.close();
  }, 120_000);

  it("draws the whole city with risk points and the heat layer for the city supervisor", async () => {
    const { context, page } = await newPage();
    await signIn(page, "city.supervisor");
    await page.goto(`${session.url}/map`);
    await page.getByTestId("map-canvas").locator("canvas").waitFor();
    await page.getByTestId("map-layer-toggle-riskPoints").click();
    await page.getByTestId("map-layer-toggle-heat").click();
    await page.waitForFunction(() => {
      const count = document.querySelector("[data-testid=map-feature-count]");
      return Number(count?.getAttribute("data-features") ?? 0) > 0;
    });
    await page.waitForLoadState("networkidle");
    await screenshot(page, "map-city.png");
    const drawn = Number(await page.getByTestId("map-feature-count").getAttribute("data-features"));
    expect(drawn).toBeGreaterThan(0);
    await context.close();
  }, 120_000);
});
