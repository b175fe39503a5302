import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../jobs/clock";
import { JobRunner } from "../../jobs/job-runner";
import { bearerFor, createTestContext, errorOf, signIn, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";
import { createApiToken } from "../tokens/create-api-token";
import { alarmEscalationJob } from "./alarm-jobs";
import { evaluateSilences } from "./evaluate-alarms";

const CAP_SCHEMA = join(import.meta.dirname, "../../../domain/cap/CAP-v1.2.xsd");

describe.each(testDatabaseKinds())("alarms on $name", (kind) => {
  let context: TestContext;
  let safety: Record<string, string>;
  let device: { id: string; code: string; credential: string };
  const start = Date.now() - 10 * 60_000;

  beforeAll(async () => {
    context = await createTestContext(kind, { enterprises: 20 });
    safety = await bearerFor(context, "chem.safety");
    const enterpriseId = (await context.app.inject({ url: "/api/v1/auth/me", headers: safety })).json().user
      .enterpriseIds[0];
    device = (
      await context.app.inject({
        method: "POST",
        url: "/api/v1/devices",
        headers: safety,
        payload: {
          enterpriseId,
          code: "GAS-LEAK-1",
          name: "液氯罐区可燃气体 1#",
          deviceType: "combustible_gas",
          lng: 118.7,
          lat: 32.1,
        },
      })
    ).json();
  });
  afterAll(async () => {
    await context?.close();
  });

  const send = (values: number[], offsetSeconds: number) =>
    context.app.inject({
      method: "POST",
      url: "/api/v1/ingest/readings",
      headers: { authorization: `Bearer ${device.credential}` },
      payload: {
        readings: values.map((value, i) => ({
          deviceId: device.code,
          ts: start + (offsetSeconds + i * 10) * 1000,
          value,
        })),
      },
    });
  const openAlarms = async () =>
    (await context.app.inject({ url: "/api/v1/alarms?open=true", headers: safety })).json().items as {
      id: string;
      ruleId: string;
      severity: number;
      status: string;
      peak: number;
    }[];

  it("raises one alarm per rule on a gas leak ramp, updates it while the leak lasts, and clears it with hysteresis", async () => {
    expect((await send([2, 5, 12, 22], 0)).statusCode).toBe(200);
    let open = await openAlarms();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ severity: 2, status: "active_unacknowledged" });
    await send([30, 35], 40);
    open = await openAlarms();
    expect(open).toHaveLength(1);
    expect(open[0].peak).toBe(35);
    await send([56], 60);
    open = await openAlarms();
    expect(open.map((a) => a.severity).sort()).toEqual([1, 2]);
    // 46 is inside the red alarm's hysteresis band (clears below 45): nothing clears.
    await send([46], 70);
    expect(await openAlarms()).toHaveLength(2);
    await send([40, 19, 17], 80);
    const after = (await context.app.inject({ url: "/api/v1/alarms", headers: safety })).json().items;
    expect(after.map((a: { status: string }) => a.status)).toEqual([
      "cleared_unacknowledged",
      "cleared_unacknowledged",
    ]);
    const notices = (await context.app.inject({ url: "/api/v1/notifications", headers: safety })).json().items;
    expect(notices.filter((n: { title: string }) => n.title.startsWith("报警"))).toHaveLength(2);
  });

  it("acknowledges and disposes an alarm, recording who, and rejects disposal before acknowledgement", async () => {
    await send([25], 200);
    const [alarm] = await openAlarms();
    const early = await context.app.inject({
      method: "POST",
      url: `/api/v1/alarms/${alarm.id}/dispose`,
      headers: safety,
      payload: { cause: "阀门泄漏", actionTaken: "关阀" },
    });
    expect(early.statusCode).toBe(409);
    const acked = await context.app.inject({
      method: "POST",
      url: `/api/v1/alarms/${alarm.id}/acknowledge`,
      headers: safety,
      payload: { note: "已到场" },
    });
    expect(acked.json()).toMatchObject({ status: "acknowledged", acknowledgeNote: "已到场" });
    const disposed = await context.app.inject({
      method: "POST",
      url: `/api/v1/alarms/${alarm.id}/dispose`,
      headers: safety,
      payload: { cause: "法兰垫片老化渗漏", actionTaken: "更换垫片，复测正常" },
    });
    expect(disposed.json().disposals[0]).toMatchObject({
      cause: "法兰垫片老化渗漏",
      by: expect.stringContaining("安全管理员"),
    });
    const worker = await bearerFor(context, "chem.worker");
    const refused = await context.app.inject({
      method: "POST",
      url: `/api/v1/alarms/${alarm.id}/acknowledge`,
      headers: worker,
      payload: {},
    });
    expect(errorOf(refused).code).toBe("FORBIDDEN");
  });

  it("publishes active and recently cleared alarms as CAP 1.2 alerts that validate against the OASIS schema", async () => {
    const feed = await context.app.inject({ url: "/api/v1/cap/alerts.xml", headers: safety });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers["content-type"]).toContain("application/atom+xml");
    const alerts = [
      ...feed.body.matchAll(/<alert xmlns="urn:oasis:names:tc:emergency:cap:1\.2">[\s\S]*?<\/alert>/g),
    ].map((m) => m[0]);
    if (alerts.length < 3) console.log("FEED", feed.body.slice(0, 3000));
    expect(alerts.length).toBeGreaterThanOrEqual(3);
    expect(alerts.some((a) => a.includes("<msgType>Update</msgType>") && a.includes("<references>"))).toBe(true);
    expect(alerts.some((a) => a.includes("<msgType>Alert</msgType>"))).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), "cap-"));
    for (const [i, alert] of alerts.entries()) {
      const file = join(dir, `alert-${i}.xml`);
      writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>\n${alert}`);
      execFileSync("xmllint", ["--noout", "--schema", CAP_SCHEMA, file], { stdio: "pipe" });
    }
    const unknownTerritory = await context.app.inject({
      url: "/api/v1/cap/alerts.xml?territory=000000",
      headers: safety,
    });
    expect(unknownTerritory.statusCode).toBe(404);
    const district = await context.app.inject({
      url: "/api/v1/cap/alerts.xml?territory=990102",
      headers: await bearerFor(context, "city.supervisor"),
    });
    expect(district.body).not.toContain("<alert ");
  });

  it("raises 'monitoring offline' for a silent device and escalates an unacknowledged alarm step by step", async () => {
    const later = new Date(Date.now() + 10 * 60_000);
    await context.database.db.transaction().execute((trx) => evaluateSilences(trx, later));
    const open = await openAlarms();
    const offline = open.find((a) => a.ruleId.includes("inactivity"));
    expect(offline).toBeTruthy();
    // Six minutes after the offline alarm was raised: the safety manager's step only.
    const clock = new ManualClock(new Date(later.getTime() + 6 * 60_000));
    const runner = new JobRunner({ db: context.database.db, clock, log: console }, [alarmEscalationJob()]);
    await runner.tick();
    const principal = await bearerFor(context, "chem.principal");
    const titles = async (headers: Record<string, string>) =>
      (await context.app.inject({ url: "/api/v1/notifications?pageSize=100", headers }))
        .json()
        .items.map((n: { title: string }) => n.title);
    expect((await titles(principal)).filter((t: string) => t.startsWith("报警未确认"))).toHaveLength(0);
    const ours = (t: string) => t.startsWith("报警未确认") && t.includes("离线") && t.includes("液氯罐区可燃气体 1#");
    expect((await titles(safety)).filter(ours).length).toBe(1);
    clock.advance(10 * 60_000);
    await runner.tick();
    expect((await titles(principal)).filter((t: string) => t.startsWith("报警未确认")).length).toBeGreaterThan(0);
  });

  it("lets only the enterprise's monitoring managers and the supervising government acknowledge or dispose an alarm", async () => {
    const enterpriseId = (await context.app.inject({ url: "/api/v1/auth/me", headers: safety })).json().user
      .enterpriseIds[0];
    const probe = (
      await context.app.inject({
        method: "POST",
        url: "/api/v1/devices",
        headers: safety,
        payload: { enterpriseId, code: "GAS-ROLE-1", name: "权限测试探头", deviceType: "combustible_gas" },
      })
    ).json();
    await context.app.inject({
      method: "POST",
      url: "/api/v1/ingest/readings",
      headers: { authorization: `Bearer ${probe.credential}` },
      payload: { readings: [{ deviceId: "GAS-ROLE-1", ts: Date.now() - 1000, value: 62 }] },
    });
    const alarm = (await context.app.inject({ url: `/api/v1/alarms?deviceId=${probe.id}`, headers: safety })).json()
      .items[0];
    const act = async (username: string, action: "acknowledge" | "dispose") =>
      context.app.inject({
        method: "POST",
        url: `/api/v1/alarms/${alarm.id}/${action}`,
        headers: await bearerFor(context, username),
        payload: action === "acknowledge" ? { note: "已知悉" } : { cause: "探头受潮", actionTaken: "更换探头" },
      });
    // Readers, even those whose scope holds the plant, are refused.
    for (const reader of ["integrator", "housing.dept", "insurer", "chem.worker"]) {
      for (const action of ["acknowledge", "dispose"] as const) {
        const refused = await act(reader, action);
        expect(refused.statusCode, `${reader} ${action}`).toBe(403);
      }
    }
    const untouched = (await context.app.inject({ url: `/api/v1/alarms?deviceId=${probe.id}`, headers: safety })).json()
      .items[0];
    expect(untouched.status).toBe("active_unacknowledged");
    const acknowledged = await act("city.supervisor", "acknowledge");
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    const disposed = await act("chem.principal", "dispose");
    expect(disposed.statusCode, disposed.body).toBe(200);
  });
});

describe("the live alarm stream", () => {
  it("pushes an alarm raised after the console connected, within seconds, and ends on shutdown", async () => {
    const [kind] = testDatabaseKinds();
    const context = await createTestContext(kind, { enterprises: 20 });
    try {
      await context.app.listen({ port: 0, host: "127.0.0.1" });
      const address = context.app.server.address();
      const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
      const safety = await bearerFor(context, "chem.safety");
      const enterpriseId = (await context.app.inject({ url: "/api/v1/auth/me", headers: safety })).json().user
        .enterpriseIds[0];
      const device = (
        await context.app.inject({
          method: "POST",
          url: "/api/v1/devices",
          headers: safety,
          payload: { enterpriseId, code: "SSE-1", name: "实时推送测试探头", deviceType: "combustible_gas" },
        })
      ).json();
      const city = await fetch(`${base}/api/v1/alarms/stream`, {
        headers: await bearerFor(context, "city.supervisor"),
      });
      const response = await fetch(`${base}/api/v1/alarms/stream`, { headers: safety });
      expect(response.headers.get("content-type")).toContain("text/event-stream");
      const reader = response.body!.getReader();
      await new Promise((r) => setTimeout(r, 300));
      await context.app.inject({
        method: "POST",
        url: "/api/v1/ingest/readings",
        headers: { authorization: `Bearer ${device.credential}` },
        payload: { readings: [{ deviceId: "SSE-1", ts: Date.now(), value: 62 }] },
      });
      let text = "";
      const deadline = Date.now() + 5000;
      while (!text.includes("event: alarm") && Date.now() < deadline) {
        const { value } = await reader.read();
        text += new TextDecoder().decode(value);
      }
      expect(text).toContain("event: alarm");
      expect(text).toContain("实时推送测试探头");
      const cityReader = city.body!.getReader();
      const cityChunk = new TextDecoder().decode((await cityReader.read()).value);
      expect(cityChunk).toContain("retry");
      await context.app.close();
      const end = await reader.read();
      while (!(await reader.read()).done) {}
      expect(end).toBeDefined();
    } finally {
      await context.database.destroy();
    }
  });

  it("follows the caller's scope as it changes, ends within seconds once its token is revoked or its account disabled, and holds three per user", async () => {
    const [kind] = testDatabaseKinds();
    const context = await createTestContext(kind, { enterprises: 20 });
    try {
      await context.app.listen({ port: 0, host: "127.0.0.1" });
      const address = context.app.server.address();
      const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/api/v1/alarms/stream`;
      const { db } = context.database;
      const safetyId = (
        await db.selectFrom("app_user").select("id").where("username", "=", "chem.safety").executeTakeFirstOrThrow()
      ).id;
      const admin = await signIn(context.app, "admin");

      const token = await createApiToken(
        db,
        { userId: null, name: "test", ip: "" },
        { userId: safetyId, name: "console", days: 1 },
      );
      const bearer = { authorization: `Bearer ${token.token}` };
      const plant = (await context.app.inject({ url: "/api/v1/auth/me", headers: bearer })).json().user
        .enterpriseIds[0];
      const detector = (
        await context.app.inject({
          method: "POST",
          url: "/api/v1/devices",
          headers: bearer,
          payload: { enterpriseId: plant, code: "SCOPE-1", name: "调岗前的探头", deviceType: "combustible_gas" },
        })
      ).json();
      const byToken = await fetch(url, { headers: bearer });
      expect(byToken.status).toBe(200);
      const reader = byToken.body!.getReader();
      // Moved to another plant while the console is open: the next poll reads the new scope.
      const elsewhere = await db
        .selectFrom("enterprise")
        .select("id")
        .where("id", "<>", plant)
        .orderBy("name")
        .executeTakeFirstOrThrow();
      const moved = await context.app.inject({
        method: "PATCH",
        url: `/api/v1/users/${safetyId}`,
        headers: admin.headers,
        payload: { enterpriseIds: [elsewhere.id] },
      });
      expect(moved.statusCode, moved.body).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await context.app.inject({
        method: "POST",
        url: "/api/v1/ingest/readings",
        headers: { authorization: `Bearer ${detector.credential}` },
        payload: { readings: [{ deviceId: "SCOPE-1", ts: Date.now(), value: 62 }] },
      });
      const afterMove = await readFor(reader, 3000);
      expect(afterMove.text).not.toContain("调岗前的探头");
      const revoked = await context.app.inject({
        method: "DELETE",
        url: `/api/v1/users/${safetyId}/tokens/${token.id}`,
        headers: admin.headers,
      });
      expect(revoked.statusCode).toBe(204);
      const afterRevoke = await readFor(reader, 5000);
      expect(afterRevoke).toMatchObject({ ended: true });
      expect(afterRevoke.text).toContain("event: end");

      const session = await signIn(context.app, "chem.safety");
      const open = [];
      for (let i = 0; i < 3; i++) {
        const response = await fetch(url, { headers: { cookie: session.headers.cookie } });
        expect(response.status).toBe(200);
        open.push(response);
      }
      const fourth = await fetch(url, { headers: { cookie: session.headers.cookie } });
      expect(fourth.status).toBe(429);
      expect((await fourth.json()).error).toMatchObject({
        code: "RATE_LIMITED",
        message: expect.stringContaining("3"),
      });
      const disabled = await context.app.inject({
        method: "PATCH",
        url: `/api/v1/users/${safetyId}`,
        headers: admin.headers,
        payload: { disabled: true },
      });
      expect(disabled.statusCode).toBe(200);
      for (const response of open) expect(await readUntilEnd(response, 5000)).toMatchObject({ ended: true });
      expect((await fetch(url, { headers: { cookie: session.headers.cookie } })).status).toBe(401);
    } finally {
      await context.app.close();
      await context.database.destroy();
    }
  });
});

// A read that outlived its time limit, kept so that the chunk it receives is not lost to the next call.
const pendingReads = new WeakMap<
  ReadableStreamDefaultReader<Uint8Array>,
  Promise<ReadableStreamReadResult<Uint8Array>>
>();

/** Reads an event stream until the server ends it or the time is up. */
async function readFor(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  ms: number,
): Promise<{ ended: boolean; text: string }> {
  const deadline = Date.now() + ms;
  let text = "";
  while (Date.now() < deadline) {
    const read = pendingReads.get(reader) ?? reader.read();
    pendingReads.set(reader, read);
    const chunk = await Promise.race([
      read,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), Math.max(0, deadline - Date.now()))),
    ]);
    if (chunk === null) break;
    pendingReads.delete(reader);
    if (chunk.done) return { ended: true, text };
    text += new TextDecoder().decode(chunk.value);
  }
  return { ended: false, text };
}

/** Reads a whole event stream response until it ends (or the time is up, then lets it go). */
async function readUntilEnd(response: Response, ms: number): Promise<{ ended: boolean; text: string }> {
  const reader = response.body!.getReader();
  const result = await readFor(reader, ms);
  if (!result.ended) await reader.cancel();
  return result;
}

describe.each(testDatabaseKinds())("per-device rule overrides on $name", (kind) => {
  let context: TestContext;
  afterAll(async () => {
    await context?.close();
  });

  it("applies a device's own threshold, and refuses an override whose hysteresis points the wrong way", async () => {
    context = await createTestContext(kind, { enterprises: 20 });
    const safety = await bearerFor(context, "chem.safety");
    const enterpriseId = (await context.app.inject({ url: "/api/v1/auth/me", headers: safety })).json().user
      .enterpriseIds[0];
    const device = (
      await context.app.inject({
        method: "POST",
        url: "/api/v1/devices",
        headers: safety,
        payload: { enterpriseId, code: "OVR-1", name: "厨房燃气探测器", deviceType: "combustible_gas" },
      })
    ).json();
    const { rules } = (await context.app.inject({ url: `/api/v1/devices/${device.id}/rules`, headers: safety })).json();
    const high = rules.find((r: { kind: string }) => r.kind === "threshold_high");
    const bad = await context.app.inject({
      method: "PUT",
      url: `/api/v1/devices/${device.id}/rules`,
      headers: safety,
      payload: { overrides: [{ id: high.id, threshold: 30, clearThreshold: 35 }] },
    });
    expect(bad.statusCode).toBe(400);
    const good = await context.app.inject({
      method: "PUT",
      url: `/api/v1/devices/${device.id}/rules`,
      headers: safety,
      payload: { overrides: [{ id: high.id, threshold: 30, clearThreshold: 27 }] },
    });
    expect(good.json().rules.find((r: { id: string }) => r.id === high.id)).toMatchObject({
      threshold: 30,
      clearThreshold: 27,
    });
    const send = (value: number, ts: number) =>
      context.app.inject({
        method: "POST",
        url: "/api/v1/ingest/readings",
        headers: { authorization: `Bearer ${device.credential}` },
        payload: { readings: [{ deviceId: "OVR-1", ts, value }] },
      });
    await send(25, Date.now() - 2000);
    expect(
      (await context.app.inject({ url: "/api/v1/alarms?open=true", headers: safety }))
        .json()
        .items.filter((a: { deviceId: string }) => a.deviceId === device.id),
    ).toHaveLength(0);
    await send(31, Date.now() - 1000);
    expect(
      (await context.app.inject({ url: "/api/v1/alarms?open=true", headers: safety }))
        .json()
        .items.filter((a: { deviceId: string }) => a.deviceId === device.id),
    ).toHaveLength(1);
  });
});
