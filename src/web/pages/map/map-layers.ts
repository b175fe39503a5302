import type maplibregl from "maplibre-gl";
import type { StyleSpecification } from "maplibre-gl";
import { HIDDEN_DANGER_HEX, MAP_LAYERS } from "./map-data";

// How the one map draws: the base style, the regional fill, the heat layer and the five data layers as MapLibre layers.

export const BACKGROUND = "#eef2f6";
export const emptyCollection = { type: "FeatureCollection" as const, features: [] };
/** The layers a click or a hover picks features from. */
export const CLICKABLE = MAP_LAYERS.map((layer) => `${layer}-circle`);

export function baseStyle(tileUrl: string | null): StyleSpecification {
  // Without TILE_URL there is no base map: a plain background, the territories' boundaries and the features.
  return {
    version: 8,
    sources: tileUrl ? { base: { type: "raster", tiles: [tileUrl], tileSize: 256 } } : {},
    layers: [
      { id: "background", type: "background", paint: { "background-color": BACKGROUND } },
      ...(tileUrl ? [{ id: "base", type: "raster" as const, source: "base" }] : []),
    ],
  };
}

/** The territories' regional levels as a fill with outlines, and the heat layer (hidden until chosen). */
export function addRegionLayers(map: maplibregl.Map) {
  map.addSource("territories", { type: "geojson", data: emptyCollection });
  map.addSource("heat", { type: "geojson", data: emptyCollection });
  map.addLayer({
    id: "territories-fill",
    type: "fill",
    source: "territories",
    paint: { "fill-color": ["get", "hex"], "fill-opacity": 0.22 },
  });
  map.addLayer({
    id: "territories-line",
    type: "line",
    source: "territories",
    paint: { "line-color": "#434343", "line-width": 1.5 },
  });
  map.addLayer({
    id: "heat",
    type: "heatmap",
    source: "heat",
    layout: { visibility: "none" },
    paint: {
      "heatmap-weight": ["interpolate", ["linear"], ["get", "weight"], 1, 0.4, 200, 1],
      "heatmap-radius": 30,
      "heatmap-opacity": 0.75,
    },
  });
}

/** The circle layers of the five data layers; a cluster is drawn by its radius, a single feature by its layer's size. */
export function addDataLayers(map: maplibregl.Map) {
  const clusterOpacity = ["case", ["get", "cluster"], 0.82, 1] as unknown as number;
  const radius = (single: number) => ["case", ["get", "cluster"], ["get", "radius"], single] as unknown as number;
  for (const layer of MAP_LAYERS) map.addSource(layer, { type: "geojson", data: emptyCollection });
  map.addLayer({
    id: "riskPoints-circle",
    type: "circle",
    source: "riskPoints",
    layout: { "circle-sort-key": ["get", "sortKey"] },
    paint: {
      "circle-radius": radius(5),
      "circle-color": ["get", "hex"],
      "circle-opacity": clusterOpacity,
      "circle-stroke-color": "#ffffff",
      "circle-stroke-width": 1,
    },
  });
  map.addLayer({
    id: "enterprises-circle",
    type: "circle",
    source: "enterprises",
    layout: { "circle-sort-key": ["get", "sortKey"] },
    paint: {
      "circle-radius": ["get", "radius"],
      "circle-color": ["get", "hex"],
      "circle-opacity": clusterOpacity,
      "circle-stroke-color": "#ffffff",
      "circle-stroke-width": 2,
    },
  });
  map.addLayer({
    id: "hiddenDangers-circle",
    type: "circle",
    source: "hiddenDangers",
    paint: {
      "circle-radius": radius(6),
      "circle-color": ["case", ["any", ["get", "flag"], [">", ["get", "flagged"], 0]], HIDDEN_DANGER_HEX, "#ffffff"],
      "circle-stroke-color": HIDDEN_DANGER_HEX,
      "circle-stroke-width": 3,
    },
  });
  map.addLayer({
    id: "majorHazards-circle",
    type: "circle",
    source: "majorHazards",
    paint: {
      "circle-radius": radius(9),
      "circle-color": ["get", "hex"],
      "circle-stroke-color": "#000000",
      "circle-stroke-width": 3,
    },
  });
  map.addLayer({
    id: "alarms-pulse",
    type: "circle",
    source: "alarms",
    paint: { "circle-radius": 10, "circle-color": ["get", "hex"], "circle-opacity": 0.4 },
  });
  map.addLayer({
    id: "alarms-circle",
    type: "circle",
    source: "alarms",
    paint: {
      "circle-radius": radius(7),
      "circle-color": ["get", "hex"],
      "circle-stroke-color": "#ffffff",
      "circle-stroke-width": 2,
    },
  });
}

/** Active alarms pulse: the halo grows and fades once a second. Returns how to stop it. */
export function pulseAlarms(map: maplibregl.Map): () => void {
  let frame = 0;
  const animate = (time: number) => {
    const phase = (time % 1200) / 1200;
    if (map.getLayer("alarms-pulse")) {
      map.setPaintProperty("alarms-pulse", "circle-radius", 8 + phase * 14);
      map.setPaintProperty("alarms-pulse", "circle-opacity", 0.5 * (1 - phase));
    }
    frame = requestAnimationFrame(animate);
  };
  frame = requestAnimationFrame(animate);
  return () => cancelAnimationFrame(frame);
}
