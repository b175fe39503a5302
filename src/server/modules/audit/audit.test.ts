import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, signIn, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";

describe.each(testDatabaseKinds())("the audit list on $name", (kind) => {
  let context: TestContext;
  beforeAll(async () => {
    context = await createTestContext(kind, { enterprises: 120 });
  });
  afterAll(async () => {
    await context?.close();
  });

  it("shows an industry department the changes to enterprises of its industries only", async () => {
    const { db } = context.database;
    const enterpriseOf = (section: "E" | "C") =>
      db
        .selectFrom("enterprise")
        .select(["id", "name"])
        .where("industry_section", section === "E" ? "=" : "<>", "E")
        .orderBy("name")
        .executeTakeFirstOrThrow();
    const construction = await enterpriseOf("E");
    const other = await enterpriseOf("C");
    const city = await signIn(context.app, "city.supervisor");
    for (const enterprise of [construction, other]) {
      const changed = await context.app.inject({
        method: "PATCH",
        url: `/api/v1/enterprises/${enterprise.id}`,
        headers: city.headers,
        payload: { principalPhone: "13800000000" },
      });
      expect(changed.statusCode, changed.body).toBe(200);
    }
    const entityIds = async (username: string) => {
      const session = await signIn(context.app, username);
      const response = await context.app.inject({
        url: "/api/v1/audit?entityType=enterprise&pageSize=200",
        headers: session.headers,
      });
      expect(response.statusCode).toBe(200);
      return response.json().items.map((entry: { entityId: string }) => entry.entityId) as string[];
    };
    // The city's own supervisor sees both changes; the housing department (construction, section E) one.
    expect(await entityIds("city.supervisor")).toEqual(expect.arrayContaining([construction.id, other.id]));
    const housing = await entityIds("housing.dept");
    expect(housing).toContain(construction.id);
    expect(housing).not.toContain(other.id);
  });
});
