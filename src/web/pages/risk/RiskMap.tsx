import "maplibre-gl/dist/maplibre-gl.css";
import { EnvironmentOutlined } from "@ant-design/icons";
import { Empty, List, Space, Typography, theme } from "antd";
import maplibregl, { type GeoJSONSource, type StyleSpecification } from "maplibre-gl";
import { useEffect, useMemo, useRef } from "react";
import { Link, useNavigate } from "react-router-dom";
import type { GeoPolygon, Position, RiskPointSummary } from "../../api/types";
import { RISK_LEVELS, RiskLevelTag, RiskSwatch, riskLevelName } from "../../components/RiskLevel";
import { useLocale, useT } from "../../i18n";
import { mapBounds, pointsWithoutLocation, riskPointFeatures } from "./risk-map-data";

// No tile server yet (a TILE_URL base map is future work): a plain background, the territory's boundary and the
// risk points drawn from GeoJSON. Without glyphs there are no text labels; names show on hover.

const BACKGROUND = "#eef2f6";

const plainStyle: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: "background", type: "background", paint: { "background-color": BACKGROUND } }],
};

/** The map's container, carrying its MapLibre instance. */
export type MapElement = HTMLDivElement & { riskMap?: maplibregl.Map };

const emptyCollection = { type: "FeatureCollection" as const, features: [] };

type Props = {
  points: readonly RiskPointSummary[];
  boundary?: GeoPolygon | null;
  boundaryLabel?: string;
  /** The enterprise's registered location, as a reference mark. */
  site?: Position | null;
  height?: number;
};

/** The four-colour risk map (风险四色分布图) of one register: circles by level; a click opens the risk point. */
export function RiskMap({ points, boundary, boundaryLabel, site, height = 420 }: Props) {
  const t = useT();
  const [locale] = useLocale();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const navigateRef = useRef(navigate);
  navigateRef.current = navigate;

  const features = useMemo(() => riskPointFeatures(points), [points]);
  const unlocated = useMemo(() => pointsWithoutLocation(points), [points]);
  const bounds = useMemo(() => mapBounds(points, boundary, site ? [site] : []), [points, boundary, site]);
  const hasBounds = bounds !== null;

  // One map per mounted component (rebuilding it on every data change would flicker); data changes update its sources.
  // biome-ignore lint/correctness/useExhaustiveDependencies: bounds and data follow in the effect below.
  useEffect(() => {
    if (!container.current || !hasBounds) return;
    const element = container.current;
    const map = new maplibregl.Map({
      container: element,
      style: plainStyle,
      bounds: bounds ?? undefined,
      fitBoundsOptions: { padding: 40 },
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      // Keeps the picture in screenshots and prints.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    mapRef.current = map;
    // Reachable from the page for browser tests (which point is where) and for debugging in the console.
    (element as MapElement).riskMap = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
    map.touchZoomRotate.disableRotation();
    const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, offset: 10 });

    map.on("load", () => {
      map.addSource("boundary", { type: "geojson", data: emptyCollection });
      map.addSource("site", { type: "geojson", data: emptyCollection });
      map.addSource("risk-points", { type: "geojson", data: emptyCollection });
      map.addLayer({
        id: "boundary-fill",
        type: "fill",
        source: "boundary",
        paint: { "fill-color": "#ffffff", "fill-opacity": 0.85 },
      });
      map.addLayer({
        id: "boundary-line",
        type: "line",
        source: "boundary",
        paint: { "line-color": "#1677ff", "line-width": 2 },
      });
      map.addLayer({
        id: "site",
        type: "circle",
        source: "site",
        paint: {
          "circle-radius": 6,
          "circle-color": "#ffffff",
          "circle-stroke-color": "#262626",
          "circle-stroke-width": 2,
        },
      });
      map.addLayer({
        id: "risk-points",
        type: "circle",
        source: "risk-points",
        layout: { "circle-sort-key": ["get", "sortKey"] },
        paint: {
          "circle-radius": ["interpolate", ["linear"], ["zoom"], 8, 6, 14, 10, 18, 14],
          "circle-color": ["get", "hex"],
          "circle-stroke-color": "#ffffff",
          "circle-stroke-width": 2,
        },
      });
      element.dataset.mapState = "loaded";
      element.dispatchEvent(new Event("map-data"));
    });
    map.on("idle", () => {
      element.dataset.mapIdle = "true";
    });
    map.on("click", "risk-points", (event) => {
      const id = event.features?.[0]?.properties?.id;
      if (typeof id === "string") navigateRef.current(`/risk/points/${id}`);
    });
    map.on("mousemove", "risk-points", (event) => {
      const feature = event.features?.[0];
      if (!feature) return;
      map.getCanvas().style.cursor = "pointer";
      const { name, level } = feature.properties as { name: string; level: number };
      const levelText = level ? riskLevelName(locale, level as 1 | 2 | 3 | 4) : t("risk.notAssessed");
      popup.setLngLat(event.lngLat).setText(`${name} · ${levelText}`).addTo(map);
    });
    map.on("mouseleave", "risk-points", () => {
      map.getCanvas().style.cursor = "";
      popup.remove();
    });
    return () => {
      popup.remove();
      map.remove();
      mapRef.current = null;
      delete (element as MapElement).riskMap;
      delete element.dataset.mapState;
      delete element.dataset.mapIdle;
    };
  }, [hasBounds, locale]);

  useEffect(() => {
    const map = mapRef.current;
    const element = container.current;
    if (!map || !element) return;
    const apply = () => {
      (map.getSource("risk-points") as GeoJSONSource | undefined)?.setData(features);
      (map.getSource("boundary") as GeoJSONSource | undefined)?.setData(
        boundary ? { type: "Feature", geometry: boundary, properties: {} } : emptyCollection,
      );
      (map.getSource("site") as GeoJSONSource | undefined)?.setData(
        site ? { type: "Feature", geometry: { type: "Point", coordinates: site }, properties: {} } : emptyCollection,
      );
      if (bounds) map.fitBounds(bounds, { padding: 40, animate: false });
    };
    if (element.dataset.mapState === "loaded") apply();
    element.addEventListener("map-data", apply);
    return () => element.removeEventListener("map-data", apply);
  }, [features, boundary, site, bounds]);

  return (
    <div data-testid="risk-map-card">
      {hasBounds ? (
        <div style={{ position: "relative" }}>
          <div
            ref={container}
            data-testid="risk-map"
            role="img"
            aria-label={t("risk.mapLabel")}
            style={{ height, borderRadius: token.borderRadius, overflow: "hidden", background: BACKGROUND }}
          />
          <div
            style={{
              position: "absolute",
              left: 8,
              bottom: 8,
              background: "rgba(255,255,255,0.92)",
              borderRadius: 6,
              padding: "6px 10px",
              fontSize: 12,
              lineHeight: 1.8,
              boxShadow: token.boxShadowTertiary,
            }}
          >
            {RISK_LEVELS.map((level) => (
              <div key={level}>
                <RiskSwatch level={level} /> {riskLevelName(locale, level)}
              </div>
            ))}
            <div>
              <RiskSwatch level={null} /> {t("risk.notAssessed")}
            </div>
            {site && (
              <div>
                <span
                  style={{
                    display: "inline-block",
                    width: 10,
                    height: 10,
                    borderRadius: "50%",
                    border: "2px solid #262626",
                    background: "#fff",
                    verticalAlign: "middle",
                  }}
                />{" "}
                {t("risk.mapSite")}
              </div>
            )}
            {boundary && (
              <div>
                <span
                  style={{
                    display: "inline-block",
                    width: 12,
                    borderTop: "2px solid #1677ff",
                    verticalAlign: "middle",
                  }}
                />{" "}
                {boundaryLabel ?? t("risk.mapBoundary")}
              </div>
            )}
          </div>
        </div>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("risk.mapNothing")} />
      )}
      <Typography.Text type="secondary" style={{ display: "block", marginTop: 8, fontSize: 12 }}>
        {t("risk.mapHint")}
      </Typography.Text>
      {unlocated.length > 0 && (
        <div data-testid="risk-map-unlocated" style={{ marginTop: 12 }}>
          <Typography.Text strong>
            <EnvironmentOutlined /> {t("risk.mapUnlocated", { count: unlocated.length })}
          </Typography.Text>
          <List
            size="small"
            dataSource={unlocated}
            renderItem={(point) => (
              <List.Item style={{ paddingInline: 0 }}>
                <Space>
                  <RiskLevelTag level={point.level} />
                  <Link to={`/risk/points/${point.id}`}>{point.name}</Link>
                  {point.unit && <Typography.Text type="secondary">{point.unit}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        </div>
      )}
    </div>
  );
}
