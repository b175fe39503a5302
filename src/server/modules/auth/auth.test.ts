import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FAILURES_PER_ACCOUNT } from "../../auth/login-throttle";
import { bearerFor, createTestContext, errorOf, signIn, type TestContext } from "../../testing/test-app";
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

  it(`throttles an account after ${MAX_FAILURES_PER_ACCOUNT} failures, even with the right password`, async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
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
    expect(errorOf(blocked).message).toMatch(/\d+ 分钟后再试/);
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
    const headers = { "x-forwarded-for": "203.0.113.9" };
    for (let i = 0; i < 20; i++) {
      await context.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        headers,
        payload: { username: `ghost${i}`, password: "x" },
      });
    }
    const blocked = await context.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      headers,
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
      headers: bearer,
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

  it("answers unknown API paths with 401 to strangers and the error shape to signed-in callers", async () => {
    expect((await context.app.inject({ url: "/api/v1/nothing-here" })).statusCode).toBe(401);
    const missing = await context.app.inject({
      url: "/api/v1/nothing-here",
      headers: await bearerFor(context, "admin"),
    });
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing)).toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("/api/docs") });
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
});
