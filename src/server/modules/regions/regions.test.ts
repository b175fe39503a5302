import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "../../auth/principal";
import { bearerFor, createTestContext, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";
import { recomputeRatings } from "../ratings/compute-ratings";
import { regionalLevelOf, regionalLevelsOfChildren } from "./regional-levels";

const cityScope: Scope = { kind: "territory", path: "/", industries: [] };

describe.each(testDatabaseKinds())("regional levels on $name", (kind) => {
  let context: TestContext;
  let city: { id: string; path: string };
  let jiangbei: { id: string; path: string };
  let town: { id: string; path: string };

  /** A public-area risk point of a given level owned by a territory node. */
  async function publicPoint(owner: { id: string; path: string }, level: number) {
    await context.database.db
      .insertInto("risk_point")
      .values({
        owner_id: owner.id,
        owner_kind: "territory",
        territory_path: owner.path,
        kind: "place",
        public_category: "crowded_place",
        name: `公共区域风险点 ${level}`,
        unit: "",
        lng: null,
        lat: null,
        area: null,
        control_level: null,
        controlling_unit: "",
        responsible_person: "",
        responsible_phone: "",
        emergency_phone: "",
        level,
        public_token: randomBytes(12).toString("base64url"),
        updated_at: new Date(),
      })
      .execute();
  }

  /** An active alarm of a severity at an enterprise under `path`. */
  async function activeAlarm(path: string, severity: number) {
    const enterprise = await context.database.db
      .selectFrom("enterprise")
      .select(["id", "territory_path"])
      .where("territory_path", "like", `${path}%`)
      .orderBy("uscc")
      .executeTakeFirstOrThrow();
    await context.database.db
      .insertInto("alarm")
      .values({
        enterprise_id: enterprise.id,
        territory_path: enterprise.territory_path,
        source: "management",
        device_id: null,
        rule_id: `test-${randomBytes(4).toString("hex")}`,
        rule_kind: "test",
        severity,
        status: "active_unacknowledged",
        raised_at: new Date(),
        last_value: null,
        peak: null,
        last_update_at: new Date(),
        message_zh: "测试报警",
        message_en: "test alarm",
        acknowledged_at: null,
        acknowledged_by: null,
        acknowledge_note: null,
        cleared_at: null,
        clear_value: null,
        disposals: JSON.stringify([]),
        cap_messages: JSON.stringify([]),
      })
      .execute();
  }

  beforeAll(async () => {
    context = await createTestContext(kind, { enterprises: 60 });
    const db = context.database.db;
    await recomputeRatings(db, null, new Date());
    city = await db
      .selectFrom("territory")
      .select(["id", "path"])
      .where("parent_id", "is", null)
      .executeTakeFirstOrThrow();
    jiangbei = await db
      .selectFrom("territory")
      .select(["id", "path"])
      .where("code", "=", "990101")
      .executeTakeFirstOrThrow();
    town = await db
      .selectFrom("territory")
      .select(["id", "path"])
      .where("parent_id", "=", jiangbei.id)
      .orderBy("code")
      .executeTakeFirstOrThrow();
    await publicPoint(town, 2);
    await publicPoint(town, 4);
    await activeAlarm(jiangbei.path, 1);
  });
  afterAll(async () => {
    await context?.close();
  });

  it("counts every enterprise of the city once, by its rating level, and the children add up to the parent", async () => {
    const db = context.database.db;
    const [top] = await regionalLevelsOfChildren(db, cityScope, null);
    const { rows } = await sql<{ level: number | null; n: number }>`
      SELECT r.level, count(*) AS n FROM enterprise e LEFT JOIN enterprise_rating r ON r.enterprise_id = e.id
      WHERE e.status <> 'closed' GROUP BY r.level`.execute(db);
    const expected = { 1: 0, 2: 0, 3: 0, 4: 0 } as Record<number, number>;
    for (const row of rows) if (row.level !== null) expected[row.level] = Number(row.n);
    expect(top.territoryId).toBe(city.id);
    expect(top.enterprises.byLevel).toEqual(expected);
    expect(top.enterprises.total).toBe(rows.reduce((sum, row) => sum + Number(row.n), 0));
    const districts = await regionalLevelsOfChildren(db, cityScope, city.id);
    expect(districts.length).toBe(5);
    expect(districts.reduce((sum, d) => sum + d.enterprises.total, 0)).toBe(top.enterprises.total);
    for (const level of [1, 2, 3, 4] as const) {
      expect(districts.reduce((sum, d) => sum + d.enterprises.byLevel[level], 0)).toBe(expected[level]);
    }
  });

  it("raises a district with an active red alarm to red and says so, and counts public-area points in their town", async () => {
    const db = context.database.db;
    const districts = await regionalLevelsOfChildren(db, cityScope, city.id);
    const north = districts.find((d) => d.territoryId === jiangbei.id)!;
    expect(north.activeAlarms.red).toBe(1);
    expect(north.publicRiskPoints.byLevel).toEqual({ 1: 0, 2: 1, 3: 0, 4: 1 });
    expect(north.regional.level).toBe(1);
    expect(north.regional.raisedBy.map((r) => r.rule)).toContain("activeRedAlarm");
    expect(north.regional.explanationEn).toContain("an active red alarm");
    for (const other of districts.filter((d) => d.territoryId !== jiangbei.id)) {
      expect(other.activeAlarms.red).toBe(0);
      expect(other.publicRiskPoints.total).toBe(0);
    }
    const one = await regionalLevelOf(db, cityScope, town.id);
    expect(one?.publicRiskPoints.total).toBe(2);
  });

  it("serves the caller's own top node, refuses a parent outside its scope, and refuses enterprise roles", async () => {
    const supervisor = await bearerFor(context, "jiangbei.supervisor");
    const own = await context.app.inject({ url: "/api/v1/regions/levels", headers: supervisor });
    expect(own.statusCode).toBe(200);
    expect(own.json().items.map((i: { territoryId: string }) => i.territoryId)).toEqual([jiangbei.id]);
    expect(own.json().items[0].explanation).toMatch(/^红色/);
    const children = await context.app.inject({
      url: `/api/v1/regions/levels?parentId=${jiangbei.id}`,
      headers: { ...supervisor, "accept-language": "en" },
    });
    expect(children.json().items.length).toBeGreaterThan(1);
    expect(children.json().items[0].explanation).toMatch(/^(red|orange|yellow|blue) \(index/);
    const above = await context.app.inject({ url: `/api/v1/regions/levels?parentId=${city.id}`, headers: supervisor });
    expect(above.statusCode).toBe(404);
    const plant = await context.app.inject({
      url: "/api/v1/regions/levels",
      headers: await bearerFor(context, "chem.safety"),
    });
    expect(plant.statusCode).toBe(403);
  });
});
