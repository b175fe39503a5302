import type { ReferenceItem, ReferenceSet } from "./reference-set";

export const accidentTypeSet: ReferenceSet = {
  kind: "accident_type",
  version: "GB 6441-1986",
  title: "企业职工伤亡事故分类 Classification for casualty accidents of enterprise staff and workers",
  source: "GB 6441-1986 §5 (accident categories); replaced by GB 6441-2025 from 2026-07-01",
};

/** GB 6441-1986 §5: the 20 accident types, in the standard's order. */
export const accidentTypes: readonly ReferenceItem[] = [
  { code: "01", parentCode: null, nameZh: "物体打击", nameEn: "Struck by object" },
  { code: "02", parentCode: null, nameZh: "车辆伤害", nameEn: "Vehicle injury" },
  { code: "03", parentCode: null, nameZh: "机械伤害", nameEn: "Machinery injury" },
  { code: "04", parentCode: null, nameZh: "起重伤害", nameEn: "Lifting injury" },
  { code: "05", parentCode: null, nameZh: "触电", nameEn: "Electric shock" },
  { code: "06", parentCode: null, nameZh: "淹溺", nameEn: "Drowning" },
  { code: "07", parentCode: null, nameZh: "灼烫", nameEn: "Scald and burn" },
  { code: "08", parentCode: null, nameZh: "火灾", nameEn: "Fire" },
  { code: "09", parentCode: null, nameZh: "高处坠落", nameEn: "Fall from height" },
  { code: "10", parentCode: null, nameZh: "坍塌", nameEn: "Collapse" },
  { code: "11", parentCode: null, nameZh: "冒顶片帮", nameEn: "Roof fall and rib spalling" },
  { code: "12", parentCode: null, nameZh: "透水", nameEn: "Water inrush" },
  { code: "13", parentCode: null, nameZh: "放炮", nameEn: "Blasting" },
  { code: "14", parentCode: null, nameZh: "火药爆炸", nameEn: "Gunpowder explosion" },
  { code: "15", parentCode: null, nameZh: "瓦斯爆炸", nameEn: "Firedamp (gas) explosion" },
  { code: "16", parentCode: null, nameZh: "锅炉爆炸", nameEn: "Boiler explosion" },
  { code: "17", parentCode: null, nameZh: "容器爆炸", nameEn: "Pressure vessel explosion" },
  { code: "18", parentCode: null, nameZh: "其它爆炸", nameEn: "Other explosion" },
  { code: "19", parentCode: null, nameZh: "中毒和窒息", nameEn: "Poisoning and asphyxiation" },
  { code: "20", parentCode: null, nameZh: "其它伤害", nameEn: "Other injury" },
];
