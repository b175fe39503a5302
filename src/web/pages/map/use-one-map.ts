import maplibregl from "maplibre-gl";
import { type RefObject, useEffect, useRef, useState } from "react";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import { riskLevelName } from "../../components/RiskLevel";
import { type Locale, type Translate, useLocale, useT } from "../../i18n";
import { type MapLayer, type TerritoryFeature, territoryBounds } from "./map-data";
import { addDataLayers, addRegionLayers, baseStyle, CLICKABLE, pulseAlarms } from "./map-layers";

export type MapView = { bbox: string; zoom: number };
export type SelectedFeature = { layer: MapLayer; id: string };

/** The view's bounds as the API's bbox (clamped to the world) and its zoom. */
function viewOf(map: maplibregl.Map): MapView {
  const b = map.getBounds();
  const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
    .map((v, i) => Math.max(i % 2 ? -90 : -180, Math.min(i % 2 ? 90 : 180, v)).toFixed(6))
    .join(",");
  return { bbox, zoom: Math.round(map.getZoom() * 100) / 100 };
}

/** A cluster's count by colour, or a feature's name and level. */
function hoverText(t: Translate, locale: Locale, p: Record<string, unknown>): string {
  const byLevel = typeof p.byLevel === "string" ? (JSON.parse(p.byLevel) as number[]) : [];
  return p.cluster
    ? t("map.clusterTip", {
        count: Number(p.count),
        l1: byLevel[0] ?? 0,
        l2: byLevel[1] ?? 0,
        l3: byLevel[2] ?? 0,
        l4: byLevel[3] ?? 0,
      })
    : `${p.name}${p.level ? ` · ${riskLevelName(locale, Number(p.level) as RiskLevel)}` : ""}`;
}

/**
 * One MapLibre map in the container, made once the base style (`tileUrl`) and the first territories are known:
 * reports its view when it stops moving, zooms into a clicked cluster, selects a clicked feature and names what the
 * pointer is over. Data changes only update its sources (see the page), never rebuild it.
 */
export function useOneMap(
  container: RefObject<HTMLDivElement | null>,
  {
    tileUrl,
    territories,
    onView,
    onSelect,
  }: {
    tileUrl: string | null | undefined;
    territories: TerritoryFeature[] | undefined;
    onView: (view: MapView) => void;
    onSelect: (selected: SelectedFeature) => void;
  },
) {
  const t = useT();
  const [locale] = useLocale();
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  // Handlers read the current language and callbacks through a ref: changing them must not rebuild the map.
  const live = useRef({ t, locale, onView, onSelect });
  live.current = { t, locale, onView, onSelect };
  const firstView = tileUrl !== undefined && territories !== undefined;

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
    const reportView = () => live.current.onView(viewOf(map));
    const featuresAt = (point: maplibregl.PointLike) =>
      map.queryRenderedFeatures(point, { layers: CLICKABLE.filter((id) => map.getLayer(id)) });
    let stopPulse = () => {};
    map.on("load", () => {
      addRegionLayers(map);
      addDataLayers(map);
      setReady(true);
      reportView();
      stopPulse = pulseAlarms(map);
    });
    map.on("moveend", reportView);
    map.on("idle", () => {
      element.dataset.mapIdle = "true";
    });
    map.on("movestart", () => {
      element.dataset.mapIdle = "false";
    });
    map.on("click", (event) => {
      const hit = featuresAt(event.point)[0];
      if (!hit) return;
      const properties = hit.properties as { cluster?: boolean; layer: MapLayer; id?: string };
      if (properties.cluster) {
        map.easeTo({
          center: (hit.geometry as GeoJSON.Point).coordinates as [number, number],
          zoom: map.getZoom() + 2,
        });
      } else if (properties.id) {
        live.current.onSelect({ layer: properties.layer, id: properties.id });
      }
    });
    // A region names itself and its regional level on hover (there are no map labels without a glyph server).
    map.on("mousemove", "territories-fill", (event) => {
      if (featuresAt(event.point).length > 0) return;
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
        const { t, locale } = live.current;
        popup
          .setLngLat(event.lngLat)
          .setText(hoverText(t, locale, feature.properties))
          .addTo(map);
      });
      map.on("mouseleave", id, () => {
        map.getCanvas().style.cursor = "";
        popup.remove();
      });
    }
    return () => {
      stopPulse();
      popup.remove();
      map.remove();
      mapRef.current = null;
      setReady(false);
    };
  }, [firstView]);

  return { mapRef, ready };
}
