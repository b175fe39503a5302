import { describe, expect, it } from "vitest";
import { riskLevelOf } from "../../../domain/reference/risk-levels";
import {
  clusteredLayers,
  drawableLayer,
  drawnCounts,
  type FeaturesResponse,
  type LayerCollection,
  listRows,
  type MapFeature,
  territoryBounds,
  UNRATED_HEX,
} from "./map-data";

function point(id: string, level: number | null, extra: Partial<MapFeature["properties"]> = {}): MapFeature {
  return {
    type: "Feature",
    id,
    geometry: { type: "Point", coordinates: [118.8, 32.05] },
    properties: { layer: "enterprises", id, name: `企业${id}`, level, colour: null, ...extra },
  };
}

function collection(features: MapFeature[], clustered = false): LayerCollection {
  return { type: "FeatureCollection", features, clustered, capped: false, total: features.length };
}

describe("the one map's drawing data", () => {
  it("colours a feature by its level from the one risk palette, grey when unrated", () => {
    const drawn = drawableLayer(collection([point("a", 1), point("b", null)]));
    expect(drawn.features[0].properties.hex).toBe(riskLevelOf(1).hex);
    expect(drawn.features[1].properties.hex).toBe(UNRATED_HEX);
  });

  it("grows a cluster with its count but keeps a city of 100,000 on screen", () => {
    const small = drawableLayer(collection([point("c1", 2, { cluster: true, count: 3 })], true));
    const large = drawableLayer(collection([point("c2", 2, { cluster: true, count: 100_000 })], true));
    expect(large.features[0].properties.radius).toBeGreaterThan(small.features[0].properties.radius);
    expect(large.features[0].properties.radius).toBeLessThanOrEqual(28);
  });

  it("lists only individual features of the shown layers, worst level first, and counts what is drawn", () => {
    const response: FeaturesResponse = {
      capped: false,
      layers: {
        enterprises: collection([point("blue", 4), point("red", 1)]),
        riskPoints: collection([point("cluster", 1, { cluster: true, count: 900, layer: "riskPoints" })], true),
        alarms: collection([point("alarm", 2, { layer: "alarms" })]),
      },
    };
    expect(listRows(response, ["enterprises", "riskPoints"]).map((row) => row.id)).toEqual(["red", "blue"]);
    expect(listRows(response, ["enterprises", "alarms"]).map((row) => row.id)).toEqual(["red", "alarm", "blue"]);
    expect(drawnCounts(response, ["enterprises", "riskPoints"])).toEqual({ features: 3, clusters: 1 });
    expect(clusteredLayers(response, ["enterprises", "riskPoints"])).toEqual(["riskPoints"]);
  });

  it("frames the territories' polygons for the first view", () => {
    const bounds = territoryBounds([
      {
        type: "Feature",
        id: "t",
        geometry: {
          type: "Polygon",
          coordinates: [
            [
              [118, 32],
              [119, 32],
              [119, 33],
              [118, 32],
            ],
          ],
        },
        properties: {
          id: "t",
          name: "江北区",
          level: 3,
          colour: "yellow",
          score: 12,
          explanation: "",
          enterprises: 1,
          bbox: [118, 32, 119, 33],
        },
      },
    ]);
    expect(bounds).toEqual([
      [118, 32],
      [119, 33],
    ]);
    expect(territoryBounds([])).toBeNull();
  });
});
