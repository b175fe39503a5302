import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearerFor, createTestContext, errorOf, signIn, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";
import { maintainReadingPartitions } from "./reading-partitions";

describe.each(testDatabaseKinds())("monitoring ingestion on $name", (kind) => {
  let context: TestContext;
  let safety: Record<string, string>;
  let enterpriseId: string;
  let device: { id: string; code: string; credential: string };

  beforeAll(async () => {
    context = await createTestContext(kind, { enterprises: 20 });
    await maintainReadingPartitions(context.database.db, new Date());
    safety = await bearerFor(context, "chem.safety");
    enterpriseId = (await context.app.inject({ url: "/api/v1/auth/me", headers: safety })).json().user.enterpriseIds[0];
    const created = await context.app.inject({
      method: "POST",
      url: "/api/v1/devices",
      headers: safety,
      payload: {
        enterpriseId,
        code: `GT-${randomBytes(3).toString("hex")}`,
        name: "罐区可燃气体探测器 1#",
        deviceType: "combustible_gas",
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    device = created.json();
    expect(device.credential).toMatch(/^dgd_/);
  });
  afterAll(async () => {
    await context?.close();
  });

  const send = (headers: Record<string, string>, readings: unknown[]) =>
    context.app.inject({ method: "POST", url: "/api/v1/ingest/readings", headers, payload: { readings } });

  it("stores good readings, rejects each bad one with its reason, and ignores a repeat", async () => {
    const headers = { authorization: `Bearer ${device.credential}`, "accept-language": "en" };
    const base = Date.now() - 60_000;
    const batch = [
      { deviceId: device.code, ts: new Date(base).toISOString(), value: 3.5 },
      { deviceId: device.code, ts: base + 1000, value: "4.0" },
      { deviceId: device.code, ts: "yesterday-ish", value: 1 },
      { deviceId: device.code, ts: Date.now() + 3600_000, value: 1 },
      { deviceId: device.code, ts: base + 2000, value: "high" },
      { deviceId: "NO-SUCH-DEVICE", ts: base, value: 1 },
    ];
    const first = await send(headers, batch);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(first.json().rejected.map((r: { index: number; reason: string }) => [r.index, r.reason])).toEqual([
      [2, "bad_timestamp"],
      [3, "future_timestamp"],
      [4, "not_numeric"],
      [5, "not_allowed"],
    ]);
    expect(first.json().rejected[1].message).toContain("device clock");
    const again = await send(headers, batch.slice(0, 2));
    expect(again.json()).toMatchObject({ accepted: 0, duplicates: 2 });
    const listed = (await context.app.inject({ url: `/api/v1/devices?enterpriseId=${enterpriseId}`, headers: safety }))
      .json()
      .items.find((d: { code: string }) => d.code === device.code);
    expect(listed).toMatchObject({ lastValue: 4, lastTs: new Date(base + 1000).toISOString(), unit: "%LEL" });
    // An older reading arriving late is stored but does not move the last value back.
    await send(headers, [{ deviceId: device.code, ts: base - 5000, value: 9 }]);
    const after = (await context.app.inject({ url: `/api/v1/devices/${listed.id}/readings`, headers: safety })).json();
    expect(after.readings.map((r: { value: number }) => r.value)).toEqual([9, 3.5, 4]);
    expect(after.device.lastValue).toBe(4);
  });

  it("counts accepted, duplicate and rejected readings per reason for the installation's operators", async () => {
    const stats = (
      await context.app.inject({ url: "/api/v1/ingest/stats", headers: await bearerFor(context, "admin") })
    ).json().items;
    const count = (outcome: string) =>
      stats.find((s: { channel: string; outcome: string }) => s.channel === "http" && s.outcome === outcome)?.count;
    expect(count("accepted")).toBeGreaterThanOrEqual(2);
    expect(count("duplicate")).toBe(2);
    expect(count("future_timestamp")).toBe(1);
  });

  it("stores readings in the month's partition", async () => {
    const { rows } = await sql<{
      partition: string;
    }>`SELECT DISTINCT tableoid::regclass::text AS partition FROM reading`.execute(context.database.db);
    expect(rows.map((r) => r.partition)).toEqual([`reading_${new Date().toISOString().slice(0, 7).replace("-", "")}`]);
  });

  it("refuses a wrong credential, a browser session, and a batch too large, with reasons", async () => {
    const wrong = await send({ authorization: "Bearer dgd_wrong" }, [
      { deviceId: device.code, ts: Date.now(), value: 1 },
    ]);
    expect(wrong.statusCode).toBe(401);
    const session = await signIn(context.app, "chem.safety");
    expect((await send(session.headers, [{ deviceId: device.code, ts: Date.now(), value: 1 }])).statusCode).toBe(401);
    const gateway = await send(safety, [{ deviceId: device.code, ts: Date.now() - 1, value: 2 }]);
    expect(gateway.json().accepted).toBe(1);
    const otherGateway = await bearerFor(context, "expert");
    const foreign = await send(otherGateway, [{ deviceId: device.code, ts: Date.now(), value: 2 }]);
    expect(foreign.statusCode).toBe(401);
    const huge = Array.from({ length: 5001 }, (_, i) => ({ deviceId: device.code, ts: i, value: 1 }));
    const tooLarge = await send({ authorization: `Bearer ${device.credential}` }, huge);
    expect(tooLarge.statusCode).toBe(400);
    expect(errorOf(tooLarge).message).toContain("5000");
  });

  it("answers a gateway naming another enterprise's device exactly as it answers an unknown code", async () => {
    // The city's integrator token may ingest; give it one enterprise that is not the device's.
    const other = await context.database.db
      .selectFrom("enterprise")
      .select("id")
      .where("id", "<>", enterpriseId)
      .executeTakeFirstOrThrow();
    const gateway = await context.database.db
      .selectFrom("app_user")
      .select("id")
      .where("username", "=", "chem.principal")
      .executeTakeFirstOrThrow();
    await context.database.db
      .updateTable("user_enterprise")
      .set({ enterprise_id: other.id })
      .where("user_id", "=", gateway.id)
      .execute();
    try {
      const foreign = await bearerFor(context, "chem.principal");
      const answer = await send({ ...foreign, "accept-language": "en" }, [
        { deviceId: device.code, ts: Date.now() - 1, value: 1 },
        { deviceId: "NO-SUCH-CODE", ts: Date.now() - 1, value: 1 },
      ]);
      expect(answer.statusCode).toBe(422);
      const [known, unknown] = answer.json().rejected;
      expect({ ...known, index: 0, deviceId: "x" }).toEqual({ ...unknown, index: 0, deviceId: "x" });
      expect(known.reason).toBe("unknown_device");
    } finally {
      await context.database.db
        .updateTable("user_enterprise")
        .set({ enterprise_id: enterpriseId })
        .where("user_id", "=", gateway.id)
        .execute();
    }
  });

  it("refuses to attach a device to another enterprise's risk point or major hazard unit", async () => {
    const neighbour = await context.database.db
      .selectFrom("enterprise")
      .select(["id", "territory_path"])
      .where("id", "<>", enterpriseId)
      .executeTakeFirstOrThrow();
    const foreignPoint = await context.database.db
      .insertInto("risk_point")
      .values({
        owner_id: neighbour.id,
        owner_kind: "enterprise",
        territory_path: neighbour.territory_path,
        kind: "facility",
        public_category: null,
        name: "邻厂储罐",
        unit: "储运车间",
        lng: null,
        lat: null,
        area: null,
        control_level: null,
        controlling_unit: "储运车间",
        responsible_person: "张三",
        responsible_phone: "",
        emergency_phone: "",
        level: null,
        public_token: randomBytes(8).toString("hex"),
        updated_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const response = await context.app.inject({
      method: "POST",
      url: "/api/v1/devices",
      headers: { ...safety, "accept-language": "en" },
      payload: {
        enterpriseId,
        code: `GT-${randomBytes(3).toString("hex")}`,
        name: "跨企业探测器",
        deviceType: "combustible_gas",
        riskPointId: foreignPoint.id,
        majorHazardUnitId: "00000000-0000-4000-8000-000000000000",
      },
    });
    expect(response.statusCode).toBe(400);
    const fields = errorOf(response).details as { field: string; message: string }[];
    expect(fields.map((f) => f.field).sort()).toEqual(["majorHazardUnitId", "riskPointId"]);
    expect(fields[0].message).toMatch(/not this enterprise's/);
  });
});
