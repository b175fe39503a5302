// The fictional demo city 滨江示范市: a territory tree whose boundaries tile exactly, built from one jittered lattice.
import type { Polygon, Position } from "../geo/polygon";
import { createRandom } from "../geo/random";

export type TerritoryLevel = "city" | "district" | "town" | "grid";

export type DemoTerritory = {
  code: string;
  name: string;
  nameEn: string;
  level: TerritoryLevel;
  parentCode: string | null;
  boundary: Polygon;
};

/** A rectangle of lattice cells: columns [col0, col1), rows [row0, row1); row 0 is the south edge. */
type CellBlock = { col0: number; row0: number; col1: number; row1: number };

type TownPlan = { suffix: string; name: string; nameEn: string };
type DistrictPlan = { code: string; name: string; nameEn: string; block: CellBlock; towns: TownPlan[] };

// Division codes start with 99, which GB/T 2260 does not assign to any province, so demo data never collides with real codes.
export const demoCityCode = "990100";
export const demoCityName = "滨江示范市";
export const demoCityNameEn = "Binjiang Demo City";

const lattice = { columns: 16, rows: 12 };
const centre: Position = [118.8, 32.05];
const extentKm = { eastWest: 40, northSouth: 30 };
// One degree of latitude is about 111 km; a degree of longitude shrinks with cos(latitude).
const kmPerDegreeLat = 111.0;
const kmPerDegreeLng = 111.32 * Math.cos((centre[1] * Math.PI) / 180);
// Interior vertices move at most this fraction of a cell, so every cell stays a simple quadrilateral.
const jitter = 0.25;

// Town suffixes follow the national convention: 001–099 subdistricts (街道), 101–199 towns (镇).
export const demoCityPlan: readonly DistrictPlan[] = [
  {
    code: "990101",
    name: "江北区",
    nameEn: "Jiangbei District",
    block: { col0: 0, row0: 7, col1: 9, row1: 12 },
    towns: [
      { suffix: "001", name: "沿江街道", nameEn: "Yanjiang Subdistrict" },
      { suffix: "002", name: "桥北街道", nameEn: "Qiaobei Subdistrict" },
      { suffix: "003", name: "柳洲街道", nameEn: "Liuzhou Subdistrict" },
      { suffix: "101", name: "石桥镇", nameEn: "Shiqiao Town" },
      { suffix: "102", name: "芦滩镇", nameEn: "Lutan Town" },
    ],
  },
  {
    code: "990102",
    name: "城中区",
    nameEn: "Chengzhong District",
    block: { col0: 5, row0: 0, col1: 11, row1: 7 },
    towns: [
      { suffix: "001", name: "府前街道", nameEn: "Fuqian Subdistrict" },
      { suffix: "002", name: "文昌街道", nameEn: "Wenchang Subdistrict" },
      { suffix: "003", name: "钟楼街道", nameEn: "Zhonglou Subdistrict" },
      { suffix: "004", name: "东门街道", nameEn: "Dongmen Subdistrict" },
      { suffix: "005", name: "南门街道", nameEn: "Nanmen Subdistrict" },
    ],
  },
  {
    code: "990103",
    name: "高新区",
    nameEn: "Gaoxin District",
    block: { col0: 0, row0: 0, col1: 5, row1: 7 },
    towns: [
      { suffix: "001", name: "软件园街道", nameEn: "Ruanjianyuan Subdistrict" },
      { suffix: "002", name: "科创街道", nameEn: "Kechuang Subdistrict" },
      { suffix: "101", name: "麒麟镇", nameEn: "Qilin Town" },
    ],
  },
  {
    code: "990104",
    name: "临港区",
    nameEn: "Lingang District",
    block: { col0: 9, row0: 7, col1: 16, row1: 12 },
    towns: [
      { suffix: "001", name: "新港街道", nameEn: "Xingang Subdistrict" },
      { suffix: "002", name: "化工园街道", nameEn: "Huagongyuan Subdistrict" },
      { suffix: "101", name: "三江镇", nameEn: "Sanjiang Town" },
      { suffix: "102", name: "龙湾镇", nameEn: "Longwan Town" },
    ],
  },
  {
    code: "990105",
    name: "南湖区",
    nameEn: "Nanhu District",
    block: { col0: 11, row0: 0, col1: 16, row1: 7 },
    towns: [
      { suffix: "001", name: "南湖街道", nameEn: "Nanhu Subdistrict" },
      { suffix: "002", name: "梅园街道", nameEn: "Meiyuan Subdistrict" },
      { suffix: "101", name: "青山镇", nameEn: "Qingshan Town" },
      { suffix: "102", name: "白马镇", nameEn: "Baima Town" },
    ],
  },
];

const gridNames = [
  { name: "第一网格", nameEn: "Grid 1" },
  { name: "第二网格", nameEn: "Grid 2" },
];

/** Lattice vertex positions in lng/lat, indexed [column][row]. */
function buildLattice(random: () => number): Position[][] {
  const { columns, rows } = lattice;
  const cellLng = extentKm.eastWest / kmPerDegreeLng / columns;
  const cellLat = extentKm.northSouth / kmPerDegreeLat / rows;
  const west = centre[0] - (columns / 2) * cellLng;
  const south = centre[1] - (rows / 2) * cellLat;
  const shift = () => (random() * 2 - 1) * jitter;
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  const vertices: Position[][] = [];
  for (let col = 0; col <= columns; col++) {
    const column: Position[] = [];
    for (let row = 0; row <= rows; row++) {
      const onWestOrEast = col === 0 || col === columns;
      const onSouthOrNorth = row === 0 || row === rows;
      // Interior vertices move both ways; the city's edge vertices only across the edge (in or out); corners stay.
      const dx = onSouthOrNorth ? 0 : shift();
      const dy = onWestOrEast ? 0 : shift();
      column.push([round(west + (col + dx) * cellLng), round(south + (row + dy) * cellLat)]);
    }
    vertices.push(column);
  }
  return vertices;
}

/** Counter-clockwise closed ring along the lattice vertices around a block, so neighbours share every edge vertex. */
function blockBoundary(block: CellBlock, vertices: Position[][]): Polygon {
  const { col0, row0, col1, row1 } = block;
  const ring: Position[] = [];
  for (let col = col0; col < col1; col++) ring.push(vertices[col][row0]);
  for (let row = row0; row < row1; row++) ring.push(vertices[col1][row]);
  for (let col = col1; col > col0; col--) ring.push(vertices[col][row1]);
  for (let row = row1; row > row0; row--) ring.push(vertices[col0][row]);
  ring.push(ring[0]);
  return { type: "Polygon", coordinates: [ring] };
}

/** Cuts a block into n blocks of near-equal area by repeated straight cuts across its longer side. */
function splitBlock(block: CellBlock, n: number): CellBlock[] {
  if (n === 1) return [block];
  const width = block.col1 - block.col0;
  const height = block.row1 - block.row0;
  const firstShare = Math.floor(n / 2);
  if (width >= height) {
    const cut = block.col0 + Math.max(1, Math.min(width - 1, Math.round((width * firstShare) / n)));
    return [...splitBlock({ ...block, col1: cut }, firstShare), ...splitBlock({ ...block, col0: cut }, n - firstShare)];
  }
  const cut = block.row0 + Math.max(1, Math.min(height - 1, Math.round((height * firstShare) / n)));
  return [...splitBlock({ ...block, row1: cut }, firstShare), ...splitBlock({ ...block, row0: cut }, n - firstShare)];
}

/**
 * The demo city, its 5 districts, their towns and 2 grids per town, parents before children. Boundaries come from one
 * shared lattice (seeded jitter), so districts tile the city, towns their district and grids their town exactly.
 */
export function generateDemoCity(seed = 20261129): DemoTerritory[] {
  const vertices = buildLattice(createRandom(seed));
  const cityBlock: CellBlock = { col0: 0, row0: 0, col1: lattice.columns, row1: lattice.rows };
  const territories: DemoTerritory[] = [
    {
      code: demoCityCode,
      name: demoCityName,
      nameEn: demoCityNameEn,
      level: "city",
      parentCode: null,
      boundary: blockBoundary(cityBlock, vertices),
    },
  ];
  const towns: DemoTerritory[] = [];
  const grids: DemoTerritory[] = [];
  for (const district of demoCityPlan) {
    territories.push({
      code: district.code,
      name: district.name,
      nameEn: district.nameEn,
      level: "district",
      parentCode: demoCityCode,
      boundary: blockBoundary(district.block, vertices),
    });
    const townBlocks = splitBlock(district.block, district.towns.length);
    district.towns.forEach((town, townIndex) => {
      const townCode = district.code + town.suffix;
      const townBlock = townBlocks[townIndex];
      towns.push({
        code: townCode,
        name: town.name,
        nameEn: town.nameEn,
        level: "town",
        parentCode: district.code,
        boundary: blockBoundary(townBlock, vertices),
      });
      splitBlock(townBlock, gridNames.length).forEach((gridBlock, gridIndex) => {
        grids.push({
          code: townCode + String(gridIndex + 1).padStart(3, "0"),
          name: gridNames[gridIndex].name,
          nameEn: gridNames[gridIndex].nameEn,
          level: "grid",
          parentCode: townCode,
          boundary: blockBoundary(gridBlock, vertices),
        });
      });
    });
  }
  return [...territories, ...towns, ...grids];
}
