// The demo city's risk registers: what a plausible enterprise of each trade has identified and assessed, so that
// ratings, the one map and the cockpit show a city with red, orange, yellow and blue places on first start.
// Factor values are on the Graham–Kinney LEC scales (../risk/scales.ts); substances and quantities go through
// GB 18218-2018 tables 1–6.

import type { Polygon } from "../geo/polygon";
import { randomPointInPolygon } from "../geo/random";
import type { MajorHazardUnitKind } from "../major-hazard/vocabulary";
import type { RiskLevel } from "../reference/risk-levels";
import type { CheckFrequency, MeasureKind, PublicCategory, RiskPointKind } from "../risk/vocabulary";
import type { EnterpriseScale } from "./demo-enterprises";

/** The demo's public-area points all have a named category. */
export type DemoPublicCategory = Exclude<PublicCategory, "other">;

export type DemoHazard = {
  description: string;
  /** GB/T 13861-2022 major class. */
  factorCode: string;
  /** GB 6441-1986 codes. */
  accidentTypes: string[];
  consequences: string;
  /** LEC factors, all on the Graham–Kinney scales of ../risk/scales.ts. */
  factors: { l: number; e: number; c: number };
};

export type DemoMeasure = { kind: MeasureKind; content: string; checkContent: string; checkFrequency: CheckFrequency };

export type DemoRiskPoint = {
  name: string;
  kind: RiskPointKind;
  unit: string;
  lng: number;
  lat: number;
  hazards: DemoHazard[];
  measures: DemoMeasure[];
};

export type DemoPublicRiskPoint = DemoRiskPoint & { publicCategory: DemoPublicCategory };

export type DemoMajorHazardUnit = {
  name: string;
  unitKind: MajorHazardUnitKind;
  exposedPopulation: number;
  /** Named substances of GB 18218-2018 table 1. */
  substances: { name: string; quantityTonnes: number }[];
};

export type DemoRegister = { riskPoints: DemoRiskPoint[]; majorHazardUnits: DemoMajorHazardUnit[] };

/**
 * LEC factor triples that land in each level under the default bands (D = L × E × C; red ≥ 320, orange 160–320,
 * yellow 70–160, blue below 70: the common four-colour LEC bands). The register test grades each through assessRisk.
 */
export const LEC_BY_LEVEL: Record<RiskLevel, readonly { l: number; e: number; c: number }[]> = {
  1: [
    { l: 6, e: 6, c: 15 }, // D = 540
    { l: 3, e: 6, c: 40 }, // D = 720
  ],
  2: [
    { l: 3, e: 6, c: 15 }, // D = 270
    { l: 6, e: 3, c: 15 }, // D = 270
    { l: 1, e: 6, c: 40 }, // D = 240
  ],
  3: [
    { l: 3, e: 6, c: 7 }, // D = 126
    { l: 1, e: 6, c: 15 }, // D = 90
  ],
  4: [
    { l: 1, e: 6, c: 7 }, // D = 42
    { l: 3, e: 3, c: 3 }, // D = 27
    { l: 1, e: 3, c: 7 }, // D = 21
  ],
};

type HazardTemplate = Omit<DemoHazard, "factors"> & {
  /** Relative chances of the level it is assessed at, red first. */
  levelWeights: [number, number, number, number];
};
type PointTemplate = {
  name: string;
  kind: RiskPointKind;
  unit: string;
  hazards: HazardTemplate[];
  measures: DemoMeasure[];
};

const chemicalPoints: PointTemplate[] = [
  {
    name: "液氯储罐区",
    kind: "facility",
    unit: "储运车间",
    hazards: [
      {
        description: "液氯储罐、管道或阀门泄漏，氯气扩散",
        factorCode: "22",
        accidentTypes: ["19"],
        consequences: "人员中毒窒息，周边群众疏散",
        levelWeights: [5, 4, 1, 0],
      },
      {
        description: "储罐超压或安全阀失效",
        factorCode: "21",
        accidentTypes: ["17"],
        consequences: "容器爆炸，人员伤亡",
        levelWeights: [2, 5, 3, 0],
      },
    ],
    measures: [
      {
        kind: "engineering",
        content: "设置氯气泄漏检测报警、紧急切断和碱液吸收装置",
        checkContent: "检查报警器读数、紧急切断阀和吸收塔碱液浓度",
        checkFrequency: "shift",
      },
      {
        kind: "emergency",
        content: "编制氯气泄漏专项应急预案，配备正压式空气呼吸器",
        checkContent: "检查呼吸器气瓶压力和应急物资",
        checkFrequency: "weekly",
      },
    ],
  },
  {
    name: "氯化反应釜",
    kind: "process",
    unit: "合成车间",
    hazards: [
      {
        description: "氯化反应温度失控，物料冲料",
        factorCode: "22",
        accidentTypes: ["18", "19"],
        consequences: "爆炸、中毒，多人伤亡",
        levelWeights: [4, 4, 2, 0],
      },
    ],
    measures: [
      {
        kind: "engineering",
        content: "反应釜温度、压力与进料联锁，设置紧急冷却",
        checkContent: "检查联锁投用情况和冷却水压力",
        checkFrequency: "shift",
      },
      {
        kind: "training",
        content: "危险化工工艺操作人员持证上岗",
        checkContent: "核对当班人员特种作业证",
        checkFrequency: "monthly",
      },
    ],
  },
  {
    name: "动火作业",
    kind: "operation",
    unit: "设备部",
    hazards: [
      {
        description: "未经分析动火，可燃气体遇明火",
        factorCode: "12",
        accidentTypes: ["08", "18"],
        consequences: "火灾爆炸",
        levelWeights: [1, 4, 4, 1],
      },
    ],
    measures: [
      {
        kind: "management",
        content: "执行特殊作业许可（GB 30871），动火前气体分析",
        checkContent: "检查作业票和气体分析记录",
        checkFrequency: "daily",
      },
    ],
  },
  {
    name: "配电室",
    kind: "place",
    unit: "动力车间",
    hazards: [
      {
        description: "带电设备绝缘老化，误操作",
        factorCode: "21",
        accidentTypes: ["05"],
        consequences: "触电伤亡",
        levelWeights: [0, 1, 4, 5],
      },
    ],
    measures: [
      {
        kind: "protection",
        content: "配备绝缘手套、绝缘靴并定期检测",
        checkContent: "检查绝缘用具检测标签",
        checkFrequency: "monthly",
      },
    ],
  },
];

const cateringPoints: PointTemplate[] = [
  {
    name: "后厨燃气灶具区",
    kind: "place",
    unit: "厨房",
    hazards: [
      {
        description: "燃气软管老化或阀门泄漏，遇明火",
        factorCode: "22",
        accidentTypes: ["18", "08"],
        consequences: "燃气爆炸，人员伤亡",
        levelWeights: [1, 4, 4, 1],
      },
    ],
    measures: [
      {
        kind: "engineering",
        content: "安装可燃气体报警器并与紧急切断阀联动（安全生产法第三十六条）",
        checkContent: "检查报警器工作状态和切断阀动作",
        checkFrequency: "daily",
      },
      {
        kind: "management",
        content: "每日营业结束关闭燃气总阀",
        checkContent: "检查总阀关闭记录",
        checkFrequency: "daily",
      },
    ],
  },
  {
    name: "油烟排风管道",
    kind: "facility",
    unit: "厨房",
    hazards: [
      {
        description: "油烟管道积油未清洗",
        factorCode: "21",
        accidentTypes: ["08"],
        consequences: "火灾",
        levelWeights: [0, 2, 5, 3],
      },
    ],
    measures: [
      {
        kind: "management",
        content: "委托专业单位定期清洗油烟管道",
        checkContent: "检查清洗记录",
        checkFrequency: "quarterly",
      },
    ],
  },
];

const constructionPoints: PointTemplate[] = [
  {
    name: "深基坑",
    kind: "place",
    unit: "项目部",
    hazards: [
      {
        description: "基坑支护变形，边坡失稳",
        factorCode: "32",
        accidentTypes: ["10"],
        consequences: "坍塌掩埋，多人伤亡",
        levelWeights: [3, 4, 3, 0],
      },
    ],
    measures: [
      {
        kind: "engineering",
        content: "按专项方案支护并开展基坑监测",
        checkContent: "检查监测数据是否超预警值",
        checkFrequency: "daily",
      },
    ],
  },
  {
    name: "塔式起重机",
    kind: "facility",
    unit: "机械班组",
    hazards: [
      {
        description: "塔吊超载、限位失效",
        factorCode: "21",
        accidentTypes: ["04"],
        consequences: "起重伤害，倒塌",
        levelWeights: [2, 4, 3, 1],
      },
    ],
    measures: [
      {
        kind: "engineering",
        content: "安装力矩限制器和安全监控系统",
        checkContent: "检查限位器和监控记录",
        checkFrequency: "daily",
      },
    ],
  },
  {
    name: "高处作业",
    kind: "operation",
    unit: "施工班组",
    hazards: [
      {
        description: "临边洞口防护缺失，未系安全带",
        factorCode: "12",
        accidentTypes: ["09"],
        consequences: "高处坠落",
        levelWeights: [1, 4, 4, 1],
      },
    ],
    measures: [
      {
        kind: "protection",
        content: "作业人员系挂安全带，临边设防护栏杆",
        checkContent: "检查防护栏杆和安全带系挂",
        checkFrequency: "shift",
      },
    ],
  },
];

const manufacturingPoints: PointTemplate[] = [
  {
    name: "冲压车间",
    kind: "place",
    unit: "冲压车间",
    hazards: [
      {
        description: "冲床光电保护失效，手伸入模区",
        factorCode: "21",
        accidentTypes: ["03"],
        consequences: "机械伤害致残",
        levelWeights: [0, 2, 5, 3],
      },
    ],
    measures: [
      {
        kind: "engineering",
        content: "冲床安装双手按钮和光电保护装置",
        checkContent: "检查光电保护灵敏度",
        checkFrequency: "shift",
      },
    ],
  },
  {
    name: "叉车作业",
    kind: "operation",
    unit: "物流部",
    hazards: [
      {
        description: "叉车超速、视线受阻",
        factorCode: "12",
        accidentTypes: ["02"],
        consequences: "车辆伤害",
        levelWeights: [0, 1, 4, 5],
      },
    ],
    measures: [
      {
        kind: "training",
        content: "叉车司机持证上岗，厂内限速",
        checkContent: "核对司机证件和限速标识",
        checkFrequency: "weekly",
      },
    ],
  },
  {
    name: "配电室",
    kind: "place",
    unit: "动力车间",
    hazards: [
      {
        description: "带电设备绝缘老化，误操作",
        factorCode: "21",
        accidentTypes: ["05"],
        consequences: "触电伤亡",
        levelWeights: [0, 1, 4, 5],
      },
    ],
    measures: [
      {
        kind: "protection",
        content: "配备绝缘手套、绝缘靴并定期检测",
        checkContent: "检查绝缘用具检测标签",
        checkFrequency: "monthly",
      },
    ],
  },
];

const warehousePoints: PointTemplate[] = [
  {
    name: "危险化学品仓库",
    kind: "place",
    unit: "仓储部",
    hazards: [
      {
        description: "禁忌物料混存，包装破损泄漏",
        factorCode: "22",
        accidentTypes: ["08", "19"],
        consequences: "火灾、中毒",
        levelWeights: [2, 5, 3, 0],
      },
    ],
    measures: [
      {
        kind: "management",
        content: "按禁忌表分区分类储存，专人管理",
        checkContent: "检查储存分区和出入库台账",
        checkFrequency: "daily",
      },
    ],
  },
  {
    name: "装卸站台",
    kind: "operation",
    unit: "仓储部",
    hazards: [
      {
        description: "装卸车辆溜车，货物倒塌",
        factorCode: "21",
        accidentTypes: ["02", "01"],
        consequences: "车辆伤害、物体打击",
        levelWeights: [0, 1, 5, 4],
      },
    ],
    measures: [
      {
        kind: "management",
        content: "装卸时车辆熄火、轮挡固定",
        checkContent: "检查轮挡使用情况",
        checkFrequency: "shift",
      },
    ],
  },
];

const miningPoints: PointTemplate[] = [
  {
    name: "采场边坡",
    kind: "place",
    unit: "采矿车间",
    hazards: [
      {
        description: "边坡角过陡，雨季滑坡",
        factorCode: "32",
        accidentTypes: ["10"],
        consequences: "坍塌掩埋",
        levelWeights: [4, 4, 2, 0],
      },
    ],
    measures: [
      {
        kind: "engineering",
        content: "台阶式开采并设置边坡位移监测",
        checkContent: "检查边坡监测数据",
        checkFrequency: "daily",
      },
    ],
  },
  {
    name: "爆破作业",
    kind: "operation",
    unit: "爆破班组",
    hazards: [
      {
        description: "警戒不到位，飞石伤人",
        factorCode: "12",
        accidentTypes: ["13"],
        consequences: "放炮伤亡",
        levelWeights: [3, 5, 2, 0],
      },
    ],
    measures: [
      {
        kind: "management",
        content: "执行爆破设计和警戒制度",
        checkContent: "检查爆破记录和警戒人员到位",
        checkFrequency: "shift",
      },
    ],
  },
];

const tradePoints: PointTemplate[] = [
  {
    name: "营业场所",
    kind: "place",
    unit: "门店",
    hazards: [
      {
        description: "疏散通道堵塞，人员密集",
        factorCode: "31",
        accidentTypes: ["08", "20"],
        consequences: "火灾时人员拥挤踩踏",
        levelWeights: [0, 1, 4, 5],
      },
    ],
    measures: [
      {
        kind: "management",
        content: "保持疏散通道和安全出口畅通",
        checkContent: "检查安全出口和疏散指示",
        checkFrequency: "daily",
      },
    ],
  },
];

/** Which register template an enterprise's GB/T 4754-2017 division gets. */
function templatesFor(industryCode: string): PointTemplate[] {
  const division = Number(industryCode.slice(0, 2));
  if (industryCode === "26" || industryCode === "25" || industryCode === "27" || industryCode === "28")
    return chemicalPoints;
  if (industryCode === "59") return warehousePoints;
  if (industryCode === "61" || industryCode === "62") return cateringPoints;
  if (division >= 6 && division <= 12) return miningPoints;
  if (division >= 47 && division <= 50) return constructionPoints;
  if (division >= 51 && division <= 52) return tradePoints;
  return manufacturingPoints;
}

/** How many risk points an enterprise of a scale has identified, at most (larger plants, longer registers). */
const POINTS_BY_SCALE: Record<EnterpriseScale, number> = { large: 4, medium: 3, small: 2, micro: 1 };

function pickLevel(weights: readonly number[], random: () => number): RiskLevel {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let draw = random() * total;
  for (let i = 0; i < weights.length; i++) {
    draw -= weights[i];
    if (draw < 0) return (i + 1) as RiskLevel;
  }
  return 4;
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)];
}

/** Each hazard of a template with LEC factors drawn at a level its weights make likely. */
function assessedHazards(templates: readonly HazardTemplate[], random: () => number): DemoHazard[] {
  return templates.map(({ levelWeights, ...hazard }) => ({
    ...hazard,
    accidentTypes: [...hazard.accidentTypes],
    factors: { ...pick(LEC_BY_LEVEL[pickLevel(levelWeights, random)], random) },
  }));
}

/** A point about 30–150 m from the enterprise's registered coordinates. */
function near(lng: number, lat: number, random: () => number): { lng: number; lat: number } {
  const metres = 30 + random() * 120;
  const angle = random() * 2 * Math.PI;
  const dLat = (metres * Math.sin(angle)) / 111_320;
  const dLng = (metres * Math.cos(angle)) / (111_320 * Math.cos((lat * Math.PI) / 180));
  return { lng: Number((lng + dLng).toFixed(6)), lat: Number((lat + dLat).toFixed(6)) };
}

export type DemoRegisterEnterprise = { industryCode: string; scale: EnterpriseScale; lng: number; lat: number };

/** The register an enterprise of this trade and scale would plausibly have; the same random sequence gives the same register. */
export function demoRegisterFor(enterprise: DemoRegisterEnterprise, random: () => number): DemoRegister {
  const templates = templatesFor(enterprise.industryCode);
  // A chemical plant's register is never short: tank farm, reaction, hot work and power at the least.
  const count =
    templates === chemicalPoints
      ? templates.length - Math.floor(random() * 2)
      : Math.min(templates.length, 1 + Math.floor(random() * POINTS_BY_SCALE[enterprise.scale]));
  const riskPoints: DemoRiskPoint[] = templates.slice(0, count).map((template) => ({
    name: template.name,
    kind: template.kind,
    unit: template.unit,
    ...near(enterprise.lng, enterprise.lat, random),
    hazards: assessedHazards(template.hazards, random),
    measures: template.measures.map((measure) => ({ ...measure })),
  }));
  const majorHazardUnits: DemoMajorHazardUnit[] = [];
  // Chlorine (Q = 5 t, GB 18218-2018 table 1) in a chemical plant's tank farm makes a major hazard source.
  if (templates === chemicalPoints) {
    majorHazardUnits.push({
      name: "液氯储罐区",
      unitKind: "storage",
      exposedPopulation: pick([20, 60, 120], random),
      substances: [{ name: "氯", quantityTonnes: pick([8, 20, 45, 90], random) }],
    });
  }
  if (enterprise.industryCode === "59" && random() < 0.5) {
    // Methanol, Q = 500 t (GB 18218-2018 table 1).
    majorHazardUnits.push({
      name: "甲醇储罐区",
      unitKind: "storage",
      exposedPopulation: pick([10, 40], random),
      substances: [{ name: "甲醇", quantityTonnes: pick([600, 1200], random) }],
    });
  }
  return { riskPoints, majorHazardUnits };
}

const publicTemplates: (Omit<PointTemplate, "unit" | "measures"> & {
  publicCategory: DemoPublicCategory;
  measures: DemoMeasure[];
})[] = [
  {
    name: "农贸市场",
    kind: "place",
    publicCategory: "crowded_place",
    hazards: [
      {
        description: "节假日人员密集，通道狭窄",
        factorCode: "32",
        accidentTypes: ["20"],
        consequences: "拥挤踩踏",
        levelWeights: [0, 2, 5, 3],
      },
    ],
    measures: [
      {
        kind: "management",
        content: "高峰时段限流并安排专人疏导",
        checkContent: "检查限流措施落实",
        checkFrequency: "weekly",
      },
    ],
  },
  {
    name: "城市燃气中压管道",
    kind: "facility",
    publicCategory: "gas_pipeline",
    hazards: [
      {
        description: "第三方施工挖断燃气管道",
        factorCode: "22",
        accidentTypes: ["18"],
        consequences: "燃气爆炸，沿街人员伤亡",
        levelWeights: [2, 4, 3, 1],
      },
    ],
    measures: [
      {
        kind: "management",
        content: "管道沿线设置警示标志并开展巡线",
        checkContent: "检查巡线记录和周边施工",
        checkFrequency: "daily",
      },
    ],
  },
  {
    name: "地铁站施工围挡区",
    kind: "place",
    publicCategory: "construction_site",
    hazards: [
      {
        description: "围挡倒塌，占道施工",
        factorCode: "32",
        accidentTypes: ["10", "02"],
        consequences: "路人受伤",
        levelWeights: [0, 2, 4, 4],
      },
    ],
    measures: [
      {
        kind: "engineering",
        content: "围挡加固并设置夜间警示灯",
        checkContent: "检查围挡稳固和警示灯",
        checkFrequency: "weekly",
      },
    ],
  },
];

/** One or two public-area risk points in a town, inside its boundary. */
export function demoPublicRiskPoints(boundary: Polygon, random: () => number): DemoPublicRiskPoint[] {
  const count = 1 + Math.floor(random() * 2);
  const start = Math.floor(random() * publicTemplates.length);
  const points: DemoPublicRiskPoint[] = [];
  for (let i = 0; i < count; i++) {
    const { hazards, ...template } = publicTemplates[(start + i) % publicTemplates.length];
    const [lng, lat] = randomPointInPolygon(boundary, random);
    points.push({
      ...template,
      unit: "",
      lng: Number(lng.toFixed(6)),
      lat: Number(lat.toFixed(6)),
      hazards: assessedHazards(hazards, random),
      measures: template.measures.map((measure) => ({ ...measure })),
    });
  }
  return points;
}
