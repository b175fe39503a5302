import { describe, expect, it } from "vitest";
import { bboxOf, centroidOf, pointInPolygon, ringSignedArea } from "../geo/polygon";
import { createRandom, randomPointInPolygon } from "../geo/random";
import { type DemoTerritory, generateDemoCity } from "./demo-city";

const territories = generateDemoCity();
const byCode = new Map(territories.map((territory) => [territory.code, territory]));
const ofLevel = (level: DemoTerritory["level"]) => territories.filter((territory) => territory.level === level);
const childrenOf = (code: string) => territories.filter((territory) => territory.parentCode === code);
const areaOf = (territory: DemoTerritory) => ringSignedArea(territory.boundary.coordinates[0]);

describe("generateDemoCity", () => {
  it("gives the same city for the same seed and a different one for another seed", () => {
    expect(generateDemoCity(20261129)).toEqual(territories);
    expect(generateDemoCity(1)).not.toEqual(territories);
  });

  it("builds one city, 5 districts, 3 to 5 towns per district and 2 grids per town", () => {
    expect(ofLevel("city").map((city) => [city.code, city.name, city.nameEn])).toEqual([
      ["990100", "滨江示范市", "Binjiang Demo City"],
    ]);
    expect(ofLevel("district").map((district) => district.code)).toEqual([
      "990101",
      "990102",
      "990103",
      "990104",
      "990105",
    ]);
    for (const district of ofLevel("district")) {
      expect(childrenOf(district.code).length).toBeGreaterThanOrEqual(3);
      expect(childrenOf(district.code).length).toBeLessThanOrEqual(5);
    }
    for (const town of ofLevel("town")) expect(childrenOf(town.code)).toHaveLength(2);
  });

  it("uses unique codes of 6, 9 and 12 digits that extend their parent's code", () => {
    expect(byCode.size).toBe(territories.length);
    const digits = { city: 6, district: 6, town: 9, grid: 12 };
    for (const territory of territories) {
      expect(territory.code).toMatch(new RegExp(`^99\\d{${digits[territory.level] - 2}}$`));
      if (territory.level === "town" || territory.level === "grid") {
        expect(territory.code.startsWith(territory.parentCode as string)).toBe(true);
      }
    }
  });

  it("lists parents before children and every parent exists one level up", () => {
    const levelAbove = { city: null, district: "city", town: "district", grid: "town" };
    const seen = new Set<string>();
    for (const territory of territories) {
      if (territory.parentCode === null) expect(territory.level).toBe("city");
      else {
        expect(seen.has(territory.parentCode)).toBe(true);
        expect(byCode.get(territory.parentCode)?.level).toBe(levelAbove[territory.level]);
      }
      seen.add(territory.code);
    }
  });

  it("names towns as subdistricts or towns and grids by number", () => {
    for (const town of ofLevel("town")) expect(town.name).toMatch(/(街道|镇)$/);
    expect(new Set(ofLevel("grid").map((grid) => grid.name))).toEqual(new Set(["第一网格", "第二网格"]));
  });

  it("draws closed counter-clockwise rings", () => {
    for (const { boundary } of territories) {
      const ring = boundary.coordinates[0];
      expect(ring.length).toBeGreaterThanOrEqual(5);
      expect(ring.at(-1)).toEqual(ring[0]);
      expect(ringSignedArea(ring)).toBeGreaterThan(0);
    }
  });

  it("spans about 40 km east–west and 30 km north–south around lng 118.80, lat 32.05", () => {
    const { minLng, minLat, maxLng, maxLat } = bboxOf(ofLevel("city")[0].boundary);
    const widthKm = (maxLng - minLng) * 111.32 * Math.cos((32.05 * Math.PI) / 180);
    const heightKm = (maxLat - minLat) * 111;
    expect(widthKm).toBeGreaterThan(38);
    expect(widthKm).toBeLessThan(44);
    expect(heightKm).toBeGreaterThan(28);
    expect(heightKm).toBeLessThan(33);
    expect((minLng + maxLng) / 2).toBeCloseTo(118.8, 1);
    expect((minLat + maxLat) / 2).toBeCloseTo(32.05, 1);
  });

  it("puts every grid's centroid inside its town, district and city, for many seeds", () => {
    for (const seed of [20261129, 1, 2, 3, 42, 99, 123456, 987654321]) {
      const city = generateDemoCity(seed);
      const find = new Map(city.map((territory) => [territory.code, territory]));
      for (const grid of city.filter((territory) => territory.level === "grid")) {
        const centroid = centroidOf(grid.boundary);
        let ancestor = find.get(grid.code);
        while (ancestor) {
          expect(pointInPolygon(centroid, ancestor.boundary), `${grid.code} in ${ancestor.code}, seed ${seed}`).toBe(
            true,
          );
          ancestor = ancestor.parentCode === null ? undefined : find.get(ancestor.parentCode);
        }
      }
    }
  });

  it("tiles every parent with its children: areas add up exactly", () => {
    for (const parent of territories.filter((territory) => territory.level !== "grid")) {
      const childrenArea = childrenOf(parent.code).reduce((sum, child) => sum + areaOf(child), 0);
      expect(childrenArea).toBeCloseTo(areaOf(parent), 10);
    }
  });

  it("places any point of the city in exactly one district, one town and one grid", () => {
    const random = createRandom(5);
    const city = ofLevel("city")[0];
    for (let i = 0; i < 500; i++) {
      const point = randomPointInPolygon(city.boundary, random);
      for (const level of ["district", "town", "grid"] as const) {
        const containing = ofLevel(level).filter((territory) => pointInPolygon(point, territory.boundary));
        expect(containing).toHaveLength(1);
      }
    }
  });
});
