import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app";
import { FREE_FAILURES_PER_ACCOUNT, FREE_FAILURES_PER_ADDRESS } from "../../auth/login-throttle";
import { observePasswordVerification } from "../../auth/passwords";
import { signInRecordsJob } from "../../auth/sign-in-records-job";
import { ManualClock } from "../../jobs/clock";
import { bearerFor, createTestContext, errorOf, signIn, TEST_CONFIG, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";

describe.each(testDatabaseKinds())("sign-in and sessions on $name", (kind) => {
  let context: TestContext;
  beforeAll(async () => {
    context = await createTestContext(kind, { enterprises: 20 });
  });
  afterAll(async () => {
    await context?.close();
  });

  it("signs in with the demo password and sets an HttpOnly, SameSite session cookie", async () => {
    const response = await context.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: "city.supervisor", password: "Demo@2026" },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === "dg_session")!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Strict");
    const body = response.json();
    expect(body.user.role).toBe("supervisor");
    expect(body.user.territory.code).toBe("990100");
    expect(body.user.permissions).toContain("enterprise:read");
    expect(body.user.permissions).not.toContain("user:admin");
    expect(body.csrfToken).toMatch(/.{20,}/);
  });

  it("rejects a wrong password in the caller's language", async () => {
    const payload = { username: "chem.worker", password: "nope" };
    const zh = await context.app.inject({ method: "POST", url: "/api/v1/auth/login", payload });
    expect(zh.statusCode).toBe(401);
    expect(errorOf(zh)).toMatchObject({ code: "INVALID_CREDENTIALS", message: expect.stringContaining("密码错误") });
    const en = await context.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload,
      headers: { "accept-language": "en-GB,en;q=0.9" },
    });
    expect(errorOf(en).message).toContain("Wrong username or password");
  });

  it(`throttles an account after ${FREE_FAILURES_PER_ACCOUNT} failures from an address, even with the right password`, async () => {
    for (let i = 0; i < FREE_FAILURES_PER_ACCOUNT; i++) {
      const r = await context.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { username: "expert", password: `bad${i}` },
      });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await context.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: "expert", password: "Demo@2026" },
    });
    expect(blocked.statusCode).toBe(429);
    expect(errorOf(blocked).code).toBe("LOGIN_THROTTLED");
    expect(errorOf(blocked).message).toMatch(/\d+ 秒后再试/);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    // Another account from the same address is not locked by it.
    expect(
      (
        await context.app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { username: "integrator", password: "Demo@2026" },
        })
      ).statusCode,
    ).toBe(200);
  });

  it("throttles an address that tries many accounts", async () => {
    const remoteAddress = "203.0.113.9";
    for (let i = 0; i < 20; i++) {
      await context.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        remoteAddress,
        payload: { username: `ghost${i}`, password: "x" },
      });
    }
    const blocked = await context.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      remoteAddress,
      payload: { username: "admin", password: "Demo@2026" },
    });
    expect(blocked.statusCode).toBe(429);
  });

  it("answers 401 without a session and 401 with a forged cookie", async () => {
    expect((await context.app.inject({ url: "/api/v1/enterprises" })).statusCode).toBe(401);
    const forged = await context.app.inject({ url: "/api/v1/enterprises", headers: { cookie: "dg_session=abc.def" } });
    expect(forged.statusCode).toBe(401);
    expect(errorOf(forged).code).toBe("NOT_AUTHENTICATED");
  });

  it("requires the CSRF token on state-changing requests made with the session cookie", async () => {
    const session = await signIn(context.app, "admin");
    const payload = { name: "csrf-probe", days: 1 };
    const without = await context.app.inject({
      method: "POST",
      url: "/api/v1/tokens",
      headers: { cookie: session.headers.cookie },
      payload,
    });
    expect(without.statusCode).toBe(403);
    expect(errorOf(without).code).toBe("CSRF_TOKEN_INVALID");
    const wrong = await context.app.inject({
      method: "POST",
      url: "/api/v1/tokens",
      headers: { ...session.headers, "x-csrf-token": "guess" },
      payload,
    });
    expect(wrong.statusCode).toBe(403);
    const right = await context.app.inject({
      method: "POST",
      url: "/api/v1/tokens",
      headers: session.headers,
      payload,
    });
    expect(right.statusCode).toBe(201);
  });

  it("accepts a bearer token on every kind of request without cookie or CSRF, until it is revoked", async () => {
    const bearer = await bearerFor(context, "admin");
    expect((await context.app.inject({ url: "/api/v1/auth/me", headers: bearer })).json().user.username).toBe("admin");
    const created = await context.app.inject({
      method: "POST",
      url: "/api/v1/tokens",
      headers: (await signIn(context.app, "admin")).headers,
      payload: { name: "second", days: 2 },
    });
    expect(created.statusCode).toBe(201);
    const second = { authorization: `Bearer ${created.json().token}` };
    expect((await context.app.inject({ url: "/api/v1/overview", headers: second })).statusCode).toBe(200);
    const revoked = await context.app.inject({
      method: "DELETE",
      url: `/api/v1/tokens/${created.json().id}`,
      headers: bearer,
    });
    expect(revoked.statusCode).toBe(204);
    expect((await context.app.inject({ url: "/api/v1/overview", headers: second })).statusCode).toBe(401);
  });

  it("refuses an expired token", async () => {
    const bearer = await bearerFor(context, "integrator");
    await context.database.db
      .updateTable("api_token")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("name", "=", "test")
      .execute();
    expect((await context.app.inject({ url: "/api/v1/overview", headers: bearer })).statusCode).toBe(401);
  });

  it("ends the session at logout", async () => {
    const session = await signIn(context.app, "chem.principal");
    expect((await context.app.inject({ url: "/api/v1/auth/me", headers: session.headers })).statusCode).toBe(200);
    expect(
      (await context.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: session.headers })).statusCode,
    ).toBe(204);
    expect((await context.app.inject({ url: "/api/v1/auth/me", headers: session.headers })).statusCode).toBe(401);
  });

  it("forbids a route the role lacks, with a reason", async () => {
    const worker = await signIn(context.app, "chem.worker");
    const response = await context.app.inject({ url: "/api/v1/users", headers: worker.headers });
    expect(response.statusCode).toBe(403);
    expect(errorOf(response)).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("角色") });
  });

  it("answers unknown API paths with the error shape, signed in or not", async () => {
    for (const headers of [{}, await bearerFor(context, "admin")]) {
      const missing = await context.app.inject({ url: "/api/v1/nothing-here", headers });
      expect(missing.statusCode).toBe(404);
      expect(errorOf(missing)).toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("/api/docs") });
    }
  });

  it("serves health, readiness and the OpenAPI document", async () => {
    expect((await context.app.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    expect((await context.app.inject({ url: "/readyz" })).json()).toMatchObject({
      status: "ready",
      database: kind.name,
    });
    const openapi = (await context.app.inject({ url: "/api/openapi.json" })).json();
    expect(openapi.openapi).toMatch(/^3\./);
    expect(Object.keys(openapi.paths)).toContain("/api/v1/enterprises/{id}");
    expect((await context.app.inject({ url: "/api/docs" })).statusCode).toBeLessThan(400);
  });

  const login = (username: string, password: string, remoteAddress?: string, headers: Record<string, string> = {}) =>
    context.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username, password },
      headers,
      ...(remoteAddress ? { remoteAddress } : {}),
    });

  it("lets the account's owner in from an address that has not failed, while the guessers' addresses wait", async () => {
    // Six addresses each guess once: the account is past its free failures.
    for (let i = 1; i <= FREE_FAILURES_PER_ACCOUNT + 1; i++) {
      expect((await login("town.supervisor", `guess-${i}`, `198.51.100.${i}`)).statusCode).toBe(401);
    }
    const guesser = await login("town.supervisor", "Demo@2026", "198.51.100.1");
    expect(guesser.statusCode).toBe(429);
    expect(errorOf(guesser).code).toBe("LOGIN_THROTTLED");
    expect((await login("town.supervisor", "Demo@2026", "192.0.2.50")).statusCode).toBe(200);
  });

  it("makes every further failure double the wait, answered with Retry-After and a message in the caller's language", async () => {
    const address = "198.51.100.20";
    for (let i = 0; i < FREE_FAILURES_PER_ACCOUNT; i++) await login("housing.dept", `bad-${i}`, address);
    const first = await login("housing.dept", "Demo@2026", address, { "accept-language": "en" });
    expect(first.statusCode).toBe(429);
    expect(errorOf(first).message).toMatch(/try again in \d+ second/);
    const firstWait = Number(first.headers["retry-after"]);
    expect(firstWait).toBeGreaterThan(0);
    expect(firstWait).toBeLessThanOrEqual(5);
    // Let the first wait pass (move the failures back in time), then fail once more.
    await sql`UPDATE login_failure SET at = at - interval '6 seconds'`.execute(context.database.db);
    expect((await login("housing.dept", "bad-again", address)).statusCode).toBe(401);
    const second = await login("housing.dept", "Demo@2026", address);
    expect(second.statusCode).toBe(429);
    expect(Number(second.headers["retry-after"])).toBeGreaterThan(5);
    expect(Number(second.headers["retry-after"])).toBeLessThanOrEqual(10);
  });

  it("spends one password hash check on an unknown, a disabled and a real account alike", async () => {
    await context.database.db
      .updateTable("app_user")
      .set({ disabled: true })
      .where("username", "=", "insurer")
      .execute();
    let checks = 0;
    const stop = observePasswordVerification(() => {
      checks += 1;
    });
    try {
      const counted = async (username: string) => {
        checks = 0;
        const response = await login(username, "Wrong-pass-1", "198.51.100.30");
        expect(response.statusCode).toBe(401);
        return checks;
      };
      expect(await counted("no.such.user")).toBe(1);
      expect(await counted("insurer")).toBe(1);
      expect(await counted("chem.principal")).toBe(1);
    } finally {
      stop();
      await context.database.db
        .updateTable("app_user")
        .set({ disabled: false })
        .where("username", "=", "insurer")
        .execute();
    }
  });

  it("counts requests per address for the rate limit, whatever cookie or bearer value the caller makes up", async () => {
    const remoteAddress = "198.51.100.40";
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      const response = await context.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        remoteAddress,
        headers: { cookie: `dg_session=junk-${i}`, authorization: `Bearer dg_junk-${i}` },
        payload: {},
      });
      statuses.push(response.statusCode);
    }
    // The sign-in route allows 60 requests a minute per key; an empty body is refused without a hash check.
    expect(statuses.slice(0, 60).every((status) => status === 400)).toBe(true);
    expect(statuses[60]).toBe(429);
  });

  it("believes no X-Forwarded-For unless TRUST_PROXY names the proxy", async () => {
    const remoteAddress = "198.51.100.50";
    for (let i = 0; i < FREE_FAILURES_PER_ADDRESS; i++) {
      await login(`nobody-${i}`, "x", remoteAddress, { "x-forwarded-for": `10.9.${i}.1` });
    }
    const blocked = await login("admin", "Demo@2026", remoteAddress, { "x-forwarded-for": "10.9.99.1" });
    expect(blocked.statusCode).toBe(429);

    const behindProxy = await buildApp({
      config: { ...TEST_CONFIG, trustProxy: ["198.51.100.60"] },
      database: context.database,
      logger: false,
      webRoot: "/nonexistent",
    });
    try {
      const sessionIp = async (remote: string) => {
        const response = await behindProxy.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          remoteAddress: remote,
          headers: { "x-forwarded-for": "203.0.113.77" },
          payload: { username: "integrator", password: "Demo@2026" },
        });
        expect(response.statusCode).toBe(200);
        const row = await context.database.db
          .selectFrom("session")
          .select("ip")
          .orderBy("created_at", "desc")
          .executeTakeFirstOrThrow();
        return row.ip;
      };
      expect(await sessionIp("198.51.100.60")).toBe("203.0.113.77");
      expect(await sessionIp("198.51.100.61")).toBe("198.51.100.61");
    } finally {
      await behindProxy.close();
    }
  });

  it("lets a token read and write but not create another token: that takes a signed-in session", async () => {
    const bearer = await bearerFor(context, "city.supervisor");
    const minted = await context.app.inject({
      method: "POST",
      url: "/api/v1/tokens",
      headers: bearer,
      payload: { name: "offspring", days: 1 },
    });
    expect(minted.statusCode).toBe(403);
    expect(errorOf(minted)).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("会话") });
    const session = await signIn(context.app, "city.supervisor");
    const created = await context.app.inject({
      method: "POST",
      url: "/api/v1/tokens",
      headers: session.headers,
      payload: { name: "from the web", days: 1 },
    });
    expect(created.statusCode).toBe(201);
  });

  it("changes one's own password only with the current one, ending the other sessions and every token", async () => {
    const here = await signIn(context.app, "chem.safety");
    const elsewhere = await signIn(context.app, "chem.safety");
    const token = await bearerFor(context, "chem.safety");
    const change = (currentPassword: string, newPassword: string) =>
      context.app.inject({
        method: "POST",
        url: "/api/v1/auth/password",
        headers: here.headers,
        payload: { currentPassword, newPassword },
      });
    const wrong = await change("Not-the-password-1", "Brand-new-2026");
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).details).toEqual([{ field: "currentPassword", message: "当前密码不正确" }]);
    const weak = await change("Demo@2026", "short");
    expect(weak.statusCode).toBe(400);
    const changed = await change("Demo@2026", "Brand-new-2026");
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toEqual({ sessionsEnded: 1, tokensRevoked: 1 });
    const me = (headers: Record<string, string>) => context.app.inject({ url: "/api/v1/auth/me", headers });
    expect((await me(here.headers)).statusCode).toBe(200);
    expect((await me(elsewhere.headers)).statusCode).toBe(401);
    expect((await me(token)).statusCode).toBe(401);
    expect((await login("chem.safety", "Demo@2026", "192.0.2.60")).statusCode).toBe(401);
    expect((await login("chem.safety", "Brand-new-2026", "192.0.2.61")).statusCode).toBe(200);
    const audit = await context.database.db
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("action", "=", "change-password")
      .executeTakeFirstOrThrow();
    expect(audit.after).toEqual({ sessionsEnded: 1, tokensRevoked: 1 });
    expect(JSON.stringify(audit.after)).not.toContain("Brand-new");
  });

  it("clears expired sessions and sign-in failures older than an hour every hour", async () => {
    const { db } = context.database;
    const now = new Date();
    await db
      .insertInto("login_failure")
      .values([
        { throttle_key: "user:old.failure", at: new Date(now.getTime() - 2 * 3600_000) },
        { throttle_key: "user:fresh.failure", at: now },
      ])
      .execute();
    const owner = await db
      .selectFrom("app_user")
      .select("id")
      .where("username", "=", "admin")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("session")
      .values({
        token_hash: "expired-session",
        user_id: owner.id,
        csrf_token: "x",
        ip: "",
        user_agent: "",
        expires_at: new Date(now.getTime() - 1000),
      })
      .execute();
    await signInRecordsJob().run({ db, clock: new ManualClock(now), log: console });
    const keys = (await db.selectFrom("login_failure").select("throttle_key").execute()).map((r) => r.throttle_key);
    expect(keys).toContain("user:fresh.failure");
    expect(keys).not.toContain("user:old.failure");
    expect(
      await db.selectFrom("session").select("token_hash").where("token_hash", "=", "expired-session").execute(),
    ).toEqual([]);
  });
});
