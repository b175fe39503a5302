// GB 18218-2018 threshold quantities (tables 1 and 2) and correction factors β (tables 3 and 4), kept as versioned
// data so a later edition is a new table, not an edit of this one.

/** Hazard class codes of GB 18218-2018 table 2: J acute toxicity, W physical hazards. */
export type HazardClassCode =
  | "J1"
  | "J2"
  | "J3"
  | "J4"
  | "J5"
  | "W1.1"
  | "W1.2"
  | "W1.3"
  | "W2"
  | "W3"
  | "W4"
  | "W5.1"
  | "W5.2"
  | "W5.3"
  | "W5.4"
  | "W6.1"
  | "W6.2"
  | "W7.1"
  | "W7.2"
  | "W8"
  | "W9.1"
  | "W9.2"
  | "W10"
  | "W11";

/** One class of table 2 with its threshold for unnamed substances and its β of table 4. */
export type HazardClassEntry = {
  code: HazardClassCode;
  nameZh: string;
  nameEn: string;
  thresholdTonnes: number;
  beta: number;
};

/** One named substance of table 1. */
export type NamedSubstance = {
  /** Primary CAS number as table 1 gives it; null for mixtures without one (coal gas). */
  cas: string | null;
  /** Further CAS numbers table 1 files under the same line (natural gas under methane, propane under LPG …). */
  otherCas?: string[];
  nameZh: string;
  nameEn: string;
  /** Other names it is looked up by, Chinese or English. */
  aliases: string[];
  /** Q of table 1. */
  thresholdTonnes: number;
  /** Table 2 class whose table-4 β applies when the substance is not a named toxic gas of table 3. */
  hazardClass: string;
  /** β of table 3 for named toxic gases; it wins over any class. */
  betaToxicGas?: number;
};

export type ThresholdTable = {
  version: string;
  substances: readonly NamedSubstance[];
  classes: readonly HazardClassEntry[];
};

// GB 18218-2018 table 2 (thresholds) and table 4 (β), in the order of the standard.
const classes: readonly HazardClassEntry[] = [
  {
    code: "J1",
    nameZh: "急性毒性 类别1，所有暴露途径，气体",
    nameEn: "Acute toxicity cat. 1, all routes, gases",
    thresholdTonnes: 5, // GB 18218-2018 table 2
    beta: 4, // GB 18218-2018 table 4
  },
  {
    code: "J2",
    nameZh: "急性毒性 类别1，所有暴露途径，固体、液体",
    nameEn: "Acute toxicity cat. 1, all routes, solids and liquids",
    thresholdTonnes: 50, // GB 18218-2018 table 2
    beta: 1, // GB 18218-2018 table 4
  },
  {
    code: "J3",
    nameZh: "急性毒性 类别2、类别3，所有暴露途径，气体",
    nameEn: "Acute toxicity cat. 2 and 3, all routes, gases",
    thresholdTonnes: 50, // GB 18218-2018 table 2
    beta: 2, // GB 18218-2018 table 4
  },
  {
    code: "J4",
    nameZh: "急性毒性 类别2、类别3，吸入途径，液体（沸点≤35℃）",
    nameEn: "Acute toxicity cat. 2 and 3, inhalation, liquids boiling at ≤ 35 °C",
    thresholdTonnes: 50, // GB 18218-2018 table 2
    beta: 2, // GB 18218-2018 table 4
  },
  {
    code: "J5",
    nameZh: "急性毒性 类别2，所有暴露途径，液体（除J4外）、固体",
    nameEn: "Acute toxicity cat. 2, all routes, liquids (other than J4) and solids",
    thresholdTonnes: 500, // GB 18218-2018 table 2
    beta: 1, // GB 18218-2018 table 4
  },
  {
    code: "W1.1",
    nameZh: "爆炸物 不稳定爆炸物，1.1项爆炸物",
    nameEn: "Explosives: unstable, division 1.1",
    thresholdTonnes: 1, // GB 18218-2018 table 2
    beta: 2, // GB 18218-2018 table 4
  },
  {
    code: "W1.2",
    nameZh: "爆炸物 1.2、1.3、1.5、1.6项爆炸物",
    nameEn: "Explosives: divisions 1.2, 1.3, 1.5, 1.6",
    thresholdTonnes: 10, // GB 18218-2018 table 2
    beta: 2, // GB 18218-2018 table 4
  },
  { code: "W1.3", nameZh: "爆炸物 1.4项爆炸物", nameEn: "Explosives: division 1.4", thresholdTonnes: 50, beta: 2 }, // GB 18218-2018 table 2 / table 4
  {
    code: "W2",
    nameZh: "易燃气体 类别1和类别2",
    nameEn: "Flammable gases cat. 1 and 2",
    thresholdTonnes: 10, // GB 18218-2018 table 2
    beta: 1.5, // GB 18218-2018 table 4
  },
  {
    code: "W3",
    nameZh: "气溶胶 类别1和类别2（净重）",
    nameEn: "Aerosols cat. 1 and 2 (net mass)",
    thresholdTonnes: 150, // GB 18218-2018 table 2
    beta: 1, // GB 18218-2018 table 4
  },
  { code: "W4", nameZh: "氧化性气体 类别1", nameEn: "Oxidising gases cat. 1", thresholdTonnes: 50, beta: 1 }, // GB 18218-2018 table 2 / table 4
  {
    code: "W5.1",
    nameZh: "易燃液体 类别1；类别2和3，工作温度高于沸点",
    nameEn: "Flammable liquids cat. 1; cat. 2 and 3 handled above their boiling point",
    thresholdTonnes: 10, // GB 18218-2018 table 2
    beta: 1.5, // GB 18218-2018 table 4
  },
  {
    code: "W5.2",
    nameZh: "易燃液体 类别2和3，具有引发重大事故的特殊工艺条件",
    nameEn: "Flammable liquids cat. 2 and 3 under process conditions that can cause a major accident",
    thresholdTonnes: 50, // GB 18218-2018 table 2
    beta: 1, // GB 18218-2018 table 4
  },
  {
    code: "W5.3",
    nameZh: "易燃液体 不属于W5.1或W5.2的其他类别2",
    nameEn: "Other flammable liquids cat. 2 (not W5.1 or W5.2)",
    thresholdTonnes: 1000, // GB 18218-2018 table 2
    beta: 1, // GB 18218-2018 table 4
  },
  {
    code: "W5.4",
    nameZh: "易燃液体 不属于W5.1或W5.2的其他类别3",
    nameEn: "Other flammable liquids cat. 3 (not W5.1 or W5.2)",
    thresholdTonnes: 5000, // GB 18218-2018 table 2
    beta: 1, // GB 18218-2018 table 4
  },
  {
    code: "W6.1",
    nameZh: "自反应物质和混合物 A型和B型",
    nameEn: "Self-reactive substances and mixtures, types A and B",
    thresholdTonnes: 10, // GB 18218-2018 table 2
    beta: 1.5, // GB 18218-2018 table 4
  },
  {
    code: "W6.2",
    nameZh: "自反应物质和混合物 C型、D型、E型",
    nameEn: "Self-reactive substances and mixtures, types C, D, E",
    thresholdTonnes: 50, // GB 18218-2018 table 2
    beta: 1, // GB 18218-2018 table 4
  },
  {
    code: "W7.1",
    nameZh: "有机过氧化物 A型和B型",
    nameEn: "Organic peroxides, types A and B",
    thresholdTonnes: 10, // GB 18218-2018 table 2
    beta: 1.5, // GB 18218-2018 table 4
  },
  {
    code: "W7.2",
    nameZh: "有机过氧化物 C型、D型、E型、F型",
    nameEn: "Organic peroxides, types C, D, E, F",
    thresholdTonnes: 50, // GB 18218-2018 table 2
    beta: 1, // GB 18218-2018 table 4
  },
  {
    code: "W8",
    nameZh: "自燃液体和自燃固体 类别1",
    nameEn: "Pyrophoric liquids and solids cat. 1",
    thresholdTonnes: 50, // GB 18218-2018 table 2
    beta: 1, // GB 18218-2018 table 4
  },
  {
    code: "W9.1",
    nameZh: "氧化性固体和液体 类别1",
    nameEn: "Oxidising solids and liquids cat. 1",
    thresholdTonnes: 50, // GB 18218-2018 table 2
    beta: 1, // GB 18218-2018 table 4
  },
  {
    code: "W9.2",
    nameZh: "氧化性固体和液体 类别2、类别3",
    nameEn: "Oxidising solids and liquids cat. 2 and 3",
    thresholdTonnes: 200, // GB 18218-2018 table 2
    beta: 1, // GB 18218-2018 table 4
  },
  { code: "W10", nameZh: "易燃固体 类别1", nameEn: "Flammable solids cat. 1", thresholdTonnes: 200, beta: 1 }, // GB 18218-2018 table 2 / table 4
  {
    code: "W11",
    nameZh: "遇水放出易燃气体的物质和混合物 类别1和类别2",
    nameEn: "Substances that emit flammable gases with water, cat. 1 and 2",
    thresholdTonnes: 200, // GB 18218-2018 table 2
    beta: 1, // GB 18218-2018 table 4
  },
];

// Named substances: Q from GB 18218-2018 table 1 (excerpt), β of named toxic gases from table 3.
// hazardClass is the table-2 class with the largest table-4 β among the substance's GHS classes (as listed in the
// 危险化学品目录 2015); it only decides β when the substance has no table-3 β. Carbon monoxide (table 3 β 2) is left
// out: its table-1 line could not be confirmed apart from coal gas (CO and its mixtures), which is listed.
const substances: readonly NamedSubstance[] = [
  // Named toxic gases of table 3; their class is shown for information only, β comes from table 3.
  {
    cas: "75-44-5",
    nameZh: "碳酰氯",
    nameEn: "Phosgene",
    aliases: ["光气", "carbonyl chloride"],
    thresholdTonnes: 0.3, // GB 18218-2018 table 1
    hazardClass: "J1",
    betaToxicGas: 20, // GB 18218-2018 table 3
  },
  {
    cas: "624-83-9",
    nameZh: "异氰酸甲酯",
    nameEn: "Methyl isocyanate",
    aliases: ["甲基异氰酸酯", "MIC"],
    thresholdTonnes: 0.75, // GB 18218-2018 table 1
    hazardClass: "J2",
    betaToxicGas: 20, // GB 18218-2018 table 3
  },
  {
    cas: "10102-44-0",
    nameZh: "二氧化氮",
    nameEn: "Nitrogen dioxide",
    aliases: ["NO2"],
    thresholdTonnes: 1, // GB 18218-2018 table 1
    hazardClass: "J3",
    betaToxicGas: 10, // GB 18218-2018 table 3
  },
  {
    cas: "7803-51-2",
    nameZh: "磷化氢",
    nameEn: "Phosphine",
    aliases: ["膦", "PH3"],
    thresholdTonnes: 1, // GB 18218-2018 table 1
    hazardClass: "J1",
    betaToxicGas: 20, // GB 18218-2018 table 3
  },
  {
    cas: "7664-39-3",
    nameZh: "氟化氢",
    nameEn: "Hydrogen fluoride",
    aliases: ["无水氟化氢", "HF"],
    thresholdTonnes: 1, // GB 18218-2018 table 1
    hazardClass: "J3",
    betaToxicGas: 5, // GB 18218-2018 table 3
  },
  {
    cas: "74-90-8",
    nameZh: "氰化氢",
    nameEn: "Hydrogen cyanide",
    aliases: ["氢氰酸", "HCN"],
    thresholdTonnes: 1, // GB 18218-2018 table 1
    hazardClass: "J4",
    betaToxicGas: 10, // GB 18218-2018 table 3
  },
  {
    cas: "7782-50-5",
    nameZh: "氯",
    nameEn: "Chlorine",
    aliases: ["氯气", "液氯"],
    thresholdTonnes: 5, // GB 18218-2018 table 1
    hazardClass: "J3",
    betaToxicGas: 4, // GB 18218-2018 table 3
  },
  {
    cas: "7783-06-4",
    nameZh: "硫化氢",
    nameEn: "Hydrogen sulfide",
    aliases: ["hydrogen sulphide", "H2S"],
    thresholdTonnes: 5, // GB 18218-2018 table 1
    hazardClass: "J3",
    betaToxicGas: 5, // GB 18218-2018 table 3
  },
  {
    cas: "7664-41-7",
    nameZh: "氨",
    nameEn: "Ammonia",
    aliases: ["液氨", "氨气", "anhydrous ammonia", "NH3"],
    thresholdTonnes: 10, // GB 18218-2018 table 1
    hazardClass: "J3",
    betaToxicGas: 2, // GB 18218-2018 table 3
  },
  {
    cas: "75-21-8",
    nameZh: "环氧乙烷",
    nameEn: "Ethylene oxide",
    aliases: ["氧化乙烯", "EO"],
    thresholdTonnes: 10, // GB 18218-2018 table 1
    hazardClass: "J3",
    betaToxicGas: 2, // GB 18218-2018 table 3
  },
  {
    cas: "74-83-9",
    nameZh: "溴甲烷",
    nameEn: "Methyl bromide",
    aliases: ["甲基溴", "bromomethane"],
    thresholdTonnes: 10, // GB 18218-2018 table 1
    hazardClass: "J3",
    betaToxicGas: 3, // GB 18218-2018 table 3
  },
  {
    cas: "7446-09-5",
    nameZh: "二氧化硫",
    nameEn: "Sulfur dioxide",
    aliases: ["sulphur dioxide", "SO2"],
    thresholdTonnes: 20, // GB 18218-2018 table 1
    hazardClass: "J3",
    betaToxicGas: 2, // GB 18218-2018 table 3
  },
  {
    cas: "7647-01-0",
    nameZh: "氯化氢（无水）",
    nameEn: "Hydrogen chloride, anhydrous",
    aliases: ["氯化氢", "无水氯化氢", "hydrogen chloride", "HCl"],
    thresholdTonnes: 20, // GB 18218-2018 table 1
    hazardClass: "J3",
    betaToxicGas: 3, // GB 18218-2018 table 3
  },

  // Toxic substances without a table-3 β.
  { cas: "7782-41-4", nameZh: "氟", nameEn: "Fluorine", aliases: ["氟气"], thresholdTonnes: 1, hazardClass: "J3" }, // GB 18218-2018 table 1; J3 (acute tox. 2, gas) over W4
  {
    cas: "7784-42-1",
    nameZh: "砷化氢",
    nameEn: "Arsine",
    aliases: ["砷化三氢", "胂"],
    thresholdTonnes: 1, // GB 18218-2018 table 1
    hazardClass: "J3", // J3 (acute tox. 2, gas) over W2
  },
  {
    cas: null,
    nameZh: "煤气",
    nameEn: "Coal gas",
    aliases: ["煤气（CO，CO和H2、CH4的混合物等）", "town gas"],
    thresholdTonnes: 20, // GB 18218-2018 table 1
    hazardClass: "J3", // J3 for its CO (acute tox. 3, gas) over W2
  },
  { cas: "7726-95-6", nameZh: "溴", nameEn: "Bromine", aliases: ["液溴"], thresholdTonnes: 20, hazardClass: "J5" }, // GB 18218-2018 table 1; J5: acute tox. 2 liquid boiling above 35 °C
  {
    cas: "107-02-8",
    nameZh: "丙烯醛",
    nameEn: "Acrolein",
    aliases: ["acrylaldehyde"],
    thresholdTonnes: 20, // GB 18218-2018 table 1
    hazardClass: "J2", // J2 (acute tox. 1 liquid), same β as W5.3
  },
  {
    cas: "7446-11-9",
    nameZh: "三氧化硫",
    nameEn: "Sulfur trioxide",
    aliases: ["sulphur trioxide", "SO3"],
    thresholdTonnes: 75, // GB 18218-2018 table 1
    hazardClass: "J5", // no table-2 class fits (corrosive), J5 stands in for β 1
  },
  {
    cas: "26471-62-5",
    otherCas: ["584-84-9", "91-08-7"],
    nameZh: "甲苯二异氰酸酯",
    nameEn: "Toluene diisocyanate",
    aliases: ["TDI"],
    thresholdTonnes: 100, // GB 18218-2018 table 1
    hazardClass: "J5", // J5: acute tox. 2 liquid
  },

  // Flammable gases: W2.
  { cas: "74-86-2", nameZh: "乙炔", nameEn: "Acetylene", aliases: ["电石气"], thresholdTonnes: 1, hazardClass: "W2" }, // GB 18218-2018 table 1
  { cas: "1333-74-0", nameZh: "氢", nameEn: "Hydrogen", aliases: ["氢气"], thresholdTonnes: 5, hazardClass: "W2" }, // GB 18218-2018 table 1
  {
    cas: "106-99-0",
    nameZh: "1,3-丁二烯",
    nameEn: "1,3-Butadiene",
    aliases: ["丁二烯", "butadiene"],
    thresholdTonnes: 5, // GB 18218-2018 table 1
    hazardClass: "W2",
  },
  {
    cas: "74-89-5",
    nameZh: "一甲胺",
    nameEn: "Methylamine",
    aliases: ["甲胺", "monomethylamine"],
    thresholdTonnes: 5, // GB 18218-2018 table 1
    hazardClass: "W2",
  },
  {
    cas: "68476-85-7",
    otherCas: ["74-98-6", "106-97-8"],
    nameZh: "液化石油气",
    nameEn: "Liquefied petroleum gas",
    aliases: ["LPG", "丙烷", "丁烷", "propane", "butane"],
    thresholdTonnes: 50, // GB 18218-2018 table 1 (含丙烷、丁烷及其混合物)
    hazardClass: "W2",
  },
  {
    cas: "74-82-8",
    otherCas: ["8006-14-2"],
    nameZh: "甲烷",
    nameEn: "Methane",
    aliases: ["天然气", "natural gas", "液化天然气", "LNG", "CNG"],
    thresholdTonnes: 50, // GB 18218-2018 table 1 (甲烷，天然气)
    hazardClass: "W2",
  },
  { cas: "74-85-1", nameZh: "乙烯", nameEn: "Ethylene", aliases: ["ethene"], thresholdTonnes: 50, hazardClass: "W2" }, // GB 18218-2018 table 1
  {
    cas: "75-01-4",
    nameZh: "氯乙烯",
    nameEn: "Vinyl chloride",
    aliases: ["氯乙烯单体", "VCM"],
    thresholdTonnes: 50, // GB 18218-2018 table 1
    hazardClass: "W2",
  },
  {
    cas: "115-10-6",
    nameZh: "二甲醚",
    nameEn: "Dimethyl ether",
    aliases: ["甲醚", "DME"],
    thresholdTonnes: 50, // GB 18218-2018 table 1
    hazardClass: "W2",
  },

  // Flammable liquids: category 1 is W5.1; category 2 is W5.3 in ordinary storage (W5.2 gives the same β 1).
  {
    cas: "75-56-9",
    nameZh: "1,2-环氧丙烷",
    nameEn: "Propylene oxide",
    aliases: ["环氧丙烷", "氧化丙烯"],
    thresholdTonnes: 10, // GB 18218-2018 table 1
    hazardClass: "J4", // J4 (acute tox. 3 inhalation, boils at 34 °C) over W5.1
  },
  {
    cas: "60-29-7",
    nameZh: "乙醚",
    nameEn: "Diethyl ether",
    aliases: ["二乙醚", "ether"],
    thresholdTonnes: 10, // GB 18218-2018 table 1
    hazardClass: "W5.1", // flammable liquid cat. 1
  },
  { cas: "71-43-2", nameZh: "苯", nameEn: "Benzene", aliases: ["纯苯"], thresholdTonnes: 50, hazardClass: "W5.3" }, // GB 18218-2018 table 1
  {
    cas: "107-13-1",
    nameZh: "2-丙烯腈",
    nameEn: "Acrylonitrile",
    aliases: ["丙烯腈"],
    thresholdTonnes: 50, // GB 18218-2018 table 1
    hazardClass: "W5.3",
  },
  {
    cas: "75-15-0",
    nameZh: "二硫化碳",
    nameEn: "Carbon disulfide",
    aliases: ["carbon disulphide", "CS2"],
    thresholdTonnes: 50, // GB 18218-2018 table 1
    hazardClass: "W5.3",
  },
  {
    cas: "86290-81-5",
    nameZh: "汽油",
    nameEn: "Gasoline",
    aliases: ["乙醇汽油", "甲醇汽油", "petrol"],
    thresholdTonnes: 200, // GB 18218-2018 table 1
    hazardClass: "W5.3", // flammable liquid cat. 2 in 危险化学品目录 (2015); EU CLP says cat. 1 (W5.1, β 1.5)
  },
  {
    cas: "67-56-1",
    nameZh: "甲醇",
    nameEn: "Methanol",
    aliases: ["木醇", "methyl alcohol"],
    thresholdTonnes: 500, // GB 18218-2018 table 1
    hazardClass: "W5.3",
  },
  {
    cas: "64-17-5",
    nameZh: "乙醇",
    nameEn: "Ethanol",
    aliases: ["酒精", "无水乙醇", "ethyl alcohol"],
    thresholdTonnes: 500, // GB 18218-2018 table 1
    hazardClass: "W5.3",
  },
  {
    cas: "108-88-3",
    nameZh: "甲苯",
    nameEn: "Toluene",
    aliases: ["methylbenzene"],
    thresholdTonnes: 500, // GB 18218-2018 table 1
    hazardClass: "W5.3",
  },
  {
    cas: "100-42-5",
    nameZh: "苯乙烯",
    nameEn: "Styrene",
    aliases: ["乙烯基苯"],
    thresholdTonnes: 500, // GB 18218-2018 table 1
    hazardClass: "W5.4", // flammable liquid cat. 3
  },
  {
    cas: "67-64-1",
    nameZh: "丙酮",
    nameEn: "Acetone",
    aliases: ["二甲基酮"],
    thresholdTonnes: 500, // GB 18218-2018 table 1
    hazardClass: "W5.3",
  },
  {
    cas: "110-82-7",
    nameZh: "环己烷",
    nameEn: "Cyclohexane",
    aliases: ["六氢化苯"],
    thresholdTonnes: 500, // GB 18218-2018 table 1
    hazardClass: "W5.3",
  },
  {
    cas: "141-78-6",
    nameZh: "乙酸乙酯",
    nameEn: "Ethyl acetate",
    aliases: ["醋酸乙酯"],
    thresholdTonnes: 500, // GB 18218-2018 table 1
    hazardClass: "W5.3",
  },
  {
    cas: "110-54-3",
    nameZh: "正己烷",
    nameEn: "n-Hexane",
    aliases: ["己烷", "hexane"],
    thresholdTonnes: 500, // GB 18218-2018 table 1
    hazardClass: "W5.3",
  },

  // Oxidisers and water-reactive substances.
  {
    cas: "7782-44-7",
    nameZh: "氧（压缩的或液化的）",
    nameEn: "Oxygen, compressed or liquefied",
    aliases: ["氧", "氧气", "液氧", "oxygen"],
    thresholdTonnes: 200, // GB 18218-2018 table 1
    hazardClass: "W4",
  },
  {
    cas: "7697-37-2",
    nameZh: "硝酸（发红烟的除外，含硝酸＞70%）",
    nameEn: "Nitric acid, over 70 %, other than red fuming",
    aliases: ["硝酸", "浓硝酸", "nitric acid"],
    thresholdTonnes: 100, // GB 18218-2018 table 1
    hazardClass: "W9.2", // oxidising liquid cat. 3
  },
  {
    cas: "7757-79-1",
    nameZh: "硝酸钾",
    nameEn: "Potassium nitrate",
    aliases: ["火硝", "KNO3"],
    thresholdTonnes: 1000, // GB 18218-2018 table 1
    hazardClass: "W9.2", // oxidising solid cat. 3
  },
  { cas: "7440-23-5", nameZh: "钠", nameEn: "Sodium", aliases: ["金属钠"], thresholdTonnes: 10, hazardClass: "W11" }, // GB 18218-2018 table 1
  {
    cas: "75-20-7",
    nameZh: "碳化钙",
    nameEn: "Calcium carbide",
    aliases: ["电石"],
    thresholdTonnes: 100, // GB 18218-2018 table 1
    hazardClass: "W11",
  },
];

export const GB18218_2018: ThresholdTable = {
  version: "GB 18218-2018",
  substances,
  classes,
};
