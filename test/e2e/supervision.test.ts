import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { startBrowserSession } from "./browser-session";

const session = startBrowserSession();
const { newPage, signIn, screenshot } = session;

// Drives the built SPA (dist/web, from `npm run build:web`) against a real server over a fresh seeded database.

/** The text input of an Ant Design field, whether the test id sits on the input or on its wrapper. */
const inputOf = (page: Page, testId: string) =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/** Types a date into an Ant Design DatePicker and confirms it. */
async function pickDate(page: Page, testId: string, date: string) {
  const input = inputOf(page, testId);
  await input.click();
  // Typing moves the calendar to the date; clicking its cell chooses it (Enter would submit the form).
  await input.fill(date);
  await page.locator(`.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) td[title="${date}"]`).click();
  await expect.poll(() => input.inputValue()).toBe(date);
}

const isoInDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe("classified supervision web pages", () => {
  it("lets a city supervisor generate a monthly plan, record an inspection with an ordered hidden danger and a penalty, and see completion rise", async () => {
    const { context, page } = await newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await signIn(page, "city.supervisor");
    await page.getByTestId("menu-supervision").click();
    await page.getByTestId("supervision-plans").waitFor();
    await page.getByTestId("plan-department").waitFor();
    await inputOf(page, "plan-capacity").fill("40");
    await page.getByTestId("plan-generate-submit").click();

    await page.waitForURL(/\/supervision\/plans\/[0-9a-f-]+$/);
    const planUrl = page.url();
    const seed = await page.getByTestId("plan-seed").textContent();
    expect(seed).toMatch(/^\d{4}-\d{2}:[0-9a-f-]{36}/);
    const items = page.getByTestId("plan-items").locator("tbody tr.ant-table-row");
    await items.first().waitFor();
    expect(await items.count()).toBeGreaterThan(0);
    const completion = page.getByTestId("plan-completion");
    expect(await completion.getAttribute("data-inspected")).toBe("0");
    await screenshot(page, "supervision-plan.png");

    await items.first().getByTestId("plan-item-record").click();
    await page.getByTestId("inspection-form").waitFor();
    await page.getByTestId("inspection-findings").fill("液氯罐区可燃气体报警器故障，未及时维修");
    await page.getByTestId("inspection-add-hd").click();
    await page.getByTestId("inspection-hd-description").fill("液氯罐区可燃气体报警器故障");
    await pickDate(page, "inspection-deadline", isoInDays(15));
    await page.getByTestId("inspection-add-penalty").click();
    await inputOf(page, "inspection-penalty-amount").fill("20000");
    await page.getByTestId("inspection-penalty-basis").fill("《安全生产法》第九十九条第（二）项");
    await inputOf(page, "inspection-violations").fill("1");
    await pickDate(page, "inspection-recheck", isoInDays(20));
    await screenshot(page, "supervision-inspection-form.png");
    await page.getByTestId("inspection-save").click();

    await page.waitForURL(/\/supervision\/plans\/[0-9a-f-]+$/);
    await expect
      .poll(async () => page.getByTestId("plan-completion").getAttribute("data-inspected"), { timeout: 10_000 })
      .toBe("1");
    await screenshot(page, "supervision-plan-after-inspection.png");

    await page.goto(`${session.url}/supervision/inspections`);
    const records = page.getByTestId("inspection-list").locator("tbody tr.ant-table-row");
    await records.first().waitFor();
    expect(await records.first().textContent()).toContain("20,000");
    await records.first().click();
    await page.getByTestId("inspection-detail").waitFor();
    expect(await page.getByTestId("inspection-detail").textContent()).toContain("液氯罐区可燃气体报警器故障");
    await screenshot(page, "supervision-inspections.png");

    await page.goto(`${session.url}/supervision/frequency`);
    await page.getByTestId("frequency-table").locator("tbody tr.ant-table-row").first().waitFor();
    await screenshot(page, "supervision-frequency.png");
    // The same plan in English, for a reader who does not read Chinese.
    await page.getByTestId("lang-en").click();
    await page.goto(planUrl);
    await page.getByTestId("plan-items").locator("tbody tr.ant-table-row").first().waitFor();
    expect(await page.getByTestId("plan-detail").textContent()).toContain("Key check contents");
    await screenshot(page, "supervision-plan-en.png");
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
