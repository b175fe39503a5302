import { Skeleton } from "antd";
import { type RiskLevel, riskLevelOf } from "../../../domain/reference/risk-levels";
import { NOT_ASSESSED_HEX, RISK_LEVELS, riskLevelName } from "../../components/RiskLevel";
import { useLocale, useT } from "../../i18n";

export type LevelCounts = { level: RiskLevel | null; count: number }[];

/**
 * How many risk points of each colour, as tiles in the colours themselves (the way a notice board shows them).
 * A tile is a filter: clicking it shows only that level; clicking it again shows all.
 */
export function ColourTiles({
  counts,
  selected,
  onPick,
  loading,
}: {
  counts: LevelCounts | undefined;
  selected?: RiskLevel;
  onPick?: (level: RiskLevel | undefined) => void;
  loading?: boolean;
}) {
  const t = useT();
  const [locale] = useLocale();
  if (!counts && loading) return <Skeleton.Button active block style={{ height: 88 }} />;
  const countOf = (level: RiskLevel | null) => counts?.find((c) => c.level === level)?.count ?? 0;
  const tiles = [
    ...RISK_LEVELS.map((level) => ({
      key: String(level),
      level: level as RiskLevel | null,
      name: riskLevelName(locale, level),
      hex: riskLevelOf(level).hex,
      textHex: riskLevelOf(level).textHex,
    })),
    { key: "none", level: null, name: t("risk.notAssessed"), hex: NOT_ASSESSED_HEX, textHex: "#ffffff" },
  ];
  return (
    <div
      data-testid="risk-colour-tiles"
      style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(150px, 1fr))", gap: 12 }}
    >
      {tiles.map((tile) => {
        const active = selected !== undefined && tile.level === selected;
        const dimmed = selected !== undefined && !active;
        const clickable = !!onPick && tile.level !== null;
        return (
          <button
            type="button"
            key={tile.key}
            data-testid={`risk-tile-${tile.key}`}
            disabled={!clickable}
            aria-pressed={clickable ? active : undefined}
            onClick={() => onPick?.(active ? undefined : (tile.level as RiskLevel))}
            style={{
              background: tile.hex,
              color: tile.textHex,
              border: 0,
              textAlign: "left",
              font: "inherit",
              borderRadius: 8,
              padding: "12px 16px",
              cursor: clickable ? "pointer" : "default",
              opacity: dimmed ? 0.45 : 1,
              outline: active ? "3px solid #262626" : "none",
              outlineOffset: 2,
              minHeight: 76,
            }}
          >
            <div style={{ fontSize: 14, fontWeight: 500 }}>{tile.name}</div>
            <div style={{ fontSize: 28, fontWeight: 600, lineHeight: 1.2 }} data-testid={`risk-tile-count-${tile.key}`}>
              {countOf(tile.level)}
            </div>
          </button>
        );
      })}
    </div>
  );
}
