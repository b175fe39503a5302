import { Select, Space, Tag, Tooltip } from "antd";
import type { CSSProperties, ReactNode } from "react";
import {
  type ControlLevel,
  controlLevels,
  type RiskLevel,
  type RiskLevelItem,
  riskLevelOf,
} from "../../domain/reference/risk-levels";
import { type Locale, localName, useLocale, useT } from "../i18n";

// Risk colours come from src/domain/reference/risk-levels.ts only: the register, the map, the charts and the notice
// card all show the same red, orange, yellow and blue.

/** A level as the API sends it (a number, null when not assessed) as one of the four, or null. */
export function asRiskLevel(level: number | null | undefined): RiskLevel | null {
  return level === 1 || level === 2 || level === 3 || level === 4 ? level : null;
}

/** The palette entry (name, colours) of a level the API sent, or null when there is none. */
export function levelItem(level: number | null | undefined): RiskLevelItem | null {
  const known = asRiskLevel(level);
  return known ? riskLevelOf(known) : null;
}

/** Grey for a risk point or hazard that has not been assessed yet. */
export const NOT_ASSESSED_HEX = "#8c8c8c";

/** A level's name ("重大风险", "Major risk"); a number that is none of the four is shown as it is. */
export function riskLevelName(locale: Locale, level: number): string {
  const item = levelItem(level);
  return item ? localName(locale, item.nameZh, item.nameEn) : String(level);
}

export function controlLevelName(locale: Locale, code: ControlLevel | string | null | undefined): string {
  const item = controlLevels.find((c) => c.code === code);
  return item ? localName(locale, item.nameZh, item.nameEn) : (code ?? "—");
}

/** A filled tag in the level's colour ("重大风险" on red), or a grey "not assessed". */
export function RiskLevelTag({
  level: sent,
  suffix,
  tooltip,
  testId,
  style,
}: {
  /** As the API sends it: one of the four, or null (or anything else) for "not assessed". */
  level: number | null | undefined;
  /** Shown after the name, e.g. the score. */
  suffix?: ReactNode;
  tooltip?: ReactNode;
  testId?: string;
  style?: CSSProperties;
}) {
  const t = useT();
  const [locale] = useLocale();
  const level = asRiskLevel(sent);
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

/**
 * Filters by risk level (all levels when cleared): each level by name behind its colour swatch, or, with `tags`, as
 * its coloured tag in the list.
 */
export function RiskLevelFilter({
  value,
  onChange,
  placeholder,
  tags = false,
  "data-testid": testId,
}: {
  value: RiskLevel | undefined;
  onChange: (level: RiskLevel | undefined) => void;
  placeholder: string;
  tags?: boolean;
  "data-testid": string;
}) {
  const [locale] = useLocale();
  return (
    <Select<RiskLevel>
      data-testid={testId}
      allowClear
      value={value}
      onChange={(next) => onChange(next ?? undefined)}
      placeholder={placeholder}
      style={{ width: 160 }}
      options={RISK_LEVELS.map((level) => ({
        value: level,
        label: tags ? (
          riskLevelName(locale, level)
        ) : (
          <Space size={6}>
            <RiskSwatch level={level} />
            {riskLevelName(locale, level)}
          </Space>
        ),
      }))}
      optionRender={tags ? (option) => <RiskLevelTag level={option.value as RiskLevel} /> : undefined}
    />
  );
}
