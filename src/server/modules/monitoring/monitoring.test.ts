import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCity,
  createEnterprise,
  createRiskPoint,
  createUser,
  signIn,
  TEST_PASSWORD,
  type TestEnterprise,
} from "../../testing/factories";
import { createTestContext, errorOf, signIn as signInWithPassword, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";
import { maintainReadingPartitions } from "./reading-partitions";

describe.each(testDatabaseKinds())("monitoring ingestion on $name", (kind) => {
  let context: TestContext;
  let plant: TestEnterprise;
  let neighbour: TestEnterprise;
  let safety: Record<string, string>;
  let enterpriseId: string;
  let device: { id: string; code: string; credential: string };
  const as = async (user: { id: string }) => (await signIn(context.app, user)).headers;

  beforeAll(async () => {
    context = await createTestContext(kind, { demoCity: false });
    await maintainReadingPartitions(context.database.db, new Date());
    const city = await createCity(context.app, { districts: 1, towns: 1 });
    plant = await createEnterprise(context.app, { territory: city.districts[0].towns[0] });
    neighbour = await createEnterprise(context.app, { territory: city.districts[0].towns[0] });
    safety = await as(plant.safetyManager);
    enterpriseId = plant.id;
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
      await context.app.inject({
        url: "/api/v1/ingest/stats",
        headers: await as(await createUser(context.app, { role: "admin" })),
      })
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
    const session = await signInWithPassword(context.app, plant.safetyManager.username, TEST_PASSWORD);
    expect((await send(session.headers, [{ deviceId: device.code, ts: Date.now(), value: 1 }])).statusCode).toBe(401);
    const gateway = await send(safety, [{ deviceId: device.code, ts: Date.now() - 1, value: 2 }]);
    expect(gateway.json().accepted).toBe(1);
    // A third party working for the plant may read its monitoring, not send readings.
    const otherGateway = await as(await createUser(context.app, { role: "third_party", enterpriseIds: [plant.id] }));
    const foreign = await send(otherGateway, [{ deviceId: device.code, ts: Date.now(), value: 2 }]);
    expect(foreign.statusCode).toBe(401);
    const huge = Array.from({ length: 5001 }, (_, i) => ({ deviceId: device.code, ts: i, value: 1 }));
    const tooLarge = await send({ authorization: `Bearer ${device.credential}` }, huge);
    expect(tooLarge.statusCode).toBe(400);
    expect(errorOf(tooLarge).message).toContain("5000");
  });

  it("answers a gateway naming another enterprise's device exactly as it answers an unknown code", async () => {
    // The neighbour's principal may send readings for the neighbour, not for the plant.
    const foreign = await as(neighbour.principal);
    const answer = await send({ ...foreign, "accept-language": "en" }, [
      { deviceId: device.code, ts: Date.now() - 1, value: 1 },
      { deviceId: "NO-SUCH-CODE", ts: Date.now() - 1, value: 1 },
    ]);
    expect(answer.statusCode).toBe(422);
    const [known, unknown] = answer.json().rejected;
    expect({ ...known, index: 0, deviceId: "x" }).toEqual({ ...unknown, index: 0, deviceId: "x" });
    expect(known.reason).toBe("unknown_device");
  });

  it("refuses to attach a device to another enterprise's risk point or major hazard unit", async () => {
    const foreignPoint = await createRiskPoint(context.app, neighbour);
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
