import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../modules/tokens/create-api-token";
import { bearerFor, createTestContext, signIn, type TestContext } from "../testing/test-app";
import { testDatabaseKinds } from "../testing/test-database";

/**
 * Walks every registered /api/v1 route as a user of another district and as a
 * user of another enterprise, aimed at district A's and enterprise A's records,
 * and proves that nothing of theirs is read or changed.
 */

interface Target {
  enterpriseId: string;
  enterpriseName: string;
  enterpriseUscc: string;
  districtId: string;
  districtName: string;
  userId: string;
  tokenId: string;
  organisationId: string;
}

interface Probe {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  multipartCsv?: string;
  /** Statuses that count as refused; a 2xx is accepted only for routes that read the caller's own or public data. */
  refused?: number[];
  /** The route serves the caller's own data or public reference data: 200 is fine, but A's markers must not appear. */
  ownData?: boolean;
}

const DENIED = [403, 404];

function probes(t: Target): Record<string, Probe> {
  return {
    "POST /api/v1/auth/login": {
      ownData: true,
      body: { username: "jiangbei.supervisor", password: "wrong-password-1" },
      refused: [401],
    },
    "POST /api/v1/auth/logout": { ownData: true },
    "GET /api/v1/auth/me": { ownData: true },
    "GET /api/v1/overview": { ownData: true },
    "GET /api/v1/territories": { ownData: true },
    "GET /api/v1/territories/:id": { params: { id: t.districtId } },
    "GET /api/v1/enterprises": { ownData: true, query: { q: t.enterpriseName } },
    "GET /api/v1/enterprises/:id": { params: { id: t.enterpriseId } },
    "POST /api/v1/enterprises": {
      body: {
        name: "冒名企业有限公司",
        uscc: t.enterpriseUscc,
        industryCode: "26",
        scale: "small",
        territoryId: t.districtId,
      },
      refused: [403, 400],
    },
    "PATCH /api/v1/enterprises/:id": { params: { id: t.enterpriseId }, body: { principalName: "篡改者" } },
    "DELETE /api/v1/enterprises/:id": { params: { id: t.enterpriseId } },
    "GET /api/v1/enterprises/import-template": { ownData: true, query: { format: "csv" } },
    "POST /api/v1/enterprises/import": {
      multipartCsv: `统一社会信用代码,企业名称,行业代码,规模,属地编码\n${t.enterpriseUscc},篡改名称有限公司,26,小型,990101\n`,
      refused: [400, 403],
    },
    "GET /api/v1/organisations": { ownData: true },
    "POST /api/v1/organisations": {
      body: { kind: "third_party", name: "冒名机构", territoryId: t.districtId },
    },
    "GET /api/v1/users": { ownData: true },
    "POST /api/v1/users": {
      body: {
        username: "intruder",
        displayName: "x",
        password: "abcd12345",
        role: "supervisor",
        territoryId: t.districtId,
      },
    },
    "PATCH /api/v1/users/:id": { params: { id: t.userId }, body: { disabled: true } },
    "GET /api/v1/audit": { ownData: true, query: { entityId: t.enterpriseId } },
    "POST /api/v1/audit/verify": { ownData: true },
    "GET /api/v1/reference/control-levels": { ownData: true },
    "PUT /api/v1/reference/control-levels": {
      body: { items: [1, 2, 3, 4].map((riskLevel) => ({ riskLevel, controlLevel: "post" })) },
    },
    "GET /api/v1/reference/:kind": { ownData: true, params: { kind: "industry" } },
    "GET /api/v1/tokens": { ownData: true },
    "POST /api/v1/tokens": { ownData: true, body: { name: "mine", days: 1 } },
    "DELETE /api/v1/tokens/:id": { params: { id: t.tokenId } },
  };
}

function multipart(csv: string) {
  const boundary = "----dualguard-test";
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="import.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
  return { payload: body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

describe.each(testDatabaseKinds())("route access on $name", (kind) => {
  let context: TestContext;
  let target: Target;
  let snapshot: () => Promise<unknown>;

  beforeAll(async () => {
    context = await createTestContext(kind);
    const { db } = context.database;
    const chemUser = await db
      .selectFrom("app_user")
      .select("id")
      .where("username", "=", "chem.safety")
      .executeTakeFirstOrThrow();
    const link = await db
      .selectFrom("user_enterprise")
      .select("enterprise_id")
      .where("user_id", "=", chemUser.id)
      .executeTakeFirstOrThrow();
    const enterprise = await db
      .selectFrom("enterprise")
      .selectAll()
      .where("id", "=", link.enterprise_id)
      .executeTakeFirstOrThrow();
    const district = await db
      .selectFrom("territory")
      .selectAll()
      .where("code", "=", "990101")
      .executeTakeFirstOrThrow();
    const districtUser = await db
      .selectFrom("app_user")
      .select("id")
      .where("username", "=", "jiangbei.supervisor")
      .executeTakeFirstOrThrow();
    const organisation = await db
      .selectFrom("organisation")
      .select("id")
      .where("territory_id", "=", district.id)
      .executeTakeFirstOrThrow();
    const token = await createApiToken(
      db,
      { userId: null, name: "test", ip: "" },
      { userId: districtUser.id, name: "A's token", days: 5 },
    );
    target = {
      enterpriseId: enterprise.id,
      enterpriseName: enterprise.name,
      enterpriseUscc: enterprise.uscc,
      districtId: district.id,
      districtName: district.name,
      userId: districtUser.id,
      tokenId: token.id,
      organisationId: organisation.id,
    };
    expect(enterprise.territory_path).toContain("/990101/");

    // District B's supervisor, and the safety manager of an enterprise in district B.
    const admin = await signIn(context.app, "admin");
    const districtB = await db
      .selectFrom("territory")
      .select("id")
      .where("code", "=", "990102")
      .executeTakeFirstOrThrow();
    const otherEnterprise = await db
      .selectFrom("enterprise")
      .select("id")
      .where("territory_path", "like", "%/990102/%")
      .executeTakeFirstOrThrow();
    for (const body of [
      {
        username: "b.supervisor",
        displayName: "B",
        password: "Passw0rd!",
        role: "supervisor",
        territoryId: districtB.id,
      },
      {
        username: "other.safety",
        displayName: "O",
        password: "Passw0rd!",
        role: "safety_manager",
        enterpriseIds: [otherEnterprise.id],
      },
      { username: "b.admin", displayName: "BA", password: "Passw0rd!", role: "admin", territoryId: districtB.id },
    ]) {
      const created = await context.app.inject({
        method: "POST",
        url: "/api/v1/users",
        headers: admin.headers,
        payload: body,
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    snapshot = async () => ({
      enterprise: await db
        .selectFrom("enterprise")
        .selectAll()
        .where("id", "=", target.enterpriseId)
        .executeTakeFirst(),
      district: await db.selectFrom("territory").selectAll().where("id", "=", target.districtId).executeTakeFirst(),
      user: await db.selectFrom("app_user").selectAll().where("id", "=", target.userId).executeTakeFirst(),
      token: await db.selectFrom("api_token").selectAll().where("id", "=", target.tokenId).executeTakeFirst(),
      organisation: await db
        .selectFrom("organisation")
        .selectAll()
        .where("id", "=", target.organisationId)
        .executeTakeFirst(),
      mapping: await db
        .selectFrom("control_level_mapping")
        .select(["risk_level", "control_level"])
        .orderBy("risk_level")
        .execute(),
    });
  });

  afterAll(async () => {
    await context?.close();
  });

  it("has a probe for every registered API route", () => {
    const known = probes(target);
    const missing = context.app.routeCatalogue
      .filter((r) => r.url.startsWith("/api/v1/"))
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => !(key in known));
    expect(missing, "add a probe for each new route to this test").toEqual([]);
  });

  it("declares a permission (or is explicitly public) on every API route", () => {
    const open = context.app.routeCatalogue.filter((r) => r.url.startsWith("/api/v1/") && !r.permission && !r.public);
    expect(open).toEqual([]);
  });

  for (const attacker of [
    { name: "a supervisor of another district (session)", username: "b.supervisor", via: "session" },
    { name: "an administrator of another district (session)", username: "b.admin", via: "session" },
    { name: "the safety manager of another enterprise (bearer token)", username: "other.safety", via: "token" },
  ] as const) {
    it(`refuses ${attacker.name} on every route aimed at district A and enterprise A`, async () => {
      const before = await snapshot();
      const headers =
        attacker.via === "session"
          ? (await signIn(context.app, attacker.username, "Passw0rd!")).headers
          : await bearerFor(context, attacker.username);
      const markers = [
        target.enterpriseName,
        target.enterpriseUscc,
        target.enterpriseId,
        target.districtName,
        target.userId,
      ];
      const failures: string[] = [];
      for (const route of context.app.routeCatalogue.filter((r) => r.url.startsWith("/api/v1/"))) {
        const key = `${route.method} ${route.url}`;
        const probe = probes(target)[key];
        if (key === "POST /api/v1/auth/logout") continue; // would end the attacker's own session mid-walk
        const url = route.url.replace(/:(\w+)/g, (_m, name: string) => probe.params?.[name] ?? "missing");
        const search = probe.query ? `?${new URLSearchParams(probe.query)}` : "";
        const extra = probe.multipartCsv ? multipart(probe.multipartCsv) : undefined;
        const response = await context.app.inject({
          method: route.method as "GET",
          url: `${url}${search}`,
          headers: { ...headers, ...(extra?.headers ?? {}) },
          payload: extra ? extra.payload : (probe.body as object | undefined),
        });
        const ok = response.statusCode >= 200 && response.statusCode < 300;
        if (probe.ownData) {
          if (!ok && !(probe.refused ?? DENIED).includes(response.statusCode)) {
            failures.push(`${key}: unexpected ${response.statusCode} ${response.body.slice(0, 200)}`);
          }
          const leaked = markers.filter((m) => response.body.includes(m));
          if (leaked.length > 0) failures.push(`${key}: response contains A's data (${leaked.join(", ")})`);
        } else if (!(probe.refused ?? DENIED).includes(response.statusCode)) {
          failures.push(
            `${key}: expected ${(probe.refused ?? DENIED).join(" or ")}, got ${response.statusCode} ${response.body.slice(0, 200)}`,
          );
        }
      }
      expect(failures).toEqual([]);
      expect(await snapshot()).toEqual(before);
    });
  }

  it("lets district A's own supervisor read what the others could not", async () => {
    const own = await signIn(context.app, "jiangbei.supervisor");
    const response = await context.app.inject({
      url: `/api/v1/enterprises/${target.enterpriseId}`,
      headers: own.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().name).toBe(target.enterpriseName);
  });
});
