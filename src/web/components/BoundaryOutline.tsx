import { theme } from "antd";
import type { GeoPolygon, Position } from "../api/types";
import { polygonToSvg } from "./boundary";

/** A territory's boundary drawn as a plain SVG outline, north up; no map tiles needed. */
export function BoundaryOutline({
  polygon,
  size = 320,
  label,
  marker,
}: {
  polygon: GeoPolygon;
  size?: number;
  label: string;
  /** A point to mark inside the outline, e.g. an enterprise's location. */
  marker?: Position;
}) {
  const { token } = theme.useToken();
  const outline = polygonToSvg(polygon, size);
  return (
    <svg
      role="img"
      aria-label={label}
      data-testid="territory-boundary"
      viewBox={outline.viewBox}
      width={outline.width}
      height={outline.height}
      style={{ maxWidth: "100%", height: "auto", background: token.colorFillQuaternary, borderRadius: 6 }}
    >
      <title>{label}</title>
      {outline.paths.map((d) => (
        <path
          key={d}
          d={d}
          fill={token.colorPrimaryBg}
          stroke={token.colorPrimary}
          strokeWidth={2}
          strokeLinejoin="round"
          fillRule="evenodd"
        />
      ))}
      {marker && (
        <circle
          data-testid="boundary-marker"
          cx={outline.project(marker).x}
          cy={outline.project(marker).y}
          r={6}
          fill={token.colorError}
          stroke="#fff"
          strokeWidth={2}
        />
      )}
    </svg>
  );
}
