import { MAP_LAYERS, type MapLayer } from "../../../domain/geo/map-layers";
import { invalidFields } from "../../errors";

export type Bbox = { minLng: number; minLat: number; maxLng: number; maxLat: number };

/** At most this many individual features per layer; more in view and the layer is clustered instead. */
export const INDIVIDUAL_LIMIT = 500;
/** At most this many clusters per layer: with ~150 bytes a cluster, five layers stay far below 1 MB. */
export const CLUSTER_LIMIT = 800;
/** From this zoom on a layer is never clustered (a street block), only capped. */
export const NO_CLUSTER_ZOOM = 17;
// Clusters are about 64 screen pixels apart: 90 / 2^g degrees is a quarter of a 256-pixel tile at zoom g.
/** Whatever the zoom, the bbox is cut into at most this many cells across, so a huge bbox cannot explode the grid. */
const MAX_CELLS_ACROSS = 48;

/** Parses `minLng,minLat,maxLng,maxLat` in WGS 84 degrees; a 400 naming `bbox` says what is wrong. */
export function parseBbox(text: string): Bbox {
  const problem = (zh: string, en: string) => invalidFields([{ field: "bbox", text: { "zh-CN": zh, en } }]);
  const parts = text.split(",").map((part) => part.trim());
  const numbers = parts.map(Number);
  if (parts.length !== 4 || parts.some((part) => part === "") || numbers.some((n) => !Number.isFinite(n))) {
    throw problem(
      `bbox 应为四个以逗号分隔的数字：最小经度,最小纬度,最大经度,最大纬度（收到 "${text}"）`,
      `bbox must be four comma-separated numbers: minLng,minLat,maxLng,maxLat (got "${text}")`,
    );
  }
  const [minLng, minLat, maxLng, maxLat] = numbers;
  if (
    [minLng, maxLng].some((lng) => lng < -180 || lng > 180) ||
    [minLat, maxLat].some((lat) => lat < -90 || lat > 90)
  ) {
    throw problem(
      "bbox 的经度须在 -180 到 180 之间，纬度须在 -90 到 90 之间",
      "bbox longitudes must lie between -180 and 180 and latitudes between -90 and 90",
    );
  }
  if (!(minLng < maxLng) || !(minLat < maxLat)) {
    throw problem(
      "bbox 的最小经纬度须小于最大经纬度（顺序为 最小经度,最小纬度,最大经度,最大纬度）",
      "bbox minimums must be below its maximums (order: minLng,minLat,maxLng,maxLat)",
    );
  }
  return { minLng, minLat, maxLng, maxLat };
}

/** Parses a comma-separated layer list; unknown names are a 400 naming `layers`. */
export function parseLayers(text: string | undefined): MapLayer[] {
  if (text === undefined || text.trim() === "") return [...MAP_LAYERS];
  const names = [...new Set(text.split(",").map((name) => name.trim()))];
  const unknown = names.filter((name) => !(MAP_LAYERS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw invalidFields([
      {
        field: "layers",
        text: {
          "zh-CN": `不认识的图层 ${unknown.join(", ")}；可选：${MAP_LAYERS.join(", ")}`,
          en: `unknown layer ${unknown.join(", ")}; choose from ${MAP_LAYERS.join(", ")}`,
        },
      },
    ]);
  }
  return names as MapLayer[];
}

/**
 * The clustering grid for a viewport: grid g has cells of 90 / 2^g degrees, about 64 pixels on screen at zoom g
 * (360° span 256 pixels at zoom 0); a coarser grid when the bbox would otherwise need more than MAX_CELLS_ACROSS
 * cells across, so a huge bbox cannot explode the response.
 */
export function gridFor(zoom: number, bbox: Bbox): number {
  const extent = Math.max(bbox.maxLng - bbox.minLng, bbox.maxLat - bbox.minLat);
  const byExtent = Math.floor(Math.log2((90 * MAX_CELLS_ACROSS) / extent));
  return Math.max(0, Math.min(Math.floor(zoom), byExtent));
}

/** The side of a cell of grid g in degrees. */
export function cellDegrees(grid: number): number {
  return 90 / 2 ** grid;
}
