import { type ChildProcess, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../jobs/clock";
import { JobRunner } from "../jobs/job-runner";
import { bearerFor, createTestContext, type TestContext } from "../testing/test-app";
import { testDatabaseKinds } from "../testing/test-database";
import { deliverOutboxJob } from "./deliver-outbox";
import { notify } from "./notify";
import { smtpSender } from "./senders";

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
  let receiver: Server;
  const received: { body: string; signature: string }[] = [];
  let failNext = 0;
  let receiverUrl: string;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const smtpPort = 20_000 + Math.floor(Math.random() * 20_000);

  beforeAll(async () => {
    context = await createTestContext(kind, { enterprises: 10 });
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
        received.push({ body, signature: String(request.headers["x-dualguard-signature"]) });
        response.end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const address = receiver.address();
    receiverUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook`;
    smtp = await startSmtpServer(smtpPort);
  });
  afterAll(async () => {
    smtp?.process.kill();
    await new Promise((resolve) => receiver?.close(resolve));
    await context?.close();
  });

  it("notifies once per event, delivers to a signed webhook and by e-mail, and retries a failed delivery", async () => {
    const { db } = context.database;
    const admin = await bearerFor(context, "admin");
    const hook = await context.app.inject({
      method: "POST",
      url: "/api/v1/webhooks",
      headers: admin,
      payload: { name: "city duty room", url: receiverUrl, eventKinds: ["hidden_danger.overdue"] },
    });
    expect(hook.statusCode, hook.body).toBe(201);
    const secret = hook.json().secret;
    const user = await db
      .selectFrom("app_user")
      .select("id")
      .where("username", "=", "chem.safety")
      .executeTakeFirstOrThrow();
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
      territoryPath: "/990100/990101/",
      at: clock.now(),
    };
    await db.transaction().execute((trx) => notify(trx, event));
    await db.transaction().execute((trx) => notify(trx, event));
    const centre = await context.app.inject({
      url: "/api/v1/notifications",
      headers: await bearerFor(context, "chem.safety"),
    });
    expect(centre.json()).toMatchObject({
      total: 1,
      unread: 1,
      items: [{ title: "隐患整改已逾期", severity: "warning" }],
    });

    failNext = 1;
    const runner = new JobRunner({ db, clock, log: console }, [
      deliverOutboxJob(smtpSender(`smtp://127.0.0.1:${smtpPort}`)),
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
    const expected = createHmac("sha256", secret).update(received[0].body).digest("hex");
    expect(received[0].signature).toBe(`sha256=${expected}`);
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

  it("marks notifications read", async () => {
    const headers = await bearerFor(context, "chem.safety");
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
