import { LineChart } from "echarts/charts";
import { MarkAreaComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { DEFAULT_WEIGHTS } from "../../../domain/rating/rating-model";
import { type RiskLevel, riskLevelOf } from "../../../domain/reference/risk-levels";

// The shared EChart component registers bars and pies; score histories and trends also need lines and shaded bands.
echarts.use([LineChart, MarkAreaComponent]);

export const RISK_LEVEL_LIST: readonly RiskLevel[] = [1, 2, 3, 4];

/** The score band of each rating level under the shipped weights (red ≥ 60, orange ≥ 40, yellow ≥ 20, blue below). */
export function ratingLevelBands(): { level: RiskLevel; from: number; to: number }[] {
  const { levelThresholds } = DEFAULT_WEIGHTS;
  return [
    { level: 1, from: levelThresholds[1], to: 100 },
    { level: 2, from: levelThresholds[2], to: levelThresholds[1] },
    { level: 3, from: levelThresholds[3], to: levelThresholds[2] },
    { level: 4, from: 0, to: levelThresholds[3] },
  ];
}

/** A level's fill colour, from the one palette in src/domain/reference/risk-levels.ts. */
export const levelHex = (level: RiskLevel) => riskLevelOf(level).hex;
