import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../jobs/clock";
import { JobRunner } from "../../jobs/job-runner";
import {
  createCity,
  createEnterprise,
  createSupervisor,
  createUser,
  signIn,
  type TestCity,
  type TestEnterprise,
} from "../../testing/factories";
import { createTestContext, errorOf, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";
import { uploadPhoto } from "../../testing/uploads";
import { hiddenDangerDeadlineJob } from "./hidden-danger-jobs";

describe.each(testDatabaseKinds())("hidden dangers on $name", (kind) => {
  let context: TestContext;
  let city: TestCity;
  let enterprise: TestEnterprise;
  let as: Record<string, Record<string, string>>;
  let enterpriseId: string;
  let userIds: Record<string, string>;

  beforeAll(async () => {
    context = await createTestContext(kind, { demoCity: false });
    city = await createCity(context.app);
    // A chemical plant in the first district's first town, its district's supervisor and the city's.
    enterprise = await createEnterprise(context.app, { territory: city.districts[0].towns[0] });
    const users = {
      "chem.worker": enterprise.employee,
      "chem.safety": enterprise.safetyManager,
      "chem.principal": enterprise.principal,
      "jiangbei.supervisor": await createSupervisor(context.app, city.districts[0]),
      "city.supervisor": await createSupervisor(context.app, city),
    };
    as = {};
    userIds = {};
    for (const [name, user] of Object.entries(users)) {
      as[name] = (await signIn(context.app, user)).headers;
      userIds[name] = user.id;
    }
    enterpriseId = enterprise.id;
  });
  afterAll(async () => {
    await context?.close();
  });

  const photo = (user: string) => uploadPhoto(context.app, as[user], enterpriseId);

  const act = (user: string, id: string, payload: object) =>
    context.app.inject({ method: "POST", url: `/api/v1/hidden-dangers/${id}/actions`, headers: as[user], payload });
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

  async function reported(description = "消防通道堆放杂物") {
    const response = await context.app.inject({
      method: "POST",
      url: "/api/v1/hidden-dangers",
      headers: as["chem.safety"],
      payload: { enterpriseId, description, categoryCode: "43", photoIds: [await photo("chem.safety")] },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  it("takes an employee's report with a photo through confirmation, rectification and verification to closed", async () => {
    const withoutPhoto = await context.app.inject({
      method: "POST",
      url: "/api/v1/hidden-dangers",
      headers: as["chem.worker"],
      payload: { enterpriseId, description: "配电箱门损坏" },
    });
    expect(withoutPhoto.statusCode).toBe(400);
    const report = await context.app.inject({
      method: "POST",
      url: "/api/v1/hidden-dangers",
      headers: as["chem.worker"],
      payload: { enterpriseId, description: "配电箱门损坏", photoIds: [await photo("chem.worker")] },
    });
    expect(report.statusCode, report.body).toBe(201);
    const danger = report.json();
    expect(danger).toMatchObject({
      status: "reported",
      source: "employee_report",
      code: expect.stringMatching(/^YH\d{8}-/),
    });
    const confirmed = await act("chem.safety", danger.id, {
      type: "confirm",
      level: "general",
      categoryCode: "21",
      responsibleUnit: "动力车间",
      responsiblePersonId: userIds["chem.worker"],
      deadline: inDays(7),
      measures: "更换配电箱门锁",
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({
      status: "confirmed",
      responsibleUserName: enterprise.employee.displayName,
      finderName: enterprise.employee.displayName,
    });
    const staff = (
      await context.app.inject({ url: `/api/v1/enterprises/${enterpriseId}/staff`, headers: as["chem.safety"] })
    ).json().items;
    expect(staff.map((u: { displayName: string }) => u.displayName)).toContain(enterprise.employee.displayName);
    expect((await act("chem.worker", danger.id, { type: "start_rectification" })).json().status).toBe("rectifying");
    const after = await photo("chem.worker");
    const submitted = await act("chem.worker", danger.id, {
      type: "submit_rectification",
      note: "已更换门锁",
      photoIds: [after],
    });
    expect(submitted.json()).toMatchObject({ status: "awaiting_verification", photoAfterIds: [after] });
    const selfVerify = await act("chem.worker", danger.id, { type: "verify_pass" });
    expect(selfVerify.statusCode).toBe(403);
    const closed = await act("chem.principal", danger.id, { type: "verify_pass", comment: "复查合格" });
    expect(closed.json()).toMatchObject({ status: "closed", closedAt: expect.any(String) });
    expect(closed.json().events.map((e: { action: string }) => e.action)).toEqual([
      "report",
      "confirm",
      "start_rectification",
      "submit_rectification",
      "verify_pass",
    ]);
    const illegal = await act("chem.safety", danger.id, { type: "dismiss", reason: "x" });
    expect(illegal.statusCode).toBe(409);
    expect(errorOf(illegal).message).toBeTruthy();
  });

  it("refuses a verifier who is the rectifier", async () => {
    const danger = await reported("安全阀未校验");
    await act("chem.safety", danger.id, {
      type: "confirm",
      level: "general",
      responsibleUnit: "储运车间",
      responsiblePersonId: userIds["chem.safety"],
      deadline: inDays(3),
    });
    // An employee who is not the responsible person may not take the rectification over.
    expect((await act("chem.worker", danger.id, { type: "start_rectification" })).statusCode).toBe(403);
    await act("chem.safety", danger.id, { type: "start_rectification" });
    await act("chem.safety", danger.id, {
      type: "submit_rectification",
      note: "已校验",
      photoIds: [await photo("chem.safety")],
    });
    const own = await act("chem.safety", danger.id, { type: "verify_pass" });
    expect(own.statusCode).toBe(400);
    expect(errorOf(own).message).toMatch(/整改|rectif/);
    const sentBack = await act("chem.principal", danger.id, { type: "verify_fail", reason: "校验报告缺失" });
    expect(sentBack.json().status).toBe("rectifying");
  });

  it("sends a major hidden danger to government, needs a plan, and lets government list and delist it", async () => {
    const danger = await reported("液氯储罐区可燃气体报警仪失效");
    const confirmed = await act("chem.safety", danger.id, {
      type: "confirm",
      level: "major",
      responsibleUnit: "储运车间",
      responsiblePersonId: userIds["chem.safety"],
      deadline: inDays(30),
    });
    expect(confirmed.json().level).toBe("major");
    const inbox = (
      await context.app.inject({ url: "/api/v1/notifications", headers: as["jiangbei.supervisor"] })
    ).json();
    expect(inbox.items.map((n: { title: string }) => n.title).join()).toContain("重大事故隐患");
    const noPlan = await act("chem.safety", danger.id, { type: "start_rectification" });
    expect(noPlan.statusCode).toBe(400);
    const plan = {
      objectiveAndTasks: "恢复报警仪并与紧急切断联锁",
      method: "更换探头，重新标定",
      fundsAndMaterials: "8 万元，探头 6 只",
      responsiblePeople: ["李安全"],
      timeLimit: inDays(20),
      safetyMeasures: "整改期间人员巡检每 2 小时一次",
      emergencyPlan: "泄漏时启动碱液喷淋并疏散",
    };
    expect((await act("chem.safety", danger.id, { type: "start_rectification", plan })).json().status).toBe(
      "rectifying",
    );
    expect(
      (await act("chem.safety", danger.id, { type: "list_for_supervision", progressIntervalDays: 7 })).statusCode,
    ).toBe(403);
    const listed = await act("jiangbei.supervisor", danger.id, {
      type: "list_for_supervision",
      progressIntervalDays: 7,
    });
    expect(listed.json().supervision).toMatchObject({ listed: true, progressIntervalDays: 7 });
    expect((await act("jiangbei.supervisor", danger.id, { type: "delist" })).statusCode).toBe(409);
    const supervised = (
      await context.app.inject({ url: "/api/v1/hidden-dangers?supervised=true", headers: as["city.supervisor"] })
    ).json();
    expect(supervised.items.map((d: { id: string }) => d.id)).toContain(danger.id);
  });

  it("reminds before the deadline and escalates when overdue, once per step, on a controllable clock", async () => {
    const danger = await reported("防爆电气接线盒缺螺栓");
    const deadline = inDays(5);
    await act("chem.safety", danger.id, {
      type: "confirm",
      level: "major",
      responsibleUnit: "合成车间",
      responsiblePersonId: userIds["chem.worker"],
      deadline,
    });
    const clock = new ManualClock(new Date(new Date(deadline).getTime() - 3.5 * 86_400_000));
    const runner = new JobRunner({ db: context.database.db, clock, log: console }, [hiddenDangerDeadlineJob()]);
    const titles = async (user: string) =>
      (await context.app.inject({ url: "/api/v1/notifications?pageSize=100", headers: as[user] }))
        .json()
        .items.filter((n: { title: string }) => n.title.includes(danger.code) && !n.title.startsWith("新上报"))
        .map((n: { title: string }) => n.title);
    await runner.tick();
    expect(await titles("chem.worker")).toEqual([]);
    clock.advance(0.6 * 86_400_000);
    await runner.tick();
    expect(await titles("chem.worker")).toEqual([`隐患 ${danger.code} 将于 3 天后到期`]);
    clock.advance(2 * 86_400_000);
    await runner.tick();
    clock.advance(400_000);
    await runner.tick();
    expect(await titles("chem.worker")).toEqual([
      `隐患 ${danger.code} 将于 1 天后到期`,
      `隐患 ${danger.code} 将于 3 天后到期`,
    ]);
    expect(await titles("chem.principal")).toEqual([]);
    clock.advance(86_400_000);
    await runner.tick();
    expect((await titles("chem.safety")).filter((t: string) => t.includes("逾期"))).toHaveLength(1);
    clock.advance(2 * 86_400_000);
    await runner.tick();
    expect((await titles("chem.principal")).filter((t: string) => t.includes("逾期"))).toHaveLength(1);
    clock.advance(4 * 86_400_000);
    await runner.tick();
    clock.advance(400_000);
    await runner.tick();
    expect((await titles("jiangbei.supervisor")).filter((t: string) => t.includes("逾期"))).toHaveLength(1);
    expect((await titles("chem.safety")).filter((t: string) => t.includes("逾期"))).toHaveLength(1);
  });

  it("closes a general hidden danger on the spot in one step with before and after photos, by the finder's supervisor", async () => {
    const report = await context.app.inject({
      method: "POST",
      url: "/api/v1/hidden-dangers",
      headers: as["chem.worker"],
      payload: { enterpriseId, description: "灭火器压力不足", photoIds: [await photo("chem.worker")] },
    });
    const danger = report.json();
    const before = danger.photoBeforeIds[0];
    const noAfter = await act("chem.safety", danger.id, {
      type: "close_on_spot",
      beforePhotoIds: [before],
      afterPhotoIds: [],
    });
    expect(noAfter.statusCode).toBe(400);
    const closed = await act("chem.safety", danger.id, {
      type: "close_on_spot",
      beforePhotoIds: [before],
      afterPhotoIds: [await photo("chem.safety")],
      comment: "已更换灭火器",
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe("closed");
  });

  it("refuses a responsible person who is unknown, disabled, of another enterprise or not its staff, naming the field", async () => {
    const disabled = await createUser(context.app, { role: "employee", enterpriseIds: [enterpriseId] });
    await context.database.db.updateTable("app_user").set({ disabled: true }).where("id", "=", disabled.id).execute();
    const other = await createEnterprise(context.app, { territory: city.districts[1].towns[0] });
    const strangers = {
      unknown: "00000000-0000-4000-8000-000000000001",
      disabled: disabled.id,
      otherEnterprise: other.employee.id,
      government: userIds["jiangbei.supervisor"],
    };
    const danger = await reported("压力表超期未检");
    for (const [who, id] of Object.entries(strangers)) {
      const refused = await act("chem.safety", danger.id, {
        type: "confirm",
        level: "general",
        categoryCode: "21",
        responsibleUnit: "动力车间",
        responsiblePersonId: id,
        deadline: inDays(7),
      });
      expect(refused.statusCode, `${who}: ${refused.body}`).toBe(400);
      expect(errorOf(refused).details).toEqual([
        { field: "responsiblePersonId", message: expect.stringContaining("responsiblePersonId") },
      ]);
    }
    const still = await context.app.inject({ url: `/api/v1/hidden-dangers/${danger.id}`, headers: as["chem.safety"] });
    expect(still.json()).toMatchObject({ status: "reported", responsibleUserId: null });
  });

  it("refuses a rectifier from outside the enterprise when closing on the spot", async () => {
    const report = await context.app.inject({
      method: "POST",
      url: "/api/v1/hidden-dangers",
      headers: as["chem.worker"],
      payload: { enterpriseId, description: "安全出口指示灯不亮", photoIds: [await photo("chem.worker")] },
    });
    const danger = report.json();
    const refused = await act("chem.safety", danger.id, {
      type: "close_on_spot",
      beforePhotoIds: danger.photoBeforeIds,
      afterPhotoIds: [await photo("chem.safety")],
      rectifierId: userIds["city.supervisor"],
    });
    expect(refused.statusCode).toBe(400);
    expect((errorOf(refused).details as { field: string }[])[0].field).toBe("rectifierId");
  });

  it("records the source from the reporter's role: an employee cannot choose it", async () => {
    const chosen = await context.app.inject({
      method: "POST",
      url: "/api/v1/hidden-dangers",
      headers: as["chem.worker"],
      payload: {
        enterpriseId,
        description: "员工自报却选了政府来源",
        photoIds: [await photo("chem.worker")],
        source: "government",
      },
    });
    expect(chosen.statusCode).toBe(400);
    expect(errorOf(chosen).details).toEqual([{ field: "source", message: expect.stringContaining("employee_report") }]);
    const government = await context.app.inject({
      method: "POST",
      url: "/api/v1/hidden-dangers",
      headers: as["jiangbei.supervisor"],
      payload: { enterpriseId, description: "执法检查发现的隐患" },
    });
    expect(government.json().source).toBe("government");
    const publicReport = await context.app.inject({
      method: "POST",
      url: "/api/v1/hidden-dangers",
      headers: as["jiangbei.supervisor"],
      payload: { enterpriseId, description: "群众举报的隐患", source: "public_report" },
    });
    expect(publicReport.json().source).toBe("public_report");
  });

  it("keeps reminding for every other hidden danger when one row is corrupt or names a deleted person", async () => {
    const confirm = async (description: string, days: number) => {
      const danger = await reported(description);
      const confirmed = await act("chem.safety", danger.id, {
        type: "confirm",
        level: "general",
        responsibleUnit: "储运车间",
        responsiblePersonId: userIds["chem.worker"],
        deadline: inDays(days),
      });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      return danger as { id: string; code: string };
    };
    const broken = await confirm("状态数据损坏的隐患", 1);
    const orphaned = await confirm("责任人账号已删除的隐患", 1.5);
    const healthy = await confirm("正常的隐患", 2);
    const { db } = context.database;
    // Fixtures for rows that went bad after they were written: a state that no longer parses, and a person deleted since.
    await db
      .updateTable("hidden_danger")
      .set({ state: JSON.stringify({}) })
      .where("id", "=", broken.id)
      .execute();
    await db
      .updateTable("hidden_danger")
      .set({ responsible_user_id: "00000000-0000-4000-8000-00000000dead" })
      .where("id", "=", orphaned.id)
      .execute();
    const logged: Record<string, unknown>[] = [];
    const log = { error: (entry: Record<string, unknown>) => logged.push(entry) } as unknown as Console;
    const outcome = (await hiddenDangerDeadlineJob().run({ db, clock: new ManualClock(new Date()), log })) as {
      failed: number;
    };
    const titles = async (user: string) =>
      (await context.app.inject({ url: "/api/v1/notifications?pageSize=100", headers: as[user] }))
        .json()
        .items.map((n: { title: string }) => n.title)
        .join("\n");
    expect(await titles("chem.worker")).toContain(`隐患 ${healthy.code} 将于`);
    expect(await titles("chem.safety")).toContain(`隐患 ${orphaned.code} 将于`);
    expect(outcome.failed).toBe(1);
    expect(logged).toEqual([expect.objectContaining({ hiddenDangerId: broken.id })]);
  });
});
