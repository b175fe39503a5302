-- The one map: indexes for viewport queries. Coordinates are plain WGS 84 degrees in (lng, lat) columns (no
-- PostGIS); a B-tree on (lng, lat) turns a bbox into one index range on lng with lat checked in the index.

CREATE INDEX enterprise_lng_lat_idx ON enterprise (lng, lat) WHERE lng IS NOT NULL;
CREATE INDEX risk_point_lng_lat_idx ON risk_point (lng, lat) INCLUDE (level) WHERE lng IS NOT NULL;
CREATE INDEX major_hazard_unit_lng_lat_idx ON major_hazard_unit (lng, lat) WHERE is_major;
-- Open hidden dangers and active alarms are few; the map reads them by enterprise.
CREATE INDEX hidden_danger_open_idx ON hidden_danger (enterprise_id) WHERE status NOT IN ('closed', 'dismissed');
CREATE INDEX alarm_active_idx ON alarm (enterprise_id) WHERE status IN ('active_unacknowledged', 'acknowledged');

-- Pre-counted clusters for the two big layers (enterprises by rating, risk points by level) at zoom 4–16, so a
-- city view reads a few thousand cells instead of a million points. Cell side at grid g is 90 / 2^g degrees
-- (64 screen pixels at zoom g); cx = floor(lng * 2^g / 90), so grid g-1 is grid g's cells halved. Rebuilt by a
-- job (modules/map/cluster-cells.ts); individual features and cards are always read live.
CREATE TABLE map_cluster_cell (
  layer text NOT NULL CHECK (layer IN ('enterprises', 'riskPoints')),
  grid integer NOT NULL,
  cx integer NOT NULL,
  cy integer NOT NULL,
  -- The owner's node, so scope and the territory filter apply to the cells as to the rows.
  territory_path text NOT NULL,
  -- All records of the cell and those at each level (1 red … 4 blue); the rest are not yet rated or assessed.
  n integer NOT NULL,
  l1 integer NOT NULL,
  l2 integer NOT NULL,
  l3 integer NOT NULL,
  l4 integer NOT NULL,
  sum_lng double precision NOT NULL,
  sum_lat double precision NOT NULL,
  flagged integer NOT NULL,
  PRIMARY KEY (layer, grid, cx, cy, territory_path)
);
