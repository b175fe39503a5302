import { Tag, Tooltip } from "antd";
import type { CSSProperties, ReactNode } from "react";
import { controlLevels, type RiskLevel, riskLevelOf } from "../../domain/reference/risk-levels";
import type { ControlLevelCode } from "../api/types";
import { type Locale, localName, useLocale, useT } from "../i18n";

// Risk colours come from src/domain/reference/risk-levels.ts only: the register, the map, the charts and the notice
// card all show the same red, orange, yellow and blue.

/** Grey for a risk point or hazard that has not been assessed yet. */
export const NOT_ASSESSED_HEX = "#8c8c8c";

export function riskLevelName(locale: Locale, level: RiskLevel): string {
  const item = riskLevelOf(level);
  return localName(locale, item.nameZh, item.nameEn);
}

export function controlLevelName(locale: Locale, code: ControlLevelCode | string | null | undefined): string {
  const item = controlLevels.find((c) => c.code === code);
  return item ? localName(locale, item.nameZh, item.nameEn) : (code ?? "—");
}

/** A filled tag in the level's colour ("重大风险" on red), or a grey "not assessed". */
export function RiskLevelTag({
  level,
  suffix,
  tooltip,
  testId,
  style,
}: {
  level: RiskLevel | null | undefined;
  /** Shown after the name, e.g. the score. */
  suffix?: ReactNode;
  tooltip?: ReactNode;
  testId?: string;
  style?: CSSProperties;
}) {
  const t = useT();
  const [locale] = useLocale();
  const tag =
    level == null ? (
      <Tag data-testid={testId} data-level="none" style={style}>
        {t("risk.notAssessed")}
        {suffix}
      </Tag>
    ) : (
      <Tag
        data-testid={testId}
        data-level={level}
        variant="solid"
        color={riskLevelOf(level).hex}
        style={{
          background: riskLevelOf(level).hex,
          borderColor: riskLevelOf(level).hex,
          color: riskLevelOf(level).textHex,
          fontWeight: 500,
          ...style,
        }}
      >
        {riskLevelName(locale, level)}
        {suffix}
      </Tag>
    );
  return tooltip ? <Tooltip title={tooltip}>{tag}</Tooltip> : tag;
}

/** A small square of the level's colour, for legends and selects. */
export function RiskSwatch({ level, size = 12 }: { level: RiskLevel | null; size?: number }) {
  return (
    <span
      aria-hidden
      style={{
        display: "inline-block",
        width: size,
        height: size,
        borderRadius: 3,
        verticalAlign: "middle",
        background: level == null ? NOT_ASSESSED_HEX : riskLevelOf(level).hex,
        border: "1px solid rgba(0,0,0,0.12)",
      }}
    />
  );
}

export const RISK_LEVELS: readonly RiskLevel[] = [1, 2, 3, 4];
