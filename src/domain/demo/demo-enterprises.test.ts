import { describe, expect, it } from "vitest";
import { validateUscc } from "../enterprise/uscc";
import { pointInPolygon } from "../geo/polygon";
import { industrySectionOf } from "../reference/industries";
import { generateDemoCity } from "./demo-city";
import { type DemoEnterprise, generateEnterprises } from "./demo-enterprises";

const grids = generateDemoCity().filter((territory) => territory.level === "grid");
const gridByCode = new Map(grids.map((grid) => [grid.code, grid]));

function generate(count: number, seed = 7): DemoEnterprise[] {
  return [...generateEnterprises({ count, seed, grids })];
}

describe("generateEnterprises", () => {
  const sample = generate(2_000);

  it("gives the same enterprises for the same seed and different ones for another seed", () => {
    expect(generate(50)).toEqual(sample.slice(0, 50));
    expect(generate(50, 8)).not.toEqual(sample.slice(0, 50));
  });

  it("yields exactly the number asked for, lazily", () => {
    const generator = generateEnterprises({ count: 3, seed: 1, grids });
    expect(generator.next().done).toBe(false);
    expect([...generateEnterprises({ count: 0, seed: 1, grids })]).toEqual([]);
    expect(sample).toHaveLength(2_000);
  });

  it("refuses to place enterprises without grids", () => {
    expect(() => [...generateEnterprises({ count: 1, seed: 1, grids: [] })]).toThrow(RangeError);
  });

  it("issues valid USCCs that carry the grid's district code in positions 3–8", () => {
    for (const enterprise of sample) {
      expect(validateUscc(enterprise.uscc)).toEqual({ valid: true });
      expect(enterprise.uscc.slice(0, 2)).toBe("91");
      expect(enterprise.uscc.slice(2, 8)).toBe(enterprise.territoryCode.slice(0, 6));
    }
  });

  it("places every enterprise inside its grid", () => {
    for (const enterprise of sample) {
      const grid = gridByCode.get(enterprise.territoryCode);
      expect(grid, enterprise.territoryCode).toBeDefined();
      expect(pointInPolygon([enterprise.lng, enterprise.lat], grid!.boundary)).toBe(true);
    }
  });

  it("names enterprises like Chinese companies of the demo city", () => {
    for (const enterprise of sample) expect(enterprise.name).toMatch(/^滨江\p{Script=Han}+(有限公司|有限责任公司)$/u);
    expect(sample.some((enterprise) => /化工|化学/.test(enterprise.name))).toBe(true);
  });

  it("uses existing GB/T 4754 divisions across the supervised profiles", () => {
    const divisions = new Set(sample.map((enterprise) => enterprise.industryCode));
    for (const code of divisions) expect(industrySectionOf(code)).toBeDefined();
    for (const code of ["10", "26", "47", "51", "59", "62"]) expect(divisions.has(code)).toBe(true);
  });

  it("gives addresses in the enterprise's district and town", () => {
    for (const enterprise of sample.slice(0, 200)) {
      expect(enterprise.address).toMatch(/^滨江示范市\p{Script=Han}+区\p{Script=Han}+(街道|镇)\p{Script=Han}+\d+号$/u);
    }
  });

  it("gives principal persons and at least one safety manager with 11-digit mobile numbers", () => {
    for (const enterprise of sample) {
      expect(enterprise.principalName).toMatch(/^\p{Script=Han}{2,3}$/u);
      expect(enterprise.principalPhone).toMatch(/^1[3-9]\d{9}$/);
      expect(enterprise.safetyManagers.length).toBeGreaterThanOrEqual(1);
      for (const manager of enterprise.safetyManagers) expect(manager.phone).toMatch(/^1[3-9]\d{9}$/);
    }
  });

  it("keeps most enterprises operating and most of them small or micro", () => {
    const share = (predicate: (enterprise: DemoEnterprise) => boolean) =>
      sample.filter(predicate).length / sample.length;
    expect(share((enterprise) => enterprise.status === "operating")).toBeGreaterThan(0.85);
    expect(share((enterprise) => enterprise.status === "closed")).toBeGreaterThan(0);
    expect(share((enterprise) => enterprise.scale === "micro" || enterprise.scale === "small")).toBeGreaterThan(0.8);
  });

  it("keeps names and USCCs unique across 100,000 enterprises", () => {
    const started = performance.now();
    const names = new Set<string>();
    const usccs = new Set<string>();
    let count = 0;
    for (const enterprise of generateEnterprises({ count: 100_000, seed: 20261129, grids })) {
      names.add(enterprise.name);
      usccs.add(enterprise.uscc);
      count++;
    }
    console.info(`generated 100,000 demo enterprises in ${Math.round(performance.now() - started)} ms`);
    expect(count).toBe(100_000);
    expect(names.size).toBe(100_000);
    expect(usccs.size).toBe(100_000);
  });
});
