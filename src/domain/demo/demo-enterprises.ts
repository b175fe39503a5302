// Synthetic enterprises for the demo city: plausible names, valid USCCs, coordinates inside their grid.
import { computeUsccCheckCharacter } from "../enterprise/uscc";
import { type Polygon, pointInPolygon } from "../geo/polygon";
import { createRandom, randomPointInPolygon } from "../geo/random";
import { type DemoTerritory, demoCityName, demoCityPlan } from "./demo-city";
import { createMobilePhone, createPersonName } from "./demo-people";

export type EnterpriseScale = "large" | "medium" | "small" | "micro";
export type EnterpriseStatus = "operating" | "suspended" | "closed";

export type DemoEnterprise = {
  name: string;
  uscc: string;
  /** GB/T 4754-2017 division (two digits). */
  industryCode: string;
  scale: EnterpriseScale;
  address: string;
  lng: number;
  lat: number;
  /** The grid the enterprise sits in. */
  territoryCode: string;
  principalName: string;
  principalPhone: string;
  safetyManagers: { name: string; phone: string }[];
  status: EnterpriseStatus;
};

export type GenerateEnterprisesOptions = {
  count: number;
  seed: number;
  /** Grid territories to place enterprises in; each code starts with its 6-digit district code. */
  grids: DemoTerritory[];
};

type DivisionProfile = { industryCode: string; weight: number; trades: readonly string[] };
type IndustryProfile = {
  profile: string;
  weight: number;
  divisions: readonly DivisionProfile[];
  /** Districts that attract this profile (e.g. chemical plants in the port's chemical park). */
  preferredDistrictCode?: string;
};

// Mix of the profiles the platform supervises most; divisions are GB/T 4754-2017.
const industryProfiles: readonly IndustryProfile[] = [
  {
    profile: "hazardous_chemicals",
    weight: 6,
    preferredDistrictCode: "990104",
    divisions: [
      { industryCode: "26", weight: 4, trades: ["化工", "化学", "精细化工", "新材料", "化学品", "涂料", "气体"] },
      { industryCode: "59", weight: 1, trades: ["危险品仓储", "化工物流", "危化品储运"] },
    ],
  },
  {
    profile: "gas_using_catering",
    weight: 18,
    divisions: [{ industryCode: "62", weight: 1, trades: ["餐饮", "餐饮管理", "酒楼", "饮食服务", "火锅", "食府"] }],
  },
  {
    profile: "construction",
    weight: 12,
    divisions: [
      { industryCode: "47", weight: 3, trades: ["建设工程", "建筑工程", "建筑"] },
      { industryCode: "48", weight: 2, trades: ["市政工程", "路桥工程", "水利工程"] },
      { industryCode: "49", weight: 2, trades: ["机电安装工程", "建筑安装工程", "消防工程"] },
      { industryCode: "50", weight: 3, trades: ["装饰工程", "建筑装饰", "装饰设计工程"] },
    ],
  },
  {
    profile: "manufacturing",
    weight: 30,
    preferredDistrictCode: "990103",
    divisions: [
      { industryCode: "13", weight: 2, trades: ["粮油食品", "农副产品加工", "饲料"] },
      { industryCode: "17", weight: 2, trades: ["纺织", "织造", "印染"] },
      { industryCode: "33", weight: 3, trades: ["金属制品", "五金制品", "钢结构"] },
      { industryCode: "34", weight: 3, trades: ["机械", "通用设备", "机械制造"] },
      { industryCode: "36", weight: 2, trades: ["汽车零部件", "汽车配件"] },
      { industryCode: "38", weight: 2, trades: ["电气", "电器", "电缆"] },
    ],
  },
  {
    profile: "warehousing",
    weight: 8,
    preferredDistrictCode: "990104",
    divisions: [{ industryCode: "59", weight: 1, trades: ["仓储", "物流", "仓储物流", "冷链物流"] }],
  },
  {
    profile: "mining_and_quarrying",
    weight: 2,
    divisions: [{ industryCode: "10", weight: 1, trades: ["矿业", "石材", "砂石"] }],
  },
  {
    profile: "trade",
    weight: 24,
    divisions: [
      { industryCode: "51", weight: 3, trades: ["商贸", "贸易", "实业", "进出口"] },
      { industryCode: "52", weight: 2, trades: ["超市", "百货", "商行", "石油销售"] },
    ],
  },
];

// Characters companies like in their trade names (字号).
const tradeNameCharacters = [
  ..."宏达华兴盛泰恒瑞鑫源信德隆昌丰和安康通发金顺祥嘉永新海天远博益明辉诚联创中亚佳正东立成凯利汇宇晟润弘富星光荣耀升腾飞龙锦鸿运广",
];

const roads = [
  ..."滨江大道 长江路 江东路 江滨路 工业大道 工业园路 纬一路 纬三路 纬五路 经二路 经四路 经六路 人民路 解放路 建设路 中山路 文化路 新华路 和平路 胜利路 兴业路 创业路 发展大道 友谊路 环城路 湖滨路 青年路 光明路 振兴路 永安路".split(
    " ",
  ),
];

// Rough shares of the scales of 统计上大中小微型企业划分办法（2017）: most enterprises are micro or small.
const scaleWeights: readonly [EnterpriseScale, number][] = [
  ["large", 2],
  ["medium", 8],
  ["small", 30],
  ["micro", 60],
];
const statusWeights: readonly [EnterpriseStatus, number][] = [
  ["operating", 93],
  ["suspended", 4],
  ["closed", 3],
];
const safetyManagerCount: Record<EnterpriseScale, number> = { large: 3, medium: 2, small: 1, micro: 1 };

const townNames = new Map(
  demoCityPlan.flatMap((district) => district.towns.map((town) => [district.code + town.suffix, town.name] as const)),
);
const districtNames = new Map(demoCityPlan.map((district) => [district.code, district.name]));

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)];
}

function pickWeighted<T>(items: readonly T[], weightOf: (item: T) => number, random: () => number): T {
  const total = items.reduce((sum, item) => sum + weightOf(item), 0);
  let draw = random() * total;
  for (const item of items) {
    draw -= weightOf(item);
    if (draw < 0) return item;
  }
  return items[items.length - 1];
}

/** Two different characters, e.g. 宏达. */
function createTradeName(random: () => number): string {
  const first = Math.floor(random() * tradeNameCharacters.length);
  const second = (first + 1 + Math.floor(random() * (tradeNameCharacters.length - 1))) % tradeNameCharacters.length;
  return tradeNameCharacters[first] + tradeNameCharacters[second];
}

// GB 11714-1997 §5: organisation code check digit over 8 body digits, weights 3 7 9 10 5 8 4 2, mod 11 (10 → X).
const organisationCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2];
function organisationCode(body: string): string {
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * organisationCodeWeights[i], 0);
  const check = 11 - (sum % 11);
  return body + (check === 10 ? "X" : check === 11 ? "0" : String(check));
}

// Multiplying the serial by a number coprime to 10^8 permutes 0..10^8−1, so organisation codes never repeat.
const organisationCodeStep = 7_654_321;

function roundCoordinate(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function locate(boundary: Polygon, random: () => number): [number, number] {
  for (;;) {
    const [lng, lat] = randomPointInPolygon(boundary, random);
    const rounded: [number, number] = [roundCoordinate(lng), roundCoordinate(lat)];
    // Rounding to 0.1 m can step over an edge; draw again rather than place an enterprise in the neighbouring grid.
    if (pointInPolygon(rounded, boundary)) return rounded;
  }
}

/**
 * Deterministic demo enterprises: the same options give the same sequence. Names and USCCs are unique within one run
 * (USCC: 9 工商 + 1 企业 + the grid's district code + a GB 11714 organisation code + check character).
 */
export function* generateEnterprises(options: GenerateEnterprisesOptions): Generator<DemoEnterprise> {
  const { count, seed, grids } = options;
  if (count > 0 && grids.length === 0) throw new RangeError("generateEnterprises needs at least one grid");
  const random = createRandom(seed);
  const organisationCodeOffset = Math.floor(random() * 1e8);
  const gridsByDistrict = new Map<string, DemoTerritory[]>();
  for (const grid of grids) {
    const districtCode = grid.code.slice(0, 6);
    const inDistrict = gridsByDistrict.get(districtCode);
    if (inDistrict) inDistrict.push(grid);
    else gridsByDistrict.set(districtCode, [grid]);
  }
  const names = new Set<string>();
  const cityPrefix = demoCityName.replace(/示范市$/, "");

  for (let serial = 0; serial < count; serial++) {
    const profile = pickWeighted(industryProfiles, (p) => p.weight, random);
    const division = pickWeighted(profile.divisions, (d) => d.weight, random);
    const preferred = profile.preferredDistrictCode ? gridsByDistrict.get(profile.preferredDistrictCode) : undefined;
    const grid = preferred && random() < 0.6 ? pick(preferred, random) : pick(grids, random);
    const districtCode = grid.code.slice(0, 6);
    const scale = pickWeighted(scaleWeights, ([, weight]) => weight, random)[0];

    const trade = pick(division.trades, random);
    const legalForm =
      scale === "large" && random() < 0.5 ? "股份有限公司" : random() < 0.85 ? "有限公司" : "有限责任公司";
    const tradeName = createTradeName(random);
    const districtShortName = (districtNames.get(districtCode) ?? "").replace(/区$/, "");
    let name = `${cityPrefix}${tradeName}${trade}${legalForm}`;
    // On a clash try the district form (滨江江北…), then a third trade-name character, then the serial as a last resort.
    if (names.has(name)) name = `${cityPrefix}${districtShortName}${tradeName}${trade}${legalForm}`;
    for (let attempt = 0; names.has(name) && attempt < 8; attempt++) {
      name = `${cityPrefix}${tradeName}${pick(tradeNameCharacters, random)}${trade}${legalForm}`;
    }
    if (names.has(name)) name = `${cityPrefix}${tradeName}${trade}${legalForm}（${serial + 1}）`;
    names.add(name);

    const body = String((serial * organisationCodeStep + organisationCodeOffset) % 1e8).padStart(8, "0");
    const first17 = `91${districtCode}${organisationCode(body)}`;
    const [lng, lat] = locate(grid.boundary, random);
    const townCode = grid.code.slice(0, 9);
    const address = `${demoCityName}${districtNames.get(districtCode) ?? ""}${townNames.get(townCode) ?? ""}${pick(roads, random)}${1 + Math.floor(random() * 888)}号`;

    yield {
      name,
      uscc: first17 + computeUsccCheckCharacter(first17),
      industryCode: division.industryCode,
      scale,
      address,
      lng,
      lat,
      territoryCode: grid.code,
      principalName: createPersonName(random),
      principalPhone: createMobilePhone(random),
      safetyManagers: Array.from({ length: safetyManagerCount[scale] }, () => ({
        name: createPersonName(random),
        phone: createMobilePhone(random),
      })),
      status: pickWeighted(statusWeights, ([, weight]) => weight, random)[0],
    };
  }
}
