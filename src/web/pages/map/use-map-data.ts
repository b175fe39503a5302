import type maplibregl from "maplibre-gl";
import type { GeoJSONSource } from "maplibre-gl";
import { type RefObject, useEffect, useRef, useState } from "react";
import { api } from "../../api/client";
import type { Answer } from "../../api/contract";
import { useLocale } from "../../i18n";
import {
  drawableLayer,
  type FeaturesResponse,
  levelHex,
  MAP_LAYERS,
  type MapLayer,
  type TerritoriesResponse,
  type TerritoryFeature,
  territoryBounds,
} from "./map-data";
import { emptyCollection } from "./map-layers";
import type { MapView } from "./use-one-map";

/** Waits this long after the map stops moving before asking the server, so a drag is one request. */
const REFETCH_DEBOUNCE_MS = 250;

export type MapToggle = MapLayer | "heat" | "territories";
export type MapFilters = { level?: number; industry?: string; territoryId?: string };

/** The base map's tile address, or null when the installation has none (undefined while asking). */
export function useTileUrl(): string | null | undefined {
  const [tileUrl, setTileUrl] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    api
      .get<Answer<"/api/v1/map/config">>("/map/config")
      .then((config) => setTileUrl(config.tileUrl))
      .catch(() => setTileUrl(null));
  }, []);
  return tileUrl;
}

/**
 * The regional levels of the caller's top node's children (of the chosen territory's, when one is chosen); none for
 * callers without territories.
 */
export function useRegionalLevels(canSeeTerritories: boolean, territoryId: string | undefined) {
  const [locale] = useLocale();
  const [territories, setTerritories] = useState<TerritoryFeature[] | undefined>(canSeeTerritories ? undefined : []);
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
  return territories;
}

/** Features in view, asked again (debounced) when the view, the layers or the filters change. */
export function useFeaturesInView(view: MapView | null, layers: readonly MapLayer[], filters: MapFilters) {
  const [features, setFeatures] = useState<FeaturesResponse>();
  const [loading, setLoading] = useState(false);
  const { level, industry, territoryId } = filters;
  useEffect(() => {
    if (!view) return;
    if (layers.length === 0) {
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
          layers: layers.join(","),
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
  }, [view, layers, level, industry, territoryId]);
  return { features, loading };
}

const source = (map: maplibregl.Map, id: string) => map.getSource(id) as GeoJSONSource | undefined;

/** Keeps the map's sources and view in step with what the page holds. */
export function useMapSources(
  mapRef: RefObject<maplibregl.Map | null>,
  ready: boolean,
  {
    features,
    territories,
    shown,
    territoryId,
    canSeeTerritories,
  }: {
    features: FeaturesResponse | undefined;
    territories: TerritoryFeature[] | undefined;
    shown: Record<MapToggle, boolean>;
    territoryId: string | undefined;
    canSeeTerritories: boolean;
  },
) {
  // A chosen territory moves the view to it.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !territoryId || !territories) return;
    const bounds = territoryBounds(territories);
    if (bounds) map.fitBounds(bounds, { padding: 30, animate: false });
  }, [mapRef, territoryId, territories, ready]);

  // Without territories (insurers, service organisations) the first answer, from the whole world, sets the view.
  const fittedToFeatures = useRef(canSeeTerritories);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !features || fittedToFeatures.current) return;
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
  }, [mapRef, features, ready]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    for (const layer of MAP_LAYERS) {
      source(map, layer)?.setData(shown[layer] ? drawableLayer(features?.layers[layer]) : emptyCollection);
    }
    const heat = [...drawableLayer(features?.layers.enterprises).features];
    if (shown.riskPoints) heat.push(...drawableLayer(features?.layers.riskPoints).features);
    source(map, "heat")?.setData({ type: "FeatureCollection", features: heat });
    map.setLayoutProperty("heat", "visibility", shown.heat ? "visible" : "none");
  }, [mapRef, features, shown, ready]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    const data = {
      type: "FeatureCollection" as const,
      features: (shown.territories ? (territories ?? []) : []).map((feature) => ({
        ...feature,
        properties: { ...feature.properties, hex: levelHex(feature.properties.level) },
      })),
    };
    source(map, "territories")?.setData(data);
  }, [mapRef, territories, shown.territories, ready]);
}
