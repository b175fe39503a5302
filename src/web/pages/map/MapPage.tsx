import "maplibre-gl/dist/maplibre-gl.css";
import { Checkbox, Space, Spin, Typography, theme } from "antd";
import { useMemo, useRef, useState } from "react";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { IndustrySelect } from "../../components/IndustrySelect";
import { RiskLevelFilter } from "../../components/RiskLevel";
import { TerritoryTreeSelect } from "../../components/TerritoryTreeSelect";
import { type MessageKey, useT } from "../../i18n";
import { FeatureCardDrawer } from "./FeatureCardDrawer";
import { MapFeatureList } from "./MapFeatureList";
import { MapLegend } from "./MapLegend";
import { MAP_LAYERS } from "./map-data";
import { BACKGROUND } from "./map-layers";
import { type MapToggle, useFeaturesInView, useMapSources, useRegionalLevels, useTileUrl } from "./use-map-data";
import { type MapView, type SelectedFeature, useOneMap } from "./use-one-map";

const FIRST_SHOWN: Record<MapToggle, boolean> = {
  enterprises: true,
  riskPoints: false,
  majorHazards: true,
  alarms: true,
  hiddenDangers: false,
  heat: false,
  territories: true,
};

/** The one map: features in view from the server (clustered when many), regional levels as the fill, a card per click. */
export function MapPage() {
  const t = useT();
  const me = useMe();
  const { token } = theme.useToken();
  const canSeeTerritories = hasPermission(me, "territory:read");
  const container = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(FIRST_SHOWN);
  const [level, setLevel] = useState<RiskLevel | undefined>();
  const [industry, setIndustry] = useState<string | undefined>();
  const [territoryId, setTerritoryId] = useState<string | undefined>();
  const [view, setView] = useState<MapView | null>(null);
  const [selected, setSelected] = useState<SelectedFeature | null>(null);
  const shownLayers = useMemo(() => MAP_LAYERS.filter((layer) => shown[layer]), [shown]);

  const tileUrl = useTileUrl();
  const territories = useRegionalLevels(canSeeTerritories, territoryId);
  const { mapRef, ready } = useOneMap(container, { tileUrl, territories, onView: setView, onSelect: setSelected });
  const { features, loading } = useFeaturesInView(view, shownLayers, { level, industry, territoryId });
  useMapSources(mapRef, ready, { features, territories, shown, territoryId, canSeeTerritories });

  const toggle = (key: MapToggle) => (
    <Checkbox
      key={key}
      data-testid={`map-layer-toggle-${key}`}
      checked={shown[key]}
      onChange={(event) => setShown((current) => ({ ...current, [key]: event.target.checked }))}
    >
      {t(`map.layer.${key}` as MessageKey)}
    </Checkbox>
  );

  return (
    <div data-testid="map-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("map.title")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("map.subtitle")}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <RiskLevelFilter
          data-testid="map-filter-level"
          tags
          placeholder={t("map.filter.levelAll")}
          value={level}
          onChange={setLevel}
        />
        <IndustrySelect
          data-testid="map-filter-industry"
          choose="filter"
          placeholder={t("map.filter.industry")}
          style={{ width: 240 }}
          value={industry}
          onChange={(value) => setIndustry((value as string | undefined) ?? undefined)}
        />
        {canSeeTerritories && (
          <TerritoryTreeSelect
            data-testid="map-filter-territory"
            placeholder={t("map.filter.territory")}
            style={{ width: 220 }}
            value={territoryId}
            onChange={(value) => setTerritoryId(value ?? undefined)}
          />
        )}
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text strong>{t("map.layers")}:</Typography.Text>
        {MAP_LAYERS.map(toggle)}
        {toggle("heat")}
        {canSeeTerritories && toggle("territories")}
      </Space>
      <div style={{ display: "flex", gap: 16, alignItems: "stretch", flexWrap: "wrap" }}>
        <div style={{ position: "relative", flex: "3 1 560px", minWidth: 320 }}>
          <div
            ref={container}
            data-testid="map-canvas"
            role="img"
            aria-label={t("map.title")}
            style={{ height: 620, borderRadius: token.borderRadius, overflow: "hidden", background: BACKGROUND }}
          />
          {loading && <Spin size="small" style={{ position: "absolute", top: 12, left: 12 }} />}
          <MapLegend showTerritories={canSeeTerritories && shown.territories} />
        </div>
        <MapFeatureList features={features} layers={shownLayers} onSelect={setSelected} />
      </div>
      <FeatureCardDrawer selected={selected} onClose={() => setSelected(null)} />
    </div>
  );
}
