import { Typography, theme } from "antd";
import { RISK_LEVELS, RiskSwatch, riskLevelName } from "../../components/RiskLevel";
import { useLocale, useT } from "../../i18n";
import { HIDDEN_DANGER_HEX, levelHex, UNRATED_HEX } from "./map-data";

/** The legend over the map's corner: the four colours, unrated, the regional fill and what each ring means. */
export function MapLegend({ showTerritories }: { showTerritories: boolean }) {
  const t = useT();
  const [locale] = useLocale();
  const { token } = theme.useToken();
  /** A round mark: a filled dot, or a ring of `colour` around `fill`. */
  const dot = (fill: string, colour?: string) => (
    <span
      style={{
        display: "inline-block",
        width: 12,
        height: 12,
        borderRadius: "50%",
        border: colour ? `3px solid ${colour}` : undefined,
        background: fill,
        verticalAlign: "middle",
      }}
    />
  );
  return (
    <div
      data-testid="map-legend"
      style={{
        position: "absolute",
        left: 8,
        bottom: 8,
        background: "rgba(255,255,255,0.94)",
        borderRadius: 6,
        padding: "6px 10px",
        fontSize: 12,
        lineHeight: 1.8,
        boxShadow: token.boxShadowTertiary,
        maxWidth: 300,
      }}
    >
      <Typography.Text strong style={{ fontSize: 12 }}>
        {t("map.legend")}
      </Typography.Text>
      {RISK_LEVELS.map((level) => (
        <div key={level}>
          <RiskSwatch level={level} /> {riskLevelName(locale, level)}
        </div>
      ))}
      <div>
        {dot(UNRATED_HEX)} {t("map.legend.unrated")}
      </div>
      {showTerritories && <div>▧ {t("map.legend.regional")}</div>}
      <div>◉ {t("map.legend.cluster")}</div>
      <div>
        {dot("#ffffff", "#000000")} {t("map.legend.majorHazard")}
      </div>
      <div>
        {dot("rgba(217,0,27,0.3)", levelHex(1))} {t("map.legend.alarm")}
      </div>
      <div>
        {dot("#ffffff", HIDDEN_DANGER_HEX)} {t("map.legend.hiddenDanger")}
      </div>
    </div>
  );
}
