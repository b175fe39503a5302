import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../jobs/clock";
import { JobRunner } from "../jobs/job-runner";
import { createCity, createEnterprise, createUser, signIn, type TestCity, type TestUser } from "../testing/factories";
import { createTestContext, errorOf, type TestContext } from "../testing/test-app";
import { testDatabaseKinds } from "../testing/test-database";
import { deliverOutboxJob } from "./deliver-outbox";
import { notify } from "./notify";
import { smtpSender, verifyWebhookSignature } from "./senders";

/** A real SMTP server (Python's smtpd) that prints every message it receives. */
function startSmtpServer(port: number): Promise<{ process: ChildProcess; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("python3", [
      "-W",
      "ignore",
      "-u",
      "-m",
      "smtpd",
      "-n",
      "-c",
      "DebuggingServer",
      `127.0.0.1:${port}`,
    ]);
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    // Ready once the port accepts connections (a fixed pause is too short on a loaded machine).
    const started = Date.now();
    const probe = () => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve({ process: child, output: () => output });
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() - started > 15_000) reject(new Error(`the test SMTP server did not start: ${output}`));
        else setTimeout(probe, 100);
      });
    };
    probe();
  });
}

describe.each(testDatabaseKinds())("notifications on $name", (kind) => {
  let context: TestContext;
  let city: TestCity;
  let admin: TestUser;
  let safetyManager: TestUser;
  let receiver: Server;
  const received: { body: string; signature: string; at: number }[] = [];
  let failNext = 0;
  let receiverUrl: string;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const smtpPort = 20_000 + Math.floor(Math.random() * 20_000);

  let receiverHost: string;
  // Hangs every request until the test ends: a receiver that accepts and never answers.
  let hanging: Server;
  let hangingHost: string;
  const hangingRequests: import("node:http").ServerResponse[] = [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        if (failNext > 0) {
          failNext--;
          response.statusCode = 503;
          response.end();
          return;
        }
        received.push({ body, signature: String(request.headers["x-dualguard-signature"]), at: Date.now() });
        response.end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverHost = `127.0.0.1:${(receiver.address() as { port: number }).port}`;
    receiverUrl = `http://${receiverHost}/hook`;
    hanging = createServer((_request, response) => hangingRequests.push(response));
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    hangingHost = `127.0.0.1:${(hanging.address() as { port: number }).port}`;
    // Loopback receivers are refused unless listed, exactly as WEBHOOK_ALLOW_HOSTS lists them.
    context = await createTestContext(kind, {
      demoCity: false,
      config: { webhookAllowHosts: [receiverHost, hangingHost] },
    });
    city = await createCity(context.app, { districts: 1, towns: 1 });
    admin = await createUser(context.app, { role: "admin" });
    safetyManager = (await createEnterprise(context.app, { territory: city.districts[0].towns[0] })).safetyManager;
    smtp = await startSmtpServer(smtpPort);
  });
  afterAll(async () => {
    smtp?.process.kill();
    for (const response of hangingRequests) response.destroy();
    await new Promise((resolve) => receiver?.close(resolve));
    await new Promise((resolve) => hanging?.close(resolve));
    await context?.close();
  });

  it("notifies once per event, delivers to a signed webhook and by e-mail, and retries a failed delivery", async () => {
    const { db } = context.database;
    const hook = await context.app.inject({
      method: "POST",
      url: "/api/v1/webhooks",
      headers: (await signIn(context.app, admin)).headers,
      payload: { name: "city duty room", url: receiverUrl, eventKinds: ["hidden_danger.overdue"] },
    });
    expect(hook.statusCode, hook.body).toBe(201);
    const secret = hook.json().secret;
    const user = safetyManager;
    await db.updateTable("app_user").set({ email: "safety@example.test" }).where("id", "=", user.id).execute();
    const clock = new ManualClock("2026-05-01T08:00:00Z");
    const event = {
      userIds: [user.id],
      kind: "hidden_danger.overdue",
      dedupeKey: "hd-42:overdue:1",
      title: { "zh-CN": "隐患整改已逾期", en: "Hidden danger overdue" },
      body: { "zh-CN": "储罐区隐患超过整改期限", en: "The tank farm hidden danger is past its deadline" },
      link: "/hidden-dangers/42",
      severity: "warning" as const,
      territoryPath: city.districts[0].path,
      at: clock.now(),
    };
    await db.transaction().execute((trx) => notify(trx, event));
    await db.transaction().execute((trx) => notify(trx, event));
    const centre = await context.app.inject({
      url: "/api/v1/notifications",
      headers: (await signIn(context.app, safetyManager)).headers,
    });
    expect(centre.json()).toMatchObject({
      total: 1,
      unread: 1,
      items: [{ title: "隐患整改已逾期", severity: "warning" }],
    });

    failNext = 1;
    const runner = new JobRunner({ db, clock, log: console }, [
      deliverOutboxJob(smtpSender(`smtp://127.0.0.1:${smtpPort}`), { webhookPolicy: { allowHosts: [receiverHost] } }),
    ]);
    await runner.tick();
    expect(received).toHaveLength(0);
    const pending = await db
      .selectFrom("outbound_message")
      .selectAll()
      .where("channel", "=", "webhook")
      .executeTakeFirstOrThrow();
    expect(pending).toMatchObject({ status: "pending", attempts: 1, last_error: "webhook answered 503" });
    clock.advance(61_000);
    await runner.tick();
    expect(received).toHaveLength(1);
    // Signed with the delivery's time (the job's clock): valid then, stale an hour later.
    const sentAt = clock.now().getTime() / 1000;
    expect(verifyWebhookSignature(received[0].signature, secret, received[0].body, sentAt)).toBe("valid");
    expect(verifyWebhookSignature(received[0].signature, secret, received[0].body, sentAt + 3600)).toBe("stale");
    expect(JSON.parse(received[0].body)).toMatchObject({ kind: "hidden_danger.overdue", link: "/hidden-dangers/42" });
    for (let i = 0; i < 100 && !smtp.output().includes("safety@example.test"); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(smtp.output()).toContain("safety@example.test");
    const email = await db
      .selectFrom("outbound_message")
      .select(["status"])
      .where("channel", "=", "email")
      .executeTakeFirstOrThrow();
    expect(email.status).toBe("sent");
    clock.advance(3600_000);
    await runner.tick();
    expect(received).toHaveLength(1);
  });

  /** Registers a webhook through the API; the answer as it came. */
  const register = async (url: string, eventKind: string, locale = "en") =>
    context.app.inject({
      method: "POST",
      url: "/api/v1/webhooks",
      headers: { ...(await signIn(context.app, admin)).headers, "accept-language": locale },
      payload: { name: `hook ${eventKind}`, url, eventKinds: [eventKind] },
    });

  /** Queues one event of the kind for every webhook that subscribes to it. */
  const queueEvent = async (kind: string, at: Date) =>
    context.database.db.transaction().execute((trx) =>
      notify(trx, {
        userIds: [],
        kind,
        dedupeKey: `${kind}:${at.toISOString()}`,
        title: { "zh-CN": "测试", en: "Test" },
        body: { "zh-CN": "测试", en: "Test" },
        severity: "info",
        territoryPath: city.path,
        at,
      }),
    );

  const webhookMessages = (kind: string) =>
    context.database.db
      .selectFrom("outbound_message")
      .innerJoin("webhook", "webhook.id", "outbound_message.webhook_id")
      .select(["webhook.url", "outbound_message.status", "outbound_message.last_error"])
      .where(sql<boolean>`${kind} = ANY(webhook.event_kinds)`)
      .execute();

  it("refuses to register a webhook whose URL resolves to an internal address, with a 400 that says why", async () => {
    const before = await context.database.db.selectFrom("webhook").select("id").execute();
    for (const url of [
      "http://127.0.0.1:1/hook",
      "http://10.0.0.1/hook",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::1]/hook",
      "http://[::ffff:127.0.0.1]/hook",
      "http://[fd00:ec2::254]/",
      "http://localhost:8080/hook",
    ]) {
      const refused = await register(url, "test.refused");
      expect(refused.statusCode, url).toBe(400);
      expect(errorOf(refused).message, url).toMatch(
        /url\. The webhook host .* resolves to .*internal addresses are refused/,
      );
    }
    const chinese = await register("http://169.254.169.254/", "test.refused", "zh-CN");
    expect(errorOf(chinese).message).toContain("链路本地地址");
    expect(await context.database.db.selectFrom("webhook").select("id").execute()).toHaveLength(before.length);
  });

  it("checks the address again at delivery: without the allowance the job never calls a loopback receiver", async () => {
    expect((await register(receiverUrl, "test.recheck")).statusCode).toBe(201);
    const at = new Date("2026-06-01T08:00:00Z");
    await queueEvent("test.recheck", at);
    const count = received.length;
    const job = deliverOutboxJob(null, { webhookPolicy: { allowHosts: [] } });
    await job.run({ db: context.database.db, clock: new ManualClock(at.toISOString()), log: console });
    expect(received).toHaveLength(count);
    expect(await webhookMessages("test.recheck")).toEqual([
      expect.objectContaining({
        status: "pending",
        last_error: expect.stringContaining("resolves to a loopback address"),
      }),
    ]);
  });

  it("delivers to receivers in parallel: a hanging receiver times out without delaying the other", async () => {
    expect((await register(`http://${hangingHost}/hook`, "test.parallel")).statusCode).toBe(201);
    expect((await register(receiverUrl, "test.parallel")).statusCode).toBe(201);
    const at = new Date("2026-06-02T08:00:00Z");
    await queueEvent("test.parallel", at);
    const job = deliverOutboxJob(null, {
      webhookPolicy: { allowHosts: [receiverHost, hangingHost] },
      webhookTimeoutMs: 2_000,
    });
    const started = Date.now();
    await job.run({ db: context.database.db, clock: new ManualClock(at.toISOString()), log: console });
    const took = Date.now() - started;
    const calls = received.filter((r) => JSON.parse(r.body).kind === "test.parallel");
    expect(calls).toHaveLength(1);
    // The healthy receiver had its call long before the hanging one timed out.
    expect(calls[0].at - started).toBeLessThan(1_500);
    expect(took).toBeGreaterThanOrEqual(1_900);
    expect(took).toBeLessThan(6_000);
    expect(hangingRequests.length).toBeGreaterThanOrEqual(1);
    const messages = await webhookMessages("test.parallel");
    expect(messages.find((m) => m.url === receiverUrl)).toMatchObject({ status: "sent", last_error: null });
    expect(messages.find((m) => m.url.includes(hangingHost))).toMatchObject({
      status: "pending",
      last_error: "webhook did not answer within 2 s",
    });
  });

  it("marks notifications read", async () => {
    const { headers } = await signIn(context.app, safetyManager);
    const { items } = (await context.app.inject({ url: "/api/v1/notifications?unread=true", headers })).json();
    const read = await context.app.inject({
      method: "POST",
      url: `/api/v1/notifications/${items[0].id}/read`,
      headers,
    });
    expect(read.statusCode).toBe(204);
    expect((await context.app.inject({ url: "/api/v1/notifications", headers })).json().unread).toBe(0);
  });
});
