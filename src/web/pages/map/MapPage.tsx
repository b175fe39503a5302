import "maplibre-gl/dist/maplibre-gl.css";
import { Alert, Card, Checkbox, Descriptions, Drawer, Empty, List, Space, Spin, Typography, theme } from "antd";
import dayjs from "dayjs";
import maplibregl, { type GeoJSONSource, type StyleSpecification } from "maplibre-gl";
import { useEffect, useMemo, useRef, useState } from "react";
import { Link } from "react-router-dom";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import { api } from "../../api/client";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { IndustrySelect } from "../../components/IndustrySelect";
import { RISK_LEVELS, RiskLevelFilter, RiskLevelTag, RiskSwatch, riskLevelName } from "../../components/RiskLevel";
import { TerritoryTreeSelect } from "../../components/TerritoryTreeSelect";
import { type MessageKey, useLocale, useT } from "../../i18n";
import {
  clusteredLayers,
  drawableLayer,
  drawnCounts,
  type FeatureCard,
  type FeaturesResponse,
  HIDDEN_DANGER_HEX,
  levelHex,
  listRows,
  MAP_LAYERS,
  type MapLayer,
  type TerritoriesResponse,
  type TerritoryFeature,
  territoryBounds,
  UNRATED_HEX,
} from "./map-data";

const BACKGROUND = "#eef2f6";
const LIST_LIMIT = 300;
/** Waits this long after the map stops moving before asking the server, so a drag is one request. */
const REFETCH_DEBOUNCE_MS = 250;
const emptyCollection = { type: "FeatureCollection" as const, features: [] };

type Toggle = MapLayer | "heat" | "territories";
type Selected = { layer: MapLayer; id: string };

function baseStyle(tileUrl: string | null): StyleSpecification {
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

/** The circle layers of the five data layers, as MapLibre layer specifications. */
function addDataLayers(map: maplibregl.Map) {
  const clusterOpacity = ["case", ["get", "cluster"], 0.82, 1] as unknown as number;
  for (const layer of MAP_LAYERS) map.addSource(layer, { type: "geojson", data: emptyCollection });
  map.addLayer({
    id: "riskPoints-circle",
    type: "circle",
    source: "riskPoints",
    layout: { "circle-sort-key": ["get", "sortKey"] },
    paint: {
      "circle-radius": ["case", ["get", "cluster"], ["get", "radius"], 5],
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
      "circle-radius": ["case", ["get", "cluster"], ["get", "radius"], 6],
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
      "circle-radius": ["case", ["get", "cluster"], ["get", "radius"], 9],
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
      "circle-radius": ["case", ["get", "cluster"], ["get", "radius"], 7],
      "circle-color": ["get", "hex"],
      "circle-stroke-color": "#ffffff",
      "circle-stroke-width": 2,
    },
  });
}

const CLICKABLE = MAP_LAYERS.map((layer) => `${layer}-circle`);

/** The one map: features in view from the server (clustered when many), regional levels as the fill, a card per click. */
export function MapPage() {
  const t = useT();
  const [locale] = useLocale();
  const me = useMe();
  const { token } = theme.useToken();
  const canSeeTerritories = hasPermission(me, "territory:read");
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [mapReady, setMapReady] = useState(false);
  const [tileUrl, setTileUrl] = useState<string | null | undefined>(undefined);
  const [shown, setShown] = useState<Record<Toggle, boolean>>({
    enterprises: true,
    riskPoints: false,
    majorHazards: true,
    alarms: true,
    hiddenDangers: false,
    heat: false,
    territories: true,
  });
  const [level, setLevel] = useState<RiskLevel | undefined>();
  const [industry, setIndustry] = useState<string | undefined>();
  const [territoryId, setTerritoryId] = useState<string | undefined>();
  const [view, setView] = useState<{ bbox: string; zoom: number } | null>(null);
  const [features, setFeatures] = useState<FeaturesResponse>();
  const [loading, setLoading] = useState(false);
  const [territories, setTerritories] = useState<TerritoryFeature[] | undefined>(canSeeTerritories ? undefined : []);
  const [selected, setSelected] = useState<Selected | null>(null);
  const shownLayers = useMemo(() => MAP_LAYERS.filter((layer) => shown[layer]), [shown]);

  useEffect(() => {
    api
      .get<{ tileUrl: string | null }>("/map/config")
      .then((config) => setTileUrl(config.tileUrl))
      .catch(() => setTileUrl(null));
  }, []);

  // The regional levels of the caller's top node's children (of the chosen territory's, when one is chosen).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the language changes the server's names and explanations.
  useEffect(() => {
    if (!canSeeTerritories) return;
    let stale = false;
    (async () => {
      const top = await api.get<TerritoriesResponse>("/map/territories");
      const parentId = territoryId ?? (top.features.length === 1 ? top.features[0].id : undefined);
      const children = parentId
        ? await api.get<TerritoriesResponse>("/map/territories", { parentId })
        : { features: [] as TerritoryFeature[] };
      if (stale) return;
      setTerritories(children.features.length > 0 ? children.features : top.features);
    })().catch(() => {
      if (!stale) setTerritories([]);
    });
    return () => {
      stale = true;
    };
  }, [canSeeTerritories, territoryId, locale]);

  // Handlers read the current language through refs: changing it must not rebuild the map.
  const textRef = useRef({ t, locale });
  textRef.current = { t, locale };
  const firstView = tileUrl !== undefined && territories !== undefined;

  // One map once the base style and the first view are known; data changes only update its sources.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the first territories give the first view only.
  useEffect(() => {
    if (!container.current || !firstView) return;
    const element = container.current;
    const bounds = territoryBounds(territories ?? []);
    const map = new maplibregl.Map({
      container: element,
      style: baseStyle(tileUrl ?? null),
      ...(bounds ? { bounds, fitBoundsOptions: { padding: 30 } } : { center: [0, 0], zoom: 1 }),
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    mapRef.current = map;
    (element as HTMLDivElement & { oneMap?: maplibregl.Map }).oneMap = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
    map.touchZoomRotate.disableRotation();
    const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, offset: 10 });
    const reportView = () => {
      const b = map.getBounds();
      const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
        .map((v, i) => Math.max(i % 2 ? -90 : -180, Math.min(i % 2 ? 90 : 180, v)).toFixed(6))
        .join(",");
      setView({ bbox, zoom: Math.round(map.getZoom() * 100) / 100 });
    };
    let pulse = 0;
    map.on("load", () => {
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
      addDataLayers(map);
      setMapReady(true);
      reportView();
      // Active alarms pulse: the halo grows and fades once a second.
      const animate = (time: number) => {
        const phase = (time % 1200) / 1200;
        if (map.getLayer("alarms-pulse")) {
          map.setPaintProperty("alarms-pulse", "circle-radius", 8 + phase * 14);
          map.setPaintProperty("alarms-pulse", "circle-opacity", 0.5 * (1 - phase));
        }
        pulse = requestAnimationFrame(animate);
      };
      pulse = requestAnimationFrame(animate);
    });
    map.on("moveend", reportView);
    map.on("idle", () => {
      element.dataset.mapIdle = "true";
    });
    map.on("movestart", () => {
      element.dataset.mapIdle = "false";
    });
    map.on("click", (event) => {
      const hit = map.queryRenderedFeatures(event.point, { layers: CLICKABLE.filter((id) => map.getLayer(id)) })[0];
      if (!hit) return;
      const properties = hit.properties as { cluster?: boolean; layer: MapLayer; id?: string };
      if (properties.cluster) {
        map.easeTo({
          center: (hit.geometry as GeoJSON.Point).coordinates as [number, number],
          zoom: map.getZoom() + 2,
        });
      } else if (properties.id) {
        setSelected({ layer: properties.layer, id: properties.id });
      }
    });
    // A region names itself and its regional level on hover (there are no map labels without a glyph server).
    map.on("mousemove", "territories-fill", (event) => {
      if (map.queryRenderedFeatures(event.point, { layers: CLICKABLE.filter((id) => map.getLayer(id)) }).length > 0)
        return;
      const p = event.features?.[0]?.properties as { name?: string; explanation?: string } | undefined;
      if (!p?.name) return;
      popup
        .setLngLat(event.lngLat)
        .setText(`${p.name} · ${p.explanation ?? ""}`)
        .addTo(map);
    });
    map.on("mouseleave", "territories-fill", () => popup.remove());
    for (const id of CLICKABLE) {
      map.on("mousemove", id, (event) => {
        const feature = event.features?.[0];
        if (!feature) return;
        map.getCanvas().style.cursor = "pointer";
        const { t, locale } = textRef.current;
        const p = feature.properties as Record<string, unknown>;
        const byLevel = typeof p.byLevel === "string" ? (JSON.parse(p.byLevel) as number[]) : [];
        const text = p.cluster
          ? t("map.clusterTip", {
              count: Number(p.count),
              l1: byLevel[0] ?? 0,
              l2: byLevel[1] ?? 0,
              l3: byLevel[2] ?? 0,
              l4: byLevel[3] ?? 0,
            })
          : `${p.name}${p.level ? ` · ${riskLevelName(locale, Number(p.level) as RiskLevel)}` : ""}`;
        popup.setLngLat(event.lngLat).setText(text).addTo(map);
      });
      map.on("mouseleave", id, () => {
        map.getCanvas().style.cursor = "";
        popup.remove();
      });
    }
    return () => {
      cancelAnimationFrame(pulse);
      popup.remove();
      map.remove();
      mapRef.current = null;
      setMapReady(false);
    };
  }, [firstView]);

  // A chosen territory moves the view to it.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !mapReady || !territoryId || !territories) return;
    const bounds = territoryBounds(territories);
    if (bounds) map.fitBounds(bounds, { padding: 30, animate: false });
  }, [territoryId, territories, mapReady]);

  // Features in view, asked again (debounced) when the view, the layers or the filters change.
  useEffect(() => {
    if (!view) return;
    if (shownLayers.length === 0) {
      setFeatures({ capped: false, layers: {} });
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      setLoading(true);
      api
        .get<FeaturesResponse>("/map/features", {
          bbox: view.bbox,
          zoom: view.zoom,
          layers: shownLayers.join(","),
          level,
          industry,
          territoryId,
        })
        .then((response) => {
          if (!stale) setFeatures(response);
        })
        .finally(() => {
          if (!stale) setLoading(false);
        });
    }, REFETCH_DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [view, shownLayers, level, industry, territoryId]);

  // Without territories (insurers, service organisations) the first answer, from the whole world, sets the view.
  const fittedToFeatures = useRef(canSeeTerritories);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !mapReady || !features || fittedToFeatures.current) return;
    const points = MAP_LAYERS.flatMap((layer) => features.layers[layer]?.features ?? []).map(
      (feature) => feature.geometry.coordinates,
    );
    if (points.length === 0) return;
    fittedToFeatures.current = true;
    const lngs = points.map(([lng]) => lng);
    const lats = points.map(([, lat]) => lat);
    map.fitBounds(
      [
        [Math.min(...lngs), Math.min(...lats)],
        [Math.max(...lngs), Math.max(...lats)],
      ],
      { padding: 60, maxZoom: 15, animate: false },
    );
  }, [features, mapReady]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !mapReady) return;
    for (const layer of MAP_LAYERS) {
      (map.getSource(layer) as GeoJSONSource | undefined)?.setData(
        shown[layer] ? drawableLayer(features?.layers[layer]) : emptyCollection,
      );
    }
    const heat = [...drawableLayer(features?.layers.enterprises).features];
    if (shown.riskPoints) heat.push(...drawableLayer(features?.layers.riskPoints).features);
    (map.getSource("heat") as GeoJSONSource | undefined)?.setData({ type: "FeatureCollection", features: heat });
    map.setLayoutProperty("heat", "visibility", shown.heat ? "visible" : "none");
  }, [features, shown, mapReady]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !mapReady) return;
    const data = {
      type: "FeatureCollection" as const,
      features: (shown.territories ? (territories ?? []) : []).map((feature) => ({
        ...feature,
        properties: { ...feature.properties, hex: levelHex(feature.properties.level) },
      })),
    };
    (map.getSource("territories") as GeoJSONSource | undefined)?.setData(data);
  }, [territories, shown.territories, mapReady]);

  const rows = useMemo(() => listRows(features, shownLayers), [features, shownLayers]);
  const counts = drawnCounts(features, shownLayers);
  const clustered = clusteredLayers(features, shownLayers);

  const toggle = (key: Toggle) => (
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
        <Card
          size="small"
          title={t("map.list")}
          style={{ flex: "1 1 300px", minWidth: 280 }}
          styles={{ body: { maxHeight: 560, overflowY: "auto" } }}
          extra={
            <Typography.Text
              type="secondary"
              data-testid="map-feature-count"
              data-features={counts.features}
              data-clusters={counts.clusters}
            >
              {t("map.count", counts)}
            </Typography.Text>
          }
        >
          {features?.capped && <Alert type="warning" showIcon title={t("map.capped")} style={{ marginBottom: 8 }} />}
          {clustered.length > 0 && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 8 }}
              title={t("map.listClustered", {
                layers: clustered.map((layer) => t(`map.layer.${layer}` as MessageKey)).join("、"),
              })}
            />
          )}
          <div data-testid="map-feature-list">
            {rows.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("map.listEmpty")} />
            ) : (
              <List
                size="small"
                dataSource={rows.slice(0, LIST_LIMIT)}
                renderItem={(row) => (
                  <List.Item
                    key={`${row.layer}-${row.id}`}
                    data-testid={`map-feature-row-${row.id}`}
                    onClick={() => setSelected({ layer: row.layer, id: row.id })}
                    style={{ cursor: "pointer", paddingInline: 4 }}
                  >
                    <Space orientation="vertical" size={0} style={{ width: "100%" }}>
                      <Space size={6} wrap>
                        {row.layer === "hiddenDangers" ? null : <RiskLevelTag level={row.level as RiskLevel | null} />}
                        <Typography.Text strong>{row.name}</Typography.Text>
                      </Space>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t(`map.layer.${row.layer}` as MessageKey)}
                        {row.detail && row.layer !== "enterprises" ? ` · ${row.detail}` : ""}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            )}
            {rows.length > LIST_LIMIT && (
              <Typography.Text type="secondary">
                {t("map.listMore", { count: rows.length - LIST_LIMIT })}
              </Typography.Text>
            )}
          </div>
        </Card>
      </div>
      <FeatureCardDrawer selected={selected} onClose={() => setSelected(null)} />
    </div>
  );
}

function MapLegend({ showTerritories }: { showTerritories: boolean }) {
  const t = useT();
  const [locale] = useLocale();
  const { token } = theme.useToken();
  const ring = (colour: string, fill: string) => (
    <span
      style={{
        display: "inline-block",
        width: 12,
        height: 12,
        borderRadius: "50%",
        border: `3px solid ${colour}`,
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
        <span
          style={{
            display: "inline-block",
            width: 12,
            height: 12,
            borderRadius: "50%",
            background: UNRATED_HEX,
            verticalAlign: "middle",
          }}
        />{" "}
        {t("map.legend.unrated")}
      </div>
      {showTerritories && <div>▧ {t("map.legend.regional")}</div>}
      <div>◉ {t("map.legend.cluster")}</div>
      <div>
        {ring("#000000", "#ffffff")} {t("map.legend.majorHazard")}
      </div>
      <div>
        {ring(levelHex(1), "rgba(217,0,27,0.3)")} {t("map.legend.alarm")}
      </div>
      <div>
        {ring(HIDDEN_DANGER_HEX, "#ffffff")} {t("map.legend.hiddenDanger")}
      </div>
    </div>
  );
}

const FACT_VALUE_KEYS: Record<string, (value: string) => string> = {
  ownerKind: (value) => `map.value.${value}`,
  unitKind: (value) => `map.value.${value}`,
  alarmStatus: (value) => `map.value.${value}`,
  hiddenDangerStatus: (value) => `hdStatus.${value}`,
  hiddenDangerGrade: (value) => `hdLevel.${value}`,
  riskPointKind: (value) => `riskKind.${value}`,
};
const DATE_FACTS = new Set(["ratedAt", "raisedAt", "foundAt", "deadline"]);

/** The card of one feature: its level, why it has it, its key facts and a link to its page. */
function FeatureCardDrawer({ selected, onClose }: { selected: Selected | null; onClose: () => void }) {
  const t = useT();
  const [locale] = useLocale();
  const [card, setCard] = useState<FeatureCard | null>(null);
  const [failed, setFailed] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the language changes the server's texts.
  useEffect(() => {
    setCard(null);
    setFailed(false);
    if (!selected) return;
    let stale = false;
    api
      .get<FeatureCard>(`/map/features/${selected.layer}/${selected.id}`)
      .then((value) => {
        if (!stale) setCard(value);
      })
      .catch(() => {
        if (!stale) setFailed(true);
      });
    return () => {
      stale = true;
    };
  }, [selected, locale]);

  const factValue = (key: string, value: string | number | null) => {
    if (value === null || value === "") return "—";
    if (DATE_FACTS.has(key)) return dayjs(String(value)).format("YYYY-MM-DD HH:mm");
    const translate = FACT_VALUE_KEYS[key];
    if (translate) {
      const text = t(translate(String(value)) as MessageKey);
      return text === translate(String(value)) ? String(value) : text;
    }
    return String(value);
  };
  const colour = card?.level ? levelColourName(card.level as RiskLevel) : null;

  return (
    <Drawer open={selected !== null} onClose={onClose} size={420} title={card?.name ?? " "} destroyOnHidden>
      <div data-testid="map-feature-card">
        {failed && <Alert type="error" showIcon title={t("map.card.loadFailed")} />}
        {!card && !failed && <Spin />}
        {card && (
          <Space orientation="vertical" size={12} style={{ width: "100%" }}>
            <Space wrap>
              <Typography.Text type="secondary">{t(`map.layer.${card.layer}` as MessageKey)}</Typography.Text>
              {card.layer !== "hiddenDangers" && (
                <RiskLevelTag
                  testId="map-feature-card-level"
                  level={card.level as RiskLevel | null}
                  suffix={
                    card.layer === "enterprises" && card.score !== null
                      ? ` · ${t("map.card.score", { score: card.score })}`
                      : undefined
                  }
                />
              )}
            </Space>
            {card.explanation && colour && (
              <Alert
                data-testid="map-feature-card-explanation"
                type={card.level === 1 ? "error" : card.level === 2 ? "warning" : "info"}
                showIcon
                title={t("map.card.why", { colour: t(`map.colour.${colour}` as MessageKey) })}
                description={card.explanation}
              />
            )}
            <Descriptions
              size="small"
              column={1}
              bordered
              items={card.facts.map((fact) => ({
                key: fact.key,
                label: t(`map.fact.${fact.key}` as MessageKey),
                children: factValue(fact.key, fact.value),
              }))}
            />
            <Link to={card.link} data-testid="map-feature-card-link">
              {t("map.card.open")} →
            </Link>
          </Space>
        )}
      </div>
    </Drawer>
  );
}

function levelColourName(level: RiskLevel): "red" | "orange" | "yellow" | "blue" {
  return (["red", "orange", "yellow", "blue"] as const)[level - 1];
}
