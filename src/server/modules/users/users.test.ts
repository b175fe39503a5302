import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearerFor, createTestContext, errorOf, type SignedIn, signIn, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";

describe.each(testDatabaseKinds())("user administration on $name", (kind) => {
  let context: TestContext;
  let admin: SignedIn;
  let districtId: string;
  beforeAll(async () => {
    context = await createTestContext(kind, { enterprises: 20 });
    admin = await signIn(context.app, "admin");
    districtId = (
      await context.database.db
        .selectFrom("territory")
        .select("id")
        .where("code", "=", "990103")
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await context?.close();
  });

  const create = (payload: object) =>
    context.app.inject({ method: "POST", url: "/api/v1/users", headers: admin.headers, payload });

  it("creates a district supervisor who can then sign in and sees only that district", async () => {
    const response = await create({
      username: "d3.sup",
      displayName: "三区监管",
      password: "Strong123",
      role: "supervisor",
      territoryId: districtId,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ role: "supervisor", territory: { code: "990103" }, disabled: false });
    const session = await signIn(context.app, "d3.sup", "Strong123");
    const territories = (await context.app.inject({ url: "/api/v1/territories", headers: session.headers })).json()
      .items;
    expect(territories.every((t: { path: string }) => t.path.includes("/990103/"))).toBe(true);
  });

  it("explains a weak password, a taken username and a role without its placement", async () => {
    const weak = await create({
      username: "weak",
      displayName: "w",
      password: "aaaaaaaa",
      role: "supervisor",
      territoryId: districtId,
    });
    expect(errorOf(weak).details).toEqual([{ field: "password", message: "密码须同时包含字母和数字" }]);
    const taken = await create({
      username: "admin",
      displayName: "x",
      password: "Strong123",
      role: "supervisor",
      territoryId: districtId,
    });
    expect(errorOf(taken).details).toEqual([{ field: "username", message: expect.stringContaining("已被使用") }]);
    const noEnterprise = await create({
      username: "lonely",
      displayName: "x",
      password: "Strong123",
      role: "safety_manager",
    });
    expect(errorOf(noEnterprise).details).toEqual([
      { field: "enterpriseIds", message: expect.stringContaining("至少一家企业") },
    ]);
    const badRole = await create({ username: "boss", displayName: "x", password: "Strong123", role: "boss" });
    expect(badRole.statusCode).toBe(400);
  });

  it("disables a user, ending the sessions, and re-enables it", async () => {
    const session = await signIn(context.app, "d3.sup", "Strong123");
    const { items } = (await context.app.inject({ url: "/api/v1/users?q=d3.sup", headers: admin.headers })).json();
    const off = await context.app.inject({
      method: "PATCH",
      url: `/api/v1/users/${items[0].id}`,
      headers: admin.headers,
      payload: { disabled: true },
    });
    expect(off.json().disabled).toBe(true);
    expect((await context.app.inject({ url: "/api/v1/auth/me", headers: session.headers })).statusCode).toBe(401);
    const denied = await context.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: "d3.sup", password: "Strong123" },
    });
    expect(denied.statusCode).toBe(401);
    await context.app.inject({
      method: "PATCH",
      url: `/api/v1/users/${items[0].id}`,
      headers: admin.headers,
      payload: { disabled: false },
    });
    expect((await signIn(context.app, "d3.sup", "Strong123")).userId).toBe(items[0].id);
  });

  it("keeps a district administrator to its own district's users", async () => {
    await create({
      username: "d3.admin",
      displayName: "三区管理员",
      password: "Strong123",
      role: "admin",
      territoryId: districtId,
    });
    const districtAdmin = await signIn(context.app, "d3.admin", "Strong123");
    const { items } = (
      await context.app.inject({ url: "/api/v1/users?pageSize=200", headers: districtAdmin.headers })
    ).json();
    expect(items.map((u: { username: string }) => u.username).sort()).toEqual(["d3.admin", "d3.sup"]);
    const city = (
      await context.database.db
        .selectFrom("territory")
        .select("id")
        .where("code", "=", "990100")
        .executeTakeFirstOrThrow()
    ).id;
    const promote = await context.app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: districtAdmin.headers,
      payload: { username: "citywide", displayName: "x", password: "Strong123", role: "supervisor", territoryId: city },
    });
    expect(promote.statusCode).toBe(403);
  });

  const userIdOf = async (username: string) =>
    (
      await context.database.db
        .selectFrom("app_user")
        .select("id")
        .where("username", "=", username)
        .executeTakeFirstOrThrow()
    ).id;

  it("revokes a user's API tokens as well as its sessions on a password reset or when disabling it, for good", async () => {
    const id = await userIdOf("d3.sup");
    const me = (headers: Record<string, string>) => context.app.inject({ url: "/api/v1/auth/me", headers });
    const patch = (payload: object) =>
      context.app.inject({ method: "PATCH", url: `/api/v1/users/${id}`, headers: admin.headers, payload });
    const beforeReset = await bearerFor(context, "d3.sup");
    expect((await me(beforeReset)).statusCode).toBe(200);
    expect((await patch({ password: "Reset-2026a" })).statusCode).toBe(200);
    expect((await me(beforeReset)).statusCode).toBe(401);
    const beforeDisable = await bearerFor(context, "d3.sup");
    expect((await patch({ disabled: true })).statusCode).toBe(200);
    expect((await patch({ disabled: false })).statusCode).toBe(200);
    // Enabled again, but the token issued before stays dead.
    expect((await me(beforeDisable)).statusCode).toBe(401);
    const reset = await context.database.db
      .selectFrom("audit_log")
      .select("after")
      .where("entity_id", "=", id)
      .where("action", "=", "update")
      .orderBy("seq", "desc")
      .limit(3)
      .execute();
    expect(reset.map((entry) => entry.after)).toContainEqual(expect.objectContaining({ tokensRevoked: 1 }));
    expect((await signIn(context.app, "d3.sup", "Reset-2026a")).userId).toBe(id);
  });

  it("lets an administrator list and revoke the tokens of users in its scope, and nobody else's", async () => {
    const districtAdmin = await signIn(context.app, "d3.admin", "Strong123");
    const id = await userIdOf("d3.sup");
    const token = await bearerFor(context, "d3.sup");
    const listed = await context.app.inject({ url: `/api/v1/users/${id}/tokens`, headers: districtAdmin.headers });
    expect(listed.statusCode, listed.body).toBe(200);
    const live = listed.json().items.find((item: { revokedAt: string | null }) => item.revokedAt === null);
    expect(live).toMatchObject({ name: "test", lastUsedAt: null });
    expect(JSON.stringify(listed.json())).not.toContain(token.authorization.slice(7));
    const revoke = () =>
      context.app.inject({
        method: "DELETE",
        url: `/api/v1/users/${id}/tokens/${live.id}`,
        headers: districtAdmin.headers,
      });
    expect((await revoke()).statusCode).toBe(204);
    expect((await context.app.inject({ url: "/api/v1/auth/me", headers: token })).statusCode).toBe(401);
    expect((await revoke()).statusCode).toBe(404);
    // Another district's user is not found for this administrator, and its tokens stay as they are.
    const other = await userIdOf("jiangbei.supervisor");
    await bearerFor(context, "jiangbei.supervisor");
    const foreign = await context.app.inject({ url: `/api/v1/users/${other}/tokens`, headers: districtAdmin.headers });
    expect(foreign.statusCode).toBe(404);
    const everyone = await context.app.inject({ url: `/api/v1/users/${other}/tokens`, headers: admin.headers });
    expect(everyone.json().items.length).toBeGreaterThan(0);
  });

  it("keeps a district administrator from changing a user also placed outside its district, or placing one there", async () => {
    const { db } = context.database;
    const enterpriseIn = async (code: string) =>
      (
        await db
          .selectFrom("enterprise")
          .select("id")
          .where("territory_path", "like", `%/${code}/%`)
          .orderBy("name")
          .executeTakeFirstOrThrow()
      ).id;
    const inside = await enterpriseIn("990103");
    const outside = await enterpriseIn("990101");
    const created = await create({
      username: "two.sites",
      displayName: "两地安全员",
      password: "Strong123",
      role: "safety_manager",
      enterpriseIds: [inside, outside],
    });
    expect(created.statusCode, created.body).toBe(201);
    const districtAdmin = await signIn(context.app, "d3.admin", "Strong123");
    const patch = (id: string, payload: object) =>
      context.app.inject({ method: "PATCH", url: `/api/v1/users/${id}`, headers: districtAdmin.headers, payload });
    // It may see the user (one enterprise is its own) but not take it over.
    const listed = (await context.app.inject({ url: "/api/v1/users?q=two.sites", headers: districtAdmin.headers }))
      .json()
      .items.map((u: { username: string }) => u.username);
    expect(listed).toEqual(["two.sites"]);
    const takeover = await patch(created.json().id, { password: "Taken-over-1" });
    expect(takeover.statusCode).toBe(403);
    expect(errorOf(takeover).message).toContain("管辖范围以外");
    expect(
      (await context.app.inject({ url: `/api/v1/users/${created.json().id}/tokens`, headers: districtAdmin.headers }))
        .statusCode,
    ).toBe(403);
    await signIn(context.app, "two.sites", "Strong123");
    // New values are checked too: an organisation of another district, an enterprise outside.
    const jiangbeiBureau = await db
      .selectFrom("organisation")
      .select("id")
      .where("name", "=", "江北区应急管理局")
      .executeTakeFirstOrThrow();
    const d3sup = await userIdOf("d3.sup");
    expect((await patch(d3sup, { organisationId: jiangbeiBureau.id })).statusCode).toBe(403);
    const movedOut = await patch(d3sup, { role: "safety_manager", enterpriseIds: [inside, outside] });
    expect(movedOut.statusCode).toBe(403);
    const stranger = await context.app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: districtAdmin.headers,
      payload: {
        username: "borrowed.bureau",
        displayName: "x",
        password: "Strong123",
        role: "supervisor",
        territoryId: districtId,
        organisationId: jiangbeiBureau.id,
      },
    });
    expect(stranger.statusCode).toBe(403);
    const unchanged = await db
      .selectFrom("app_user")
      .select(["role", "organisation_id"])
      .where("id", "=", d3sup)
      .executeTakeFirstOrThrow();
    expect(unchanged).toEqual({ role: "supervisor", organisation_id: null });
  });

  it("lists territories with enterprise counts and reference data in both languages", async () => {
    const session = await signIn(context.app, "city.supervisor");
    const { items } = (await context.app.inject({ url: "/api/v1/territories", headers: session.headers })).json();
    const city = items.find((t: { level: string }) => t.level === "city");
    expect(city.enterpriseCount).toBe(20);
    expect(items.filter((t: { level: string }) => t.level === "district")).toHaveLength(5);
    const detail = (
      await context.app.inject({ url: `/api/v1/territories/${city.id}`, headers: session.headers })
    ).json();
    expect(detail.boundary.type).toBe("Polygon");
    expect(detail.bbox.minLng).toBeLessThan(detail.bbox.maxLng);
    const accidents = (
      await context.app.inject({ url: "/api/v1/reference/accident-type", headers: session.headers })
    ).json();
    expect(accidents).toMatchObject({ version: "GB 6441-1986" });
    expect(accidents.items).toHaveLength(20);
    expect(accidents.items[0]).toMatchObject({ nameZh: "物体打击" });
    const mapping = (
      await context.app.inject({ url: "/api/v1/reference/control-levels", headers: session.headers })
    ).json();
    expect(mapping.items).toEqual([
      { riskLevel: 1, controlLevel: "company" },
      { riskLevel: 2, controlLevel: "company" },
      { riskLevel: 3, controlLevel: "workshop" },
      { riskLevel: 4, controlLevel: "team" },
    ]);
    const changed = await context.app.inject({
      method: "PUT",
      url: "/api/v1/reference/control-levels",
      headers: admin.headers,
      payload: {
        items: [1, 2, 3, 4].map((riskLevel) => ({
          riskLevel,
          controlLevel: riskLevel === 2 ? "department" : "company",
        })),
      },
    });
    expect(changed.statusCode).toBe(200);
    const refused = await context.app.inject({
      method: "PUT",
      url: "/api/v1/reference/control-levels",
      headers: session.headers,
      payload: { items: [1, 2, 3, 4].map((riskLevel) => ({ riskLevel, controlLevel: "post" })) },
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe.each(testDatabaseKinds())("industry-limited scope on $name", (kind) => {
  let context: TestContext;
  beforeAll(async () => {
    context = await createTestContext(kind, { enterprises: 120 });
  });
  afterAll(async () => {
    await context?.close();
  });

  it("shows an industry department only the enterprises of its industries", async () => {
    const housing = await signIn(context.app, "housing.dept");
    const page = (
      await context.app.inject({ url: "/api/v1/enterprises?pageSize=200", headers: housing.headers })
    ).json();
    expect(page.total).toBeGreaterThan(0);
    const codes = new Set(page.items.map((e: { industryCode: string }) => e.industryCode));
    expect([...codes].every((code) => ["47", "48", "49", "50"].includes(code as string))).toBe(true);
    const outside = await context.database.db
      .selectFrom("enterprise")
      .select("id")
      .where("industry_section", "<>", "E")
      .executeTakeFirstOrThrow();
    expect(
      (await context.app.inject({ url: `/api/v1/enterprises/${outside.id}`, headers: housing.headers })).statusCode,
    ).toBe(404);
  });
});
