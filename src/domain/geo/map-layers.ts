/** The layers of the one map: each a kind of record drawn at its place. */
export const MAP_LAYERS = ["enterprises", "riskPoints", "majorHazards", "alarms", "hiddenDangers"] as const;
export type MapLayer = (typeof MAP_LAYERS)[number];
