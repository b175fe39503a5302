import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCity, createEnterprise, createSupervisor, createUser, signIn } from "../../testing/factories";
import { createTestContext, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";

describe.each(testDatabaseKinds())("the audit list on $name", (kind) => {
  let context: TestContext;
  beforeAll(async () => {
    context = await createTestContext(kind, { demoCity: false });
  });
  afterAll(async () => {
    await context?.close();
  });

  it("shows an industry department the changes to enterprises of its industries only", async () => {
    const { app } = context;
    const city = await createCity(app);
    const town = city.districts[0].towns[0];
    // GB/T 4754-2017: division 47 (building construction) lies in section E, 26 (chemicals) in C.
    const construction = await createEnterprise(app, { territory: town, industryCode: "47" });
    const chemical = await createEnterprise(app, { territory: town, industryCode: "26" });
    const supervisor = await signIn(app, await createSupervisor(app, city));
    for (const enterprise of [construction, chemical]) {
      const changed = await app.inject({
        method: "PATCH",
        url: `/api/v1/enterprises/${enterprise.id}`,
        headers: supervisor.headers,
        payload: { principalPhone: "13800000000" },
      });
      expect(changed.statusCode, changed.body).toBe(200);
    }
    const housing = await createUser(app, { role: "department", territory: city, industries: ["E"] });
    const entityIds = async (headers: Record<string, string>) => {
      const response = await app.inject({ url: "/api/v1/audit?entityType=enterprise&pageSize=200", headers });
      expect(response.statusCode).toBe(200);
      return response.json().items.map((entry: { entityId: string }) => entry.entityId) as string[];
    };
    // The city's own supervisor sees both changes; the construction department (section E) one.
    expect(await entityIds(supervisor.headers)).toEqual(expect.arrayContaining([construction.id, chemical.id]));
    const seenByHousing = await entityIds((await signIn(app, housing)).headers);
    expect(seenByHousing).toContain(construction.id);
    expect(seenByHousing).not.toContain(chemical.id);
  });
});
