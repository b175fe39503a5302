import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCity, createEnterprise, signIn } from "../../testing/factories";
import { createTestContext, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";
import { evaluateSilences } from "./evaluate-alarms";
import { evaluateManagementAlarms, MISSED_TASKS_IN_A_ROW } from "./evaluate-management-alarms";

describe.each(testDatabaseKinds())("management-data alarms on $name", (kind) => {
  let context: TestContext;
  let safety: Record<string, string>;
  let enterpriseId: string;

  beforeAll(async () => {
    context = await createTestContext(kind, { demoCity: false });
    const city = await createCity(context.app, { districts: 1, towns: 1 });
    const plant = await createEnterprise(context.app, { territory: city.districts[0].towns[0] });
    safety = (await signIn(context.app, plant.safetyManager)).headers;
    enterpriseId = plant.id;
  });
  afterAll(async () => {
    await context?.close();
  });

  const run = (now = new Date()) => evaluateManagementAlarms(context.database.db, now);
  const open = async () =>
    (await context.app.inject({ url: "/api/v1/alarms", headers: safety }))
      .json()
      .items.filter((a: { status: string }) => a.status === "active_unacknowledged" || a.status === "acknowledged")
      .map((a: { ruleId: string }) => a.ruleId.split(":")[1])
      .filter(Boolean);

  it("raises an alarm for a device past calibration, once, and clears it when calibrated", async () => {
    const device = (
      await context.app.inject({
        method: "POST",
        url: "/api/v1/devices",
        headers: safety,
        payload: {
          enterpriseId,
          code: "CAL-1",
          name: "氨气探测器",
          deviceType: "toxic_gas",
          calibrationDue: "2026-01-31",
        },
      })
    ).json();
    expect(await run()).toMatchObject({ raised: 1 });
    expect(await run()).toMatchObject({ raised: 0, cleared: 0 });
    expect(await open()).toEqual(["calibration-overdue"]);
    await context.database.db
      .updateTable("device")
      .set({ calibration_due: "2099-01-31" })
      .where("id", "=", device.id)
      .execute();
    expect(await run()).toMatchObject({ cleared: 1 });
    expect(await open()).toEqual([]);
  });

  it("raises alarms for an overdue major hidden danger and for a run of missed inspection tasks", async () => {
    const { db } = context.database;
    const enterprise = await db
      .selectFrom("enterprise")
      .select("territory_path")
      .where("id", "=", enterpriseId)
      .executeTakeFirstOrThrow();
    await db
      .insertInto("hidden_danger")
      .values({
        enterprise_id: enterpriseId,
        code: "YH-TEST-1",
        territory_path: enterprise.territory_path,
        source: "inspection",
        status: "rectifying",
        level: "major",
        description: "储罐区紧急切断失效",
        place: "",
        risk_point_id: null,
        category_code: "21",
        finder_user_id: null,
        state: "{}",
        deadline: new Date(Date.now() - 86_400_000),
        found_at: new Date(Date.now() - 10 * 86_400_000),
      })
      .execute();
    for (let i = 1; i <= MISSED_TASKS_IN_A_ROW; i++) {
      await db
        .insertInto("inspection_task")
        .values({
          enterprise_id: enterpriseId,
          schedule_key: "daily|team|role",
          title: "日常检查",
          frequency: "daily",
          control_level: "team",
          period_start: new Date(Date.now() - (i + 1) * 86_400_000),
          due_at: new Date(Date.now() - i * 86_400_000),
          inspector_user_id: null,
          status: "missed",
        })
        .execute();
    }
    await run();
    expect((await open()).sort()).toEqual(["hidden-danger-overdue", "inspections-missed"]);
    const notices = (await context.app.inject({ url: "/api/v1/notifications?pageSize=50", headers: safety })).json()
      .items;
    expect(notices.map((n: { title: string }) => n.title)).toContain("管理预警：日常检查 已连续 3 次未完成");
  });

  it("raises an alarm for a major hazard source whose sensors are offline", async () => {
    const unit = (
      await context.app.inject({
        method: "POST",
        url: "/api/v1/major-hazard-units",
        headers: safety,
        payload: {
          enterpriseId,
          name: "液氯罐区",
          unitKind: "storage",
          exposedPopulation: 10,
          substances: [{ cas: "7782-50-5", quantityTonnes: 30 }],
        },
      })
    ).json();
    const device = (
      await context.app.inject({
        method: "POST",
        url: "/api/v1/devices",
        headers: safety,
        payload: {
          enterpriseId,
          code: "CL2-1",
          name: "氯气探测器",
          deviceType: "toxic_gas",
          majorHazardUnitId: unit.id,
        },
      })
    ).json();
    expect(device.majorHazardUnitId).toBe(unit.id);
    await context.database.db.transaction().execute((trx) => evaluateSilences(trx, new Date(Date.now() + 20 * 60_000)));
    await run(new Date(Date.now() + 20 * 60_000));
    expect(await open()).toContain("major-hazard-offline");
  });

  it("raises the other alarms when one cannot be stored, and reports the one it skipped", async () => {
    const { db } = context.database;
    const make = async (code: string) =>
      (
        await context.app.inject({
          method: "POST",
          url: "/api/v1/devices",
          headers: safety,
          payload: { enterpriseId, code, name: code, deviceType: "toxic_gas", calibrationDue: "2026-01-31" },
        })
      ).json() as { id: string };
    const [broken, fine] = [await make("CAL-BROKEN"), await make("CAL-FINE")];
    // The database refuses this one alarm, as a corrupt row would.
    await sql
      .raw(`CREATE FUNCTION refuse_alarm() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
              IF NEW.rule_id LIKE '%${broken.id}%' THEN RAISE EXCEPTION 'corrupt'; END IF; RETURN NEW; END $$`)
      .execute(db);
    await sql
      .raw("CREATE TRIGGER refuse_alarm BEFORE INSERT ON alarm FOR EACH ROW EXECUTE FUNCTION refuse_alarm()")
      .execute(db);
    try {
      const logged: unknown[] = [];
      const result = await evaluateManagementAlarms(db, new Date(), {
        error: (entry: unknown) => logged.push(entry),
        warn() {},
        info() {},
      } as never);
      expect(result).toMatchObject({ raised: 1, failed: 1 });
      expect(logged).toHaveLength(1);
      const rules = (await db.selectFrom("alarm").select("rule_id").where("source", "=", "management").execute()).map(
        (a) => a.rule_id,
      );
      expect(rules).toContain(`mgmt:calibration-overdue:${fine.id}`);
      expect(rules).not.toContain(`mgmt:calibration-overdue:${broken.id}`);
    } finally {
      await sql.raw("DROP TRIGGER refuse_alarm ON alarm").execute(db);
      await sql.raw("DROP FUNCTION refuse_alarm()").execute(db);
    }
  });
});
