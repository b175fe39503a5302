import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chinaDateOf, deadlineOf } from "../../../domain/campaign";
import { ManualClock } from "../../jobs/clock";
import { JobRunner } from "../../jobs/job-runner";
import {
  createCity,
  createEnterprise,
  createOrganisation,
  createSupervisor,
  createUser,
  signIn,
  TEST_PASSWORD,
} from "../../testing/factories";
import { createTestContext, errorOf, signIn as signInWithPassword, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";
import { uploadPhoto } from "../../testing/uploads";
import { campaignReminderJob, sendCampaignNotices } from "./campaign-jobs";
import { campaignSummary } from "./summary";

const DAY = 86_400_000;
const dayFromToday = (days: number) => chinaDateOf(new Date(Date.now() + days * DAY));

describe.each(testDatabaseKinds())("special actions on $name", (kind) => {
  let context: TestContext;
  const as: Record<string, Record<string, string>> = {};
  let cityId: string;
  let cityPath: string;
  let districtId: string;
  let districtPath: string;
  /** The first district's name: the participant the district supervisor reports for. */
  let districtName: string;
  let housingId: string;
  let housingName: string;
  const districtCount = 3;

  beforeAll(async () => {
    context = await createTestContext(kind, { demoCity: false });
    const { app } = context;
    const city = await createCity(app, { districts: districtCount, towns: 1 });
    const [district] = city.districts;
    const housing = await createOrganisation(app, {
      territory: city,
      kind: "industry_department",
      name: "测试市住房和城乡建设局",
      industries: ["E"],
    });
    const users = {
      "city.supervisor": await createSupervisor(app, city),
      "district.supervisor": await createSupervisor(app, district),
      "town.supervisor": await createSupervisor(app, district.towns[0]),
      "housing.dept": await createUser(app, {
        role: "department",
        territory: city,
        organisationId: housing.id,
        industries: ["E"],
      }),
      "chem.safety": (await createEnterprise(app, { territory: district.towns[0] })).safetyManager,
    };
    for (const [name, user] of Object.entries(users)) as[name] = (await signIn(app, user)).headers;
    username["city.supervisor"] = users["city.supervisor"].username;
    username["district.supervisor"] = users["district.supervisor"].username;
    cityId = city.id;
    cityPath = city.path;
    districtId = district.id;
    districtPath = district.path;
    districtName = district.name;
    housingId = housing.id;
    housingName = housing.name;
  });
  const username: Record<string, string> = {};
  afterAll(async () => {
    await context?.close();
  });

  const post = (user: string, url: string, payload: object, language = "zh-CN") =>
    context.app.inject({
      method: "POST",
      url: `/api/v1${url}`,
      headers: { ...as[user], "accept-language": language },
      payload,
    });
  const get = (user: string, url: string) => context.app.inject({ url: `/api/v1${url}`, headers: as[user] });

  /** A photo uploaded through the attachments module to a territory node. */
  const photo = (user: string, ownerId: string) => uploadPhoto(context.app, as[user], ownerId);
  let districtPhoto: string;

  /** A city campaign with one report date passed a week ago, one next week and a final one. */
  const plan = (overrides: object = {}) => ({
    title: "城镇燃气安全专项整治",
    basis: "市安委办〔2026〕12 号",
    scopeTerritoryIds: [cityId],
    industries: ["D", "45"],
    organisationIds: [housingId],
    startDate: dayFromToday(-14),
    endDate: dayFromToday(20),
    schedule: { kind: "dates", dates: [dayFromToday(-7), dayFromToday(6)] },
    finalReport: true,
    tasks: [
      {
        title: "排查燃气经营和使用企业",
        kind: "inspection",
        targetFigure: "enterprisesInspected",
        target: 40,
      },
      { title: "查处违法违规行为", kind: "enforcement" },
    ],
    ...overrides,
  });

  let campaign: {
    id: string;
    tasks: { id: string }[];
    participants: { id: string; name: string; kind: string }[];
    dueDates: { dueDate: string }[];
  };

  it("drafts a city campaign whose participants are the districts and the named department", async () => {
    const response = await post("city.supervisor", "/campaigns", plan());
    expect(response.statusCode, response.body).toBe(201);
    campaign = response.json();
    expect(response.json()).toMatchObject({ status: "draft", canManage: true, industries: ["D", "45"] });
    expect(campaign.participants.filter((p) => p.kind === "territory")).toHaveLength(districtCount);
    expect(campaign.participants.filter((p) => p.kind === "organisation").map((p) => p.name)).toEqual([housingName]);
    expect(campaign.dueDates.map((d) => d.dueDate)).toEqual([dayFromToday(-7), dayFromToday(6), dayFromToday(20)]);
  });

  it("rejects an end before the start and an unknown industry, naming the fields in the caller's language", async () => {
    const response = await post(
      "city.supervisor",
      "/campaigns",
      plan({ endDate: dayFromToday(-20), industries: ["Z9"] }),
      "en",
    );
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect((error.details as { field: string }[]).map((d) => d.field).sort()).toEqual(["endDate", "industries"]);
    expect(error.message).toContain("Please check these fields");
    const zh = await post(
      "city.supervisor",
      "/campaigns",
      plan({ tasks: [{ title: "检查", kind: "inspection", target: 5 }] }),
    );
    expect(errorOf(zh).message).toContain("目标数须同时给出统计项和数值");
  });

  it("lets only the running territory manage: a department may not create, a district may not see a draft", async () => {
    expect((await post("housing.dept", "/campaigns", plan())).statusCode).toBe(403);
    expect((await get("district.supervisor", `/campaigns/${campaign.id}`)).statusCode).toBe(404);
    expect((await post("district.supervisor", `/campaigns/${campaign.id}/activate`, {})).statusCode).toBe(404);
    expect((await get("chem.safety", "/campaigns")).statusCode).toBe(403);
  });

  it("starts the campaign and tells the participants", async () => {
    const response = await post("city.supervisor", `/campaigns/${campaign.id}/activate`, {});
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().status).toBe("active");
    expect((await post("city.supervisor", `/campaigns/${campaign.id}/activate`, {})).statusCode).toBe(409);
    const inbox = (await get("district.supervisor", "/notifications?pageSize=50")).json().items;
    expect(inbox.map((n: { title: string }) => n.title)).toContain("专项行动「城镇燃气安全专项整治」已启动");
    const list = (await get("district.supervisor", "/campaigns")).json().items;
    expect(list).toEqual([expect.objectContaining({ id: campaign.id, role: "participant", participants: 1 })]);
  });

  it("takes a district's late report, replaces it on resubmission with history, and keeps it late", async () => {
    const [inspect, enforce] = campaign.tasks;
    const first = await post("district.supervisor", `/campaigns/${campaign.id}/reports`, {
      dueDate: dayFromToday(-7),
      text: "已排查燃气企业 12 家，发现隐患 5 项",
      figures: [{ taskId: inspect.id, values: { enterprisesInspected: 12, hiddenDangersFound: 5 } }],
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      version: 1,
      replacesVersion: null,
      timing: "late",
      participantName: districtName,
    });
    const second = await post("district.supervisor", `/campaigns/${campaign.id}/reports`, {
      dueDate: dayFromToday(-7),
      text: "更正：已排查燃气企业 15 家，发现隐患 6 项，立案处罚 1 起",
      figures: [
        { taskId: inspect.id, values: { enterprisesInspected: 15, hiddenDangersFound: 6 } },
        { taskId: enforce.id, values: { penalties: 1, fineYuan: 20000 } },
      ],
    });
    expect(second.json()).toMatchObject({ version: 2, replacesVersion: 1, timing: "late" });
    districtPhoto = await photo("district.supervisor", districtId);
    const early = await post("district.supervisor", `/campaigns/${campaign.id}/reports`, {
      dueDate: dayFromToday(6),
      text: "本周又排查 10 家",
      figures: [{ taskId: inspect.id, values: { enterprisesInspected: 10 } }],
      attachmentIds: [districtPhoto],
    });
    expect(early.json()).toMatchObject({ version: 1, timing: "on_time" });
    const withPhoto = (
      await get("city.supervisor", `/campaigns/${campaign.id}/reports?dueDate=${dayFromToday(6)}`)
    ).json().items;
    expect(withPhoto).toEqual([
      expect.objectContaining({ participantName: districtName, attachmentIds: [districtPhoto] }),
    ]);
    // The city can open the district's photo through the attachments module.
    expect((await get("city.supervisor", `/attachments/${districtPhoto}`)).statusCode).toBe(200);
    const history = (
      await get("district.supervisor", `/campaigns/${campaign.id}/reports?dueDate=${dayFromToday(-7)}`)
    ).json().items;
    expect(history.map((r: { version: number }) => r.version)).toEqual([1, 2]);
  });

  it("shows the city completion per participant and task totals from the current versions", async () => {
    const detail = (await get("city.supervisor", `/campaigns/${campaign.id}`)).json();
    const districtRow = detail.participants.find((p: { name: string }) => p.name === districtName);
    expect(districtRow.completion).toEqual({ due: 1, submitted: 2, onTime: 1, late: 1, missing: 0, upcoming: 1 });
    const others = detail.participants.filter((p: { name: string }) => p.name !== districtName);
    expect(others.every((p: { completion: { missing: number } }) => p.completion.missing === 1)).toBe(true);
    expect(detail.totals).toMatchObject({ due: districtCount + 1, missing: districtCount, late: 1 });
    expect(detail.taskTotals[0]).toMatchObject({
      totals: { enterprisesInspected: 25, hiddenDangersFound: 6 },
      target: 40,
      progress: 25 / 40,
    });
    expect(detail.taskTotals[1].totals).toMatchObject({ penalties: 1, fineYuan: 20000 });
    const own = (await get("district.supervisor", `/campaigns/${campaign.id}`)).json();
    expect(own.participants.map((p: { name: string }) => p.name)).toEqual([districtName]);
    expect(own).toMatchObject({ canManage: false, myParticipantIds: [districtRow.id] });
  });

  it("rejects a report for a date not on the schedule, for a foreign task, and from outside the participants", async () => {
    const wrongDate = await post("district.supervisor", `/campaigns/${campaign.id}/reports`, {
      dueDate: dayFromToday(1),
      text: "随便报一下",
      figures: [],
    });
    expect(wrongDate.statusCode).toBe(400);
    expect(errorOf(wrongDate).message).toContain(dayFromToday(6));
    const foreignTask = await post("district.supervisor", `/campaigns/${campaign.id}/reports`, {
      dueDate: dayFromToday(6),
      text: "任务不对",
      figures: [{ taskId: "00000000-0000-4000-8000-000000000000", values: { enterprisesInspected: 1 } }],
    });
    expect((errorOf(foreignTask).details as { field: string }[])[0].field).toBe("figures.0.taskId");
    const half = await post("district.supervisor", `/campaigns/${campaign.id}/reports`, {
      dueDate: dayFromToday(6),
      text: "半家企业",
      figures: [{ taskId: campaign.tasks[0].id, values: { enterprisesInspected: 1.5 } }],
    });
    expect(half.statusCode).toBe(400);
    // A town below a participating district neither sees nor reports; the department reports only for itself.
    expect((await get("town.supervisor", `/campaigns/${campaign.id}`)).statusCode).toBe(404);
    const districtRow = campaign.participants.find((p) => p.name === districtName)!;
    const posing = await post("housing.dept", `/campaigns/${campaign.id}/reports`, {
      participantId: districtRow.id,
      dueDate: dayFromToday(6),
      text: "冒名报送",
      figures: [],
    });
    expect(posing.statusCode).toBe(403);
    const borrowedPhoto = await post("housing.dept", `/campaigns/${campaign.id}/reports`, {
      dueDate: dayFromToday(-7),
      text: "借用区里的照片",
      figures: [],
      attachmentIds: [districtPhoto],
    });
    expect(borrowedPhoto.statusCode).toBe(400);
    expect((errorOf(borrowedPhoto).details as { field: string }[])[0].field).toBe("attachmentIds");
    const own = await post("housing.dept", `/campaigns/${campaign.id}/reports`, {
      dueDate: dayFromToday(-7),
      text: "住建系统排查燃气企业 8 家",
      figures: [{ taskId: campaign.tasks[0].id, values: { enterprisesInspected: 8 } }],
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().participantName).toBe(housingName);
  });

  it("exports the results as XLSX with the overdue participants marked", async () => {
    const response = await get("city.supervisor", `/campaigns/${campaign.id}/export`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const rows = (name: string) =>
      book
        .getWorksheet(name)!
        .getSheetValues()
        .filter(Boolean)
        .map((r) => (r as unknown[]).slice(1));
    const districtRow = rows("完成情况").find((r) => r[0] === districtName);
    expect(districtRow).toEqual([districtName, 1, 2, 1, 0, "迟报", "按时", "未到期"]);
    expect(rows("完成情况").filter((r) => r[5] === "逾期未报")).toHaveLength(districtCount - 1);
    expect(rows("任务统计")[1].slice(0, 2)).toEqual(["排查燃气经营和使用企业", 33]);
    const details = rows("报告明细");
    expect(details.length).toBe(4);
    expect(details.find((r) => r[1] === dayFromToday(6))?.[7]).toBe(1);
  });

  it("counts the campaign for a cockpit: the whole city, or a district's own share", async () => {
    const city = await campaignSummary(context.database.db, { kind: "territory", path: cityPath, industries: [] });
    expect(city).toMatchObject({
      active: 1,
      closed: 0,
      reportsDue: districtCount + 1,
      reportsOverdue: districtCount - 1,
    });
    expect(city.reportsSubmitted).toBe(3);
    const district = await campaignSummary(context.database.db, {
      kind: "territory",
      path: districtPath,
      industries: [],
    });
    expect(district).toMatchObject({ active: 1, reportsDue: 1, reportsSubmitted: 2, reportsOverdue: 0 });
    expect(district.byCampaign[0]).toMatchObject({ id: campaign.id, participants: 1 });
    const enterprise = await campaignSummary(context.database.db, { kind: "enterprises", enterpriseIds: [] });
    expect(enterprise.byCampaign).toEqual([]);
  });

  it("refuses plan changes once running, and reports once closed", async () => {
    const change = await context.app.inject({
      method: "PUT",
      url: `/api/v1/campaigns/${campaign.id}`,
      headers: as["city.supervisor"],
      payload: plan({ title: "改名" }),
    });
    expect(change.statusCode).toBe(409);
    expect((await post("city.supervisor", `/campaigns/${campaign.id}/close`, {})).json().status).toBe("closed");
    const late = await post("district.supervisor", `/campaigns/${campaign.id}/reports`, {
      dueDate: dayFromToday(6),
      text: "结束后报送",
      figures: [],
    });
    expect(late.statusCode).toBe(409);
    expect(errorOf(late).message).toContain("不再接受报送");
    const audit = await context.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "in", ["campaign", "campaign_report"])
      .orderBy("seq")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "create",
      "activate",
      "report",
      "resubmit",
      "report",
      "report",
      "close",
    ]);
  });

  it("starts and closes a campaign once when two requests race: the other answers 409", async () => {
    const draft = (await post("city.supervisor", "/campaigns", plan({ title: "两次启动的专项行动" }))).json();
    const race = (action: string) =>
      Promise.all([0, 1].map(() => post("city.supervisor", `/campaigns/${draft.id}/${action}`, {})));
    expect((await race("activate")).map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await race("close")).map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const audit = await context.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", "campaign")
      .where("entity_id", "=", draft.id)
      .orderBy("seq")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["create", "activate", "close"]);
  });

  it("reminds a participant before the due day and tells the creator once when it is overdue", async () => {
    const session = await signInWithPassword(context.app, username["city.supervisor"], TEST_PASSWORD);
    const created = await context.app.inject({
      method: "POST",
      url: "/api/v1/campaigns",
      headers: session.headers,
      payload: plan({
        title: "危化品运输专项检查",
        organisationIds: [],
        startDate: "2026-12-01",
        endDate: "2026-12-31",
        schedule: { kind: "weekly", weekday: 5 },
      }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect((await post("city.supervisor", `/campaigns/${id}/activate`, {})).statusCode).toBe(200);
    const participant = created.json().participants.find((p: { name: string }) => p.name === districtName);
    const { db } = context.database;
    const noticesFor = async (kind: string) =>
      db
        .selectFrom("notification")
        .innerJoin("app_user", "app_user.id", "notification.user_id")
        .select(["app_user.username", "notification.dedupe_key"])
        .where("notification.kind", "=", kind)
        .where("notification.dedupe_key", "like", `campaign:${id}:%`)
        .execute();
    // The first Friday is 4 December; its day ends at 16:00 UTC.
    const firstDeadline = deadlineOf("2026-12-04");
    const clock = new ManualClock(new Date(firstDeadline.getTime() - 3 * DAY));
    const runner = new JobRunner({ db, clock, log: console }, [campaignReminderJob()]);
    expect(await runner.tick()).toEqual(["campaign-reminders"]);
    expect(await noticesFor("campaign.report_due")).toEqual([]);

    clock.set(new Date(firstDeadline.getTime() - 1 * DAY));
    await runner.tick();
    const reminders = await noticesFor("campaign.report_due");
    expect(reminders.filter((n) => n.username === username["district.supervisor"])).toEqual([
      { username: username["district.supervisor"], dedupe_key: `campaign:${id}:${participant.id}:2026-12-04:reminder` },
    ]);
    // Jiangbei reports; the others do not.
    await db
      .insertInto("campaign_report")
      .values({
        campaign_id: id,
        participant_id: participant.id,
        due_date: "2026-12-04",
        version: 1,
        text: "已报",
        figures: "{}",
        submitted_by: null,
        submitted_by_name: districtName,
        submitted_at: new Date(firstDeadline.getTime() - 3_600_000),
      })
      .execute();
    clock.set(new Date(firstDeadline.getTime() + 3_600_000));
    await runner.tick();
    clock.advance(1000 * 1000);
    await runner.tick();
    const overdue = await noticesFor("campaign.report_overdue");
    const toCreator = overdue.filter((n) => n.username === username["city.supervisor"]);
    expect(toCreator).toHaveLength(districtCount - 1);
    expect(new Set(toCreator.map((n) => n.dedupe_key)).size).toBe(districtCount - 1);
    expect(toCreator.some((n) => n.dedupe_key.includes(participant.id))).toBe(false);
    expect((await noticesFor("campaign.report_due")).length).toBe(reminders.length);
  });

  it("keeps reminding for the other campaigns when one campaign's stored schedule is corrupt", async () => {
    const session = await signInWithPassword(context.app, username["city.supervisor"], TEST_PASSWORD);
    const start = async (title: string) => {
      const created = await context.app.inject({
        method: "POST",
        url: "/api/v1/campaigns",
        headers: session.headers,
        payload: plan({
          title,
          organisationIds: [],
          startDate: "2027-03-01",
          endDate: "2027-03-31",
          schedule: { kind: "dates", dates: ["2027-03-10"] },
        }),
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      expect((await post("city.supervisor", `/campaigns/${id}/activate`, {})).statusCode).toBe(200);
      return id;
    };
    const broken = await start("排程数据损坏的专项行动");
    const healthy = await start("正常的专项行动");
    const { db } = context.database;
    // Fixture: a plan that went bad after it was stored (the list of dates is gone).
    await db
      .updateTable("campaign")
      .set({ schedule: JSON.stringify({ kind: "dates" }) })
      .where("id", "=", broken)
      .execute();
    const logged: Record<string, unknown>[] = [];
    const log = { error: (entry: Record<string, unknown>) => logged.push(entry) } as unknown as Console;
    const outcome = await sendCampaignNotices(db, new Date(deadlineOf("2027-03-10").getTime() - DAY), log);
    const reminded = await db
      .selectFrom("notification")
      .select("dedupe_key")
      .where("kind", "=", "campaign.report_due")
      .where("dedupe_key", "like", `campaign:${healthy}:%:2027-03-10:reminder`)
      .execute();
    expect(reminded.length).toBeGreaterThan(0);
    expect(outcome.failed).toBe(1);
    expect(logged).toEqual([expect.objectContaining({ campaignId: broken })]);
  });
});
