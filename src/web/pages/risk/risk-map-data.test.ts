import { describe, expect, it } from "vitest";
import { riskLevelOf } from "../../../domain/reference/risk-levels";
import type { GeoPolygon, RiskPointSummary } from "../../api/types";
import { mapBounds, pointsWithoutLocation, riskPointFeatures } from "./risk-map-data";

function riskPoint(overrides: Partial<RiskPointSummary> = {}): RiskPointSummary {
  return {
    id: "p-1",
    ownerId: "e-1",
    ownerKind: "enterprise",
    ownerName: "滨江化工",
    kind: "facility",
    publicCategory: null,
    name: "液氯储罐区",
    unit: "储运车间",
    lng: 118.8,
    lat: 32.1,
    level: 1,
    colour: "red",
    controlLevel: "company",
    controllingUnit: "",
    responsiblePerson: "",
    hazardCount: 1,
    ...overrides,
  };
}

describe("riskPointFeatures", () => {
  it("colours a located point by its level and puts red on top", () => {
    const { features } = riskPointFeatures([riskPoint(), riskPoint({ id: "p-2", level: 4 })]);
    expect(features.map((f) => f.properties.hex)).toEqual([riskLevelOf(1).hex, riskLevelOf(4).hex]);
    expect(features[0].properties.sortKey).toBeGreaterThan(features[1].properties.sortKey);
    expect(features[0].geometry.coordinates).toEqual([118.8, 32.1]);
  });

  it("draws an unassessed point grey with level 0", () => {
    const [feature] = riskPointFeatures([riskPoint({ level: null, colour: null })]).features;
    expect(feature.properties.level).toBe(0);
    expect(feature.properties.hex).toBe("#8c8c8c");
  });

  it("leaves out points without coordinates and lists them instead", () => {
    const unlocated = riskPoint({ id: "p-3", lng: null, lat: null });
    expect(riskPointFeatures([unlocated]).features).toHaveLength(0);
    expect(pointsWithoutLocation([riskPoint(), unlocated]).map((p) => p.id)).toEqual(["p-3"]);
  });
});

describe("mapBounds", () => {
  const square: GeoPolygon = {
    type: "Polygon",
    coordinates: [
      [
        [118, 32],
        [119, 32],
        [119, 33],
        [118, 33],
        [118, 32],
      ],
    ],
  };

  it("covers the boundary and the points outside it", () => {
    expect(mapBounds([riskPoint({ lng: 119.5, lat: 32.5 })], square)).toEqual([
      [118, 32],
      [119.5, 33],
    ]);
  });

  it("widens a single point to the minimum span", () => {
    const bounds = mapBounds([riskPoint()], null, [], 0.02);
    expect(bounds?.[0][0]).toBeCloseTo(118.79);
    expect(bounds?.[1][1]).toBeCloseTo(32.11);
  });

  it("gives nothing when there is nothing to show", () => {
    expect(mapBounds([riskPoint({ lng: null, lat: null })], null)).toBeNull();
  });
});
