import { describe, expect, it } from "vitest";
import { pointInPolygon } from "../geo/polygon";
import { createRandom } from "../geo/random";
import { assessMajorHazard } from "../major-hazard/assess-major-hazard";
import { accidentTypes } from "../reference/accident-types";
import { hazardFactors } from "../reference/hazard-factors";
import { assessRisk } from "../risk/assess-risk";
import { generateDemoCity } from "./demo-city";
import { generateEnterprises } from "./demo-enterprises";
import { demoPublicRiskPoints, demoRegisterFor, LEC_BY_LEVEL } from "./demo-register";

const city = generateDemoCity(20261129);
const grids = city.filter((node) => node.level === "grid");
const enterprises = Array.from(generateEnterprises({ count: 400, seed: 20261129, grids }));
const registers = enterprises.map((enterprise, index) => demoRegisterFor(enterprise, createRandom(index + 1)));

describe("the demo register", () => {
  it("uses LEC factor triples that grade to the level they are listed under", () => {
    for (const [level, triples] of Object.entries(LEC_BY_LEVEL)) {
      for (const factors of triples) {
        const graded = assessRisk("LEC", factors);
        expect(graded.ok, JSON.stringify(factors)).toBe(true);
        if (graded.ok) expect(graded.level, JSON.stringify(factors)).toBe(Number(level));
      }
    }
  });

  it("gives the same register for the same random sequence", () => {
    const again = enterprises.map((enterprise, index) => demoRegisterFor(enterprise, createRandom(index + 1)));
    expect(again).toEqual(registers);
  });

  it("names only GB/T 13861 factor codes and GB 6441 accident types the reference data holds", () => {
    const factorCodes = new Set(hazardFactors.map((item) => item.code));
    const accidentCodes = new Set(accidentTypes.map((item) => item.code));
    for (const register of registers) {
      for (const point of register.riskPoints) {
        expect(point.hazards.length).toBeGreaterThan(0);
        expect(point.measures.length).toBeGreaterThan(0);
        for (const hazard of point.hazards) {
          expect(factorCodes.has(hazard.factorCode), hazard.factorCode).toBe(true);
          for (const code of hazard.accidentTypes) expect(accidentCodes.has(code), code).toBe(true);
        }
      }
    }
  });

  it("spreads risk points over all four levels, red the rarest", () => {
    const counts = { 1: 0, 2: 0, 3: 0, 4: 0 };
    for (const register of registers) {
      for (const point of register.riskPoints) {
        const levels = point.hazards.map((hazard) => {
          const graded = assessRisk("LEC", hazard.factors);
          return graded.ok ? graded.level : 4;
        });
        counts[Math.min(...levels) as 1 | 2 | 3 | 4]++;
      }
    }
    expect(counts[1]).toBeGreaterThan(0);
    expect(counts[1]).toBeLessThan(counts[3]);
    expect(counts[2]).toBeGreaterThan(0);
    expect(counts[4]).toBeGreaterThan(0);
  });

  it("places risk points within 200 m of their enterprise", () => {
    registers.forEach((register, index) => {
      const { lng, lat } = enterprises[index];
      for (const point of register.riskPoints) {
        const dy = (point.lat - lat) * 111_320;
        const dx = (point.lng - lng) * 111_320 * Math.cos((lat * Math.PI) / 180);
        expect(Math.hypot(dx, dy)).toBeLessThan(200);
      }
    });
  });

  it("makes the chlorine tank farms of chemical plants GB 18218 major hazard sources", () => {
    const units = registers.flatMap((register) => register.majorHazardUnits);
    expect(units.length).toBeGreaterThan(0);
    for (const unit of units) {
      const result = assessMajorHazard({ substances: unit.substances, exposedPopulation: unit.exposedPopulation });
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.isMajorHazard, unit.name).toBe(true);
    }
    enterprises.forEach((enterprise, index) => {
      if (enterprise.industryCode === "26") {
        expect(registers[index].majorHazardUnits.map((unit) => unit.name)).toContain("液氯储罐区");
      }
    });
  });

  it("puts a town's public-area risk points inside the town", () => {
    const towns = city.filter((node) => node.level === "town");
    towns.forEach((town, index) => {
      const points = demoPublicRiskPoints(town.boundary, createRandom(index + 7));
      expect(points.length).toBeGreaterThan(0);
      for (const point of points) expect(pointInPolygon([point.lng, point.lat], town.boundary)).toBe(true);
    });
  });
});
