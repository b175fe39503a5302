import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCity, createEnterprise, createSupervisor, createUser, signIn } from "../../testing/factories";
import { createTestContext, errorOf, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";
import { uploadPhoto } from "../../testing/uploads";

describe.each(testDatabaseKinds())("hidden-danger statistics on $name", (kind) => {
  let context: TestContext;
  let as: Record<string, Record<string, string>>;
  let enterpriseId: string;
  let principalName: string;

  beforeAll(async () => {
    context = await createTestContext(kind, { demoCity: false });
    const city = await createCity(context.app);
    const enterprise = await createEnterprise(context.app, { territory: city.districts[0].towns[0] });
    // A chemical plant (division 26); the housing department supervises construction (section E) only.
    const department = await createUser(context.app, { role: "department", territory: city, industries: ["E"] });
    const users = {
      "chem.safety": enterprise.safetyManager,
      "chem.principal": enterprise.principal,
      "jiangbei.supervisor": await createSupervisor(context.app, city.districts[0]),
      "housing.dept": department,
    };
    as = {};
    for (const [name, user] of Object.entries(users)) as[name] = (await signIn(context.app, user)).headers;
    enterpriseId = enterprise.id;
    principalName = enterprise.principal.displayName;
    const managerId = enterprise.safetyManager.id;
    // The source follows from the reporter's role: a supervisor's report is a government one.
    const report = async (description: string, reporter = "chem.safety") =>
      (
        await context.app.inject({
          method: "POST",
          url: "/api/v1/hidden-dangers",
          headers: as[reporter],
          payload: { enterpriseId, description, categoryCode: "21" },
        })
      ).json();
    const act = (id: string, payload: object, user = "chem.safety") =>
      context.app.inject({ method: "POST", url: `/api/v1/hidden-dangers/${id}/actions`, headers: as[user], payload });
    const deadline = new Date(Date.now() + 86_400_000).toISOString();
    const confirm = (id: string, level = "general") =>
      act(id, { type: "confirm", level, responsibleUnit: "一车间", responsiblePersonId: managerId, deadline });
    // Closed on time, still open, overdue (deadline moved into the past), dismissed, and a major one open.
    const closed = await report("防护罩缺失");
    await confirm(closed.id);
    await act(closed.id, { type: "start_rectification" });
    const photo = await uploadPhoto(context.app, as["chem.safety"], enterpriseId);
    expect((await act(closed.id, { type: "submit_rectification", note: "已加装", photoIds: [photo] })).statusCode).toBe(
      200,
    );
    expect((await act(closed.id, { type: "verify_pass" }, "chem.principal")).json().status).toBe("closed");
    const open = await report("地面油污", "jiangbei.supervisor");
    await confirm(open.id);
    const overdue = await report("安全标志褪色");
    await confirm(overdue.id);
    await context.database.db
      .updateTable("hidden_danger")
      .set({ deadline: new Date(Date.now() - 3600_000) })
      .where("id", "=", overdue.id)
      .execute();
    const dismissed = await report("误报");
    await act(dismissed.id, { type: "dismiss", reason: "非隐患" });
    const major = await report("储罐区无报警仪");
    await confirm(major.id, "major");
  });
  afterAll(async () => {
    await context?.close();
  });

  it("counts found, rectified, rates, overdue and major open, by category and source", async () => {
    const stats = (
      await context.app.inject({
        url: `/api/v1/hidden-danger-stats?enterpriseId=${enterpriseId}`,
        headers: as["jiangbei.supervisor"],
      })
    ).json();
    expect(stats).toMatchObject({
      found: 5,
      dismissed: 1,
      rectified: 1,
      rectificationRate: 0.25,
      onTimeRate: 1,
      open: 3,
      overdue: 1,
      majorFound: 1,
      majorOpen: 1,
    });
    expect(stats.byCategory).toEqual([{ category: "2", count: 5 }]);
    expect(stats.bySource.find((s: { source: string }) => s.source === "government").count).toBe(1);
    const department = (
      await context.app.inject({ url: "/api/v1/hidden-danger-stats", headers: as["housing.dept"] })
    ).json();
    expect(department.found).toBe(0);
  });

  it("lets only the principal person sign a finished period, once, and exports it with the signature", async () => {
    await context.database.db
      .updateTable("hidden_danger")
      .set({ found_at: new Date("2026-05-10T02:00:00Z") })
      .where("enterprise_id", "=", enterpriseId)
      .execute();
    const bySafety = await context.app.inject({
      method: "POST",
      url: "/api/v1/hidden-danger-summaries",
      headers: as["chem.safety"],
      payload: { enterpriseId, period: "2026-Q2" },
    });
    expect(bySafety.statusCode).toBe(403);
    const unfinished = await context.app.inject({
      method: "POST",
      url: "/api/v1/hidden-danger-summaries",
      headers: as["chem.principal"],
      payload: { enterpriseId, period: "2026" },
    });
    expect(errorOf(unfinished).message).toContain("尚未结束");
    const signed = await context.app.inject({
      method: "POST",
      url: "/api/v1/hidden-danger-summaries",
      headers: as["chem.principal"],
      payload: { enterpriseId, period: "2026-Q2" },
    });
    expect(signed.statusCode, signed.body).toBe(201);
    expect(signed.json().figures.found).toBe(5);
    const twice = await context.app.inject({
      method: "POST",
      url: "/api/v1/hidden-danger-summaries",
      headers: as["chem.principal"],
      payload: { enterpriseId, period: "2026-Q2" },
    });
    expect(twice.statusCode).toBe(409);
    const file = await context.app.inject({
      url: `/api/v1/hidden-danger-summaries/export?enterpriseId=${enterpriseId}&period=2026-Q2`,
      headers: as["jiangbei.supervisor"],
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0]
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual(["排查发现隐患（项）", 5]);
    const signature = rows.find((r) => r[0] === "主要负责人签字确认");
    expect(String(signature?.[1])).toContain(principalName);
  });
});
