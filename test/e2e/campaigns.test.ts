import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chinaDateOf } from "../../src/domain/campaign";
import { startBrowserSession } from "./browser-session";

const session = startBrowserSession();
const { newPage, signIn, screenshot } = session;

// A city runs a special action, a district reports progress, the city reads completion: the built SPA against a real server.

const DAY = 86_400_000;
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
  "base64",
);

async function pickDate(page: Page, testId: string, date: string): Promise<void> {
  const input = page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
  await input.click();
  await input.fill(date);
  await input.press("Enter");
}

/** The most recent Friday whose day has ended in Beijing, so exactly one weekly report is already owed. */
function lastFriday(): string {
  let at = Date.now() - DAY;
  while (new Date(`${chinaDateOf(new Date(at))}T00:00:00Z`).getUTCDay() !== 5) at -= DAY;
  return chinaDateOf(new Date(at));
}

describe("special actions", () => {
  const title = "城镇燃气安全专项整治（浏览器测试）";
  let campaignUrl: string;

  it("lets the city supervisor draft and start a campaign over its districts", async () => {
    const { context, page } = await newPage();
    await signIn(page, "city.supervisor");
    await page.getByTestId("menu-campaigns").click();
    await page.getByTestId("campaign-list").waitFor();
    await page.getByTestId("campaign-create-button").click();
    await page.getByTestId("campaign-create").waitFor();
    await page.getByTestId("campaign-form-title").fill(title);
    const friday = lastFriday();
    const start = chinaDateOf(new Date(Date.parse(`${friday}T00:00:00Z`) - DAY));
    await pickDate(page, "campaign-form-start", start);
    await pickDate(page, "campaign-form-end", chinaDateOf(new Date(Date.now() + 20 * DAY)));
    await page.getByTestId("campaign-form-task-title-0").fill("排查燃气经营和使用企业");
    await page.getByTestId("campaign-form-task-target-0").fill("40");
    await screenshot(page, "campaign-create.png");
    const created = page.waitForResponse(
      (r) => r.request().method() === "POST" && r.url().endsWith("/api/v1/campaigns"),
    );
    await page.getByTestId("campaign-form-submit").click();
    expect((await created).status()).toBe(201);
    await page.getByTestId("campaign-detail").waitFor();
    campaignUrl = page.url();
    expect(await page.getByTestId("campaign-status").textContent()).toBe("草稿");
    await page.getByTestId("campaign-activate").click();
    const activated = page.waitForResponse((r) => r.url().endsWith("/activate"));
    await page.locator(".ant-popconfirm .ant-btn-primary").click();
    expect((await activated).status()).toBe(200);
    await page.getByTestId("campaign-status").getByText("进行中").waitFor();
    // Every district owes the report of last Friday and none is in: each row carries a red overdue tag.
    const overdue = page.getByTestId("campaign-completion").getByTestId("campaign-overdue-tag");
    await overdue.first().waitFor();
    expect(await overdue.count()).toBeGreaterThanOrEqual(4);
    await screenshot(page, "campaign-started.png");
    await context.close();
  });

  it("lets a district supervisor submit its progress report", async () => {
    const { context, page } = await newPage();
    await signIn(page, "jiangbei.supervisor");
    await page.getByTestId("menu-campaigns").click();
    await page.getByTestId("campaign-list").getByText(title).click();
    await page.getByTestId("campaign-report-form").waitFor();
    // A participant sees only its own row.
    expect(await page.getByTestId("campaign-completion").locator("tbody tr.ant-table-row").count()).toBe(1);
    await page.getByTestId("campaign-report-text").fill("本期排查燃气企业 12 家，发现隐患 3 项，已整改 2 项。");
    await page.getByTestId("campaign-report-figure-0-enterprisesInspected").fill("12");
    await page.getByTestId("campaign-report-figure-0-hiddenDangersFound").fill("3");
    await page.getByTestId("campaign-report-figure-0-hiddenDangersRectified").fill("2");
    await page
      .getByTestId("campaign-report-photos-input")
      .setInputFiles({ name: "site.png", mimeType: "image/png", buffer: PNG });
    await page.getByTestId("campaign-report-form").locator("img").first().waitFor();
    const sent = page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/reports"));
    await page.getByTestId("campaign-report-submit").click();
    const response = await sent;
    expect(response.status()).toBe(201);
    expect((await response.json()).timing).toBe("late");
    expect(JSON.parse(response.request().postData() ?? "{}").attachmentIds).toHaveLength(1);
    await page.getByTestId("campaign-completion").getByText("迟报").first().waitFor();
    await screenshot(page, "campaign-district-report.png");
    await context.close();
  });

  it("shows the city the district's report, the others overdue, the task total, and exports it", async () => {
    const { context, page } = await newPage();
    await signIn(page, "city.supervisor");
    await page.goto(campaignUrl);
    const completion = page.getByTestId("campaign-completion");
    await completion.waitFor();
    const jiangbei = completion.locator("tbody tr.ant-table-row", { hasText: "江北区" });
    await jiangbei.getByText("迟报").waitFor();
    expect(await jiangbei.getByTestId("campaign-overdue-tag").count()).toBe(0);
    const rows = await completion.locator("tbody tr.ant-table-row").count();
    expect(await completion.getByTestId("campaign-overdue-tag").count()).toBe(rows - 1);
    const totals = page.getByTestId("campaign-task-totals").locator("tbody tr.ant-table-row").first();
    expect(await totals.textContent()).toContain("12");
    expect(await totals.textContent()).toContain("30%");
    const download = page.waitForEvent("download");
    await page.getByTestId("campaign-export").click();
    expect((await download).suggestedFilename()).toBe(`${title}.xlsx`);
    await screenshot(page, "campaign-completion.png");
    // The same page in English.
    await page.getByTestId("lang-en").click();
    await completion.getByTestId("campaign-overdue-tag").first().getByText("Overdue").waitFor();
    await page
      .getByTestId("campaign-task-totals")
      .getByRole("columnheader", { name: "Enterprises inspected" })
      .waitFor();
    await screenshot(page, "campaign-completion-en.png");
    await context.close();
  });
});
