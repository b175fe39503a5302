import { Space, Typography } from "antd";
import { riskLevelOf } from "../../../domain/reference/risk-levels";
import type { LevelCounts } from "./cockpit-data";
import { levelHex, RISK_LEVEL_LIST } from "./rating-charts";

// Small pieces the cockpit's panels share.

/** The red of a figure that needs attention (overdue, major, active). */
export const DANGER_HEX = "#d9001b";

/** A Statistic's style for a count that needs attention when above zero. */
export const dangerStyle = (value: number) => (value > 0 ? { content: { color: DANGER_HEX } } : undefined);

/** A count in a table cell, red and bold when above zero. */
export function Danger({ value }: { value: number }) {
  return value > 0 ? (
    <Typography.Text type="danger" strong>
      {value}
    </Typography.Text>
  ) : (
    <span>0</span>
  );
}

/** "3 / 5 / 12 / 40" with each number in its level's colour. */
export function LevelCountsInline({ counts }: { counts: LevelCounts }) {
  return (
    <Space size={4} separator={<span style={{ color: "#bfbfbf" }}>/</span>}>
      {RISK_LEVEL_LIST.map((level) => (
        <span
          key={level}
          style={{
            display: "inline-block",
            minWidth: 26,
            textAlign: "center",
            borderRadius: 4,
            padding: "0 4px",
            background: counts[level] > 0 ? levelHex(level) : "transparent",
            color: counts[level] > 0 ? riskLevelOf(level).textHex : "#8c8c8c",
            fontWeight: 500,
          }}
        >
          {counts[level]}
        </span>
      ))}
    </Space>
  );
}
