import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearerFor, createTestContext, errorOf, type TestContext } from "../../testing/test-app";
import { testDatabaseKinds } from "../../testing/test-database";
import { recomputeRatings } from "../ratings/compute-ratings";
import { rebuildClusterCells } from "./cluster-cells";
import { INDIVIDUAL_LIMIT } from "./viewport";

type Collection = {
  features: { id: string; geometry: { coordinates: [number, number] }; properties: Record<string, unknown> }[];
  clustered: boolean;
  capped: boolean;
  total: number;
};

// More enterprises than one layer shows individually, so the city view must cluster.
const ENTERPRISES = INDIVIDUAL_LIMIT + 100;

describe.each(testDatabaseKinds())("the one map on $name", (kind) => {
  let context: TestContext;
  let city: string;
  let cityBox: string;
  let jiangbeiId: string;

  const get = async (url: string, headers: Record<string, string>) => context.app.inject({ url, headers });

  beforeAll(async () => {
    context = await createTestContext(kind, { enterprises: ENTERPRISES });
    await recomputeRatings(context.database.db, null, new Date());
    await rebuildClusterCells(context.database.db);
    const node = await context.database.db
      .selectFrom("territory")
      .select(["id", "min_lng", "min_lat", "max_lng", "max_lat"])
      .where("parent_id", "is", null)
      .executeTakeFirstOrThrow();
    city = node.id;
    cityBox = [node.min_lng, node.min_lat, node.max_lng, node.max_lat].join(",");
    jiangbeiId = (
      await context.database.db
        .selectFrom("territory")
        .select("id")
        .where("code", "=", "990101")
        .executeTakeFirstOrThrow()
    ).id;
  }, 120_000);
  afterAll(async () => {
    await context?.close();
  });

  it("clusters the whole city from the pre-counted cells: the clusters count every located enterprise once, by level", async () => {
    const headers = await bearerFor(context, "city.supervisor");
    const response = await get(`/api/v1/map/features?bbox=${cityBox}&zoom=9&layers=enterprises`, headers);
    expect(response.statusCode, response.body).toBe(200);
    const layer: Collection = response.json().layers.enterprises;
    const located = await context.database.db
      .selectFrom("enterprise")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("lng", "is not", null)
      .where("status", "<>", "closed")
      .executeTakeFirstOrThrow();
    expect(layer.clustered).toBe(true);
    expect(layer.total).toBe(Number(located.n));
    for (const cluster of layer.features) {
      const byLevel = cluster.properties.byLevel as number[];
      expect(byLevel.reduce((s, n) => s + n, 0)).toBeLessThanOrEqual(cluster.properties.count as number);
      const worst = byLevel.findIndex((n) => n > 0);
      if (worst >= 0) expect(cluster.properties.level).toBe(worst + 1);
    }
    expect(response.body.length).toBeLessThan(1_000_000);
  });

  it("clusters live when an industry filter is set, and agrees with the rows", async () => {
    const headers = await bearerFor(context, "city.supervisor");
    const [section] = await context.database.db
      .selectFrom("enterprise")
      .select(["industry_section", (eb) => eb.fn.countAll<number>().as("n")])
      .where("lng", "is not", null)
      .where("status", "<>", "closed")
      .groupBy("industry_section")
      .orderBy("n", "desc")
      .execute();
    const layer: Collection = (
      await get(
        `/api/v1/map/features?bbox=${cityBox}&zoom=9&layers=enterprises&industry=${section.industry_section}`,
        headers,
      )
    ).json().layers.enterprises;
    expect(layer.total).toBe(Number(section.n));
    expect(layer.clustered).toBe(Number(section.n) > INDIVIDUAL_LIMIT);
  });

  it("shows individual red enterprises with their colour when the level filter leaves few in view", async () => {
    const headers = await bearerFor(context, "city.supervisor");
    const reds = await context.database.db
      .selectFrom("enterprise_rating")
      .select("enterprise_id")
      .where("level", "=", 1)
      .execute();
    const layer: Collection = (
      await get(`/api/v1/map/features?bbox=${cityBox}&zoom=9&layers=enterprises&level=1`, headers)
    ).json().layers.enterprises;
    expect(layer.clustered).toBe(false);
    expect(layer.features.map((f) => f.id).sort()).toEqual(reds.map((r) => r.enterprise_id).sort());
    for (const feature of layer.features) expect(feature.properties.colour).toBe("red");
  });

  it("keeps a district supervisor to the district, also through the territory filter and the card", async () => {
    const district = await bearerFor(context, "jiangbei.supervisor");
    const cityWide = await bearerFor(context, "city.supervisor");
    const inDistrict = await context.database.db
      .selectFrom("enterprise")
      .select(["id"])
      .where("territory_path", "like", "/990100/990101/%")
      .where("lng", "is not", null)
      .where("status", "<>", "closed")
      .execute();
    const mine: Collection = (
      await get(`/api/v1/map/features?bbox=${cityBox}&zoom=9&layers=enterprises`, district)
    ).json().layers.enterprises;
    expect(mine.total).toBe(inDistrict.length);
    const filtered: Collection = (
      await get(`/api/v1/map/features?bbox=${cityBox}&zoom=9&layers=enterprises&territoryId=${jiangbeiId}`, cityWide)
    ).json().layers.enterprises;
    expect(filtered.total).toBe(inDistrict.length);
    const above = await get(`/api/v1/map/features?bbox=${cityBox}&zoom=9&territoryId=${city}`, district);
    expect(above.statusCode).toBe(404);
    const outside = await context.database.db
      .selectFrom("enterprise")
      .select("id")
      .where("territory_path", "not like", "/990100/990101/%")
      .executeTakeFirstOrThrow();
    expect((await get(`/api/v1/map/features/enterprises/${outside.id}`, district)).statusCode).toBe(404);
  });

  it("opens an enterprise's card with its rating explanation, open hidden dangers and a link to its page", async () => {
    const headers = await bearerFor(context, "city.supervisor");
    const rated = await context.database.db
      .selectFrom("enterprise_rating")
      .innerJoin("enterprise", "enterprise.id", "enterprise_rating.enterprise_id")
      .select(["enterprise.id", "enterprise.name", "enterprise_rating.explanation_zh", "enterprise_rating.level"])
      .orderBy("score", "desc")
      .executeTakeFirstOrThrow();
    const card = (await get(`/api/v1/map/features/enterprises/${rated.id}`, headers)).json();
    expect(card.name).toBe(rated.name);
    expect(card.level).toBe(rated.level);
    expect(card.explanation).toBe(rated.explanation_zh);
    expect(card.link).toBe(`/enterprises/${rated.id}`);
    expect(card.facts.map((f: { key: string }) => f.key)).toEqual(
      expect.arrayContaining(["industry", "territory", "openHiddenDangers", "activeAlarms"]),
    );
  });

  it("gives individual features at street zoom around one enterprise, each with id, name, level and colour", async () => {
    const headers = await bearerFor(context, "city.supervisor");
    const one = await context.database.db
      .selectFrom("enterprise")
      .select(["id", "lng", "lat"])
      .where("lng", "is not", null)
      .orderBy("uscc")
      .executeTakeFirstOrThrow();
    const box = [one.lng! - 0.002, one.lat! - 0.002, one.lng! + 0.002, one.lat! + 0.002].join(",");
    const body = (await get(`/api/v1/map/features?bbox=${box}&zoom=17`, headers)).json();
    const layer: Collection = body.layers.enterprises;
    expect(layer.clustered).toBe(false);
    const feature = layer.features.find((f) => f.id === one.id)!;
    expect(feature.properties).toMatchObject({ id: one.id, layer: "enterprises" });
    expect(typeof feature.properties.name).toBe("string");
    expect(Object.keys(body.layers).sort()).toEqual(
      ["alarms", "enterprises", "hiddenDangers", "majorHazards", "riskPoints"].sort(),
    );
  });

  it("answers a bad bbox, zoom or layer with a 400 that names the parameter in the caller's language", async () => {
    const headers = await bearerFor(context, "city.supervisor");
    const english = { ...headers, "accept-language": "en" };
    const swapped = await get("/api/v1/map/features?bbox=120,31,119,30&zoom=9", english);
    expect(swapped.statusCode).toBe(400);
    expect(errorOf(swapped).message).toContain("bbox minimums must be below its maximums");
    const words = await get("/api/v1/map/features?bbox=a,b,c&zoom=9", headers);
    expect(errorOf(words).message).toContain("bbox 应为四个以逗号分隔的数字");
    const zoom = await get(`/api/v1/map/features?bbox=${cityBox}&zoom=99`, english);
    expect(zoom.statusCode).toBe(400);
    expect(errorOf(zoom).message).toContain("zoom");
    const layer = await get(`/api/v1/map/features?bbox=${cityBox}&zoom=9&layers=enterprises,roads`, english);
    expect(errorOf(layer).message).toContain("unknown layer roads");
  });

  it("draws the districts' boundaries with their regional level for the choropleth", async () => {
    const headers = await bearerFor(context, "city.supervisor");
    const top = (await get("/api/v1/map/territories", headers)).json();
    expect(top.features.map((f: { id: string }) => f.id)).toEqual([city]);
    const districts = (await get(`/api/v1/map/territories?parentId=${city}`, headers)).json();
    expect(districts.features.length).toBe(5);
    for (const feature of districts.features) {
      expect(feature.geometry.type).toBe("Polygon");
      expect([1, 2, 3, 4]).toContain(feature.properties.level);
      expect(feature.properties.explanation).toMatch(/^(红色|橙色|黄色|蓝色)/);
    }
  });
});
