import type { ReferenceItem, ReferenceSet } from "./reference-set";

export const hazardFactorSet: ReferenceSet = {
  kind: "hazard_factor",
  version: "GB/T 13861-2022",
  title: "生产过程危险和有害因素分类与代码 Classification and code for the hazardous and harmful factors in process",
  source: "GB/T 13861-2022 table 1, first two levels (categories and major classes)",
};

/** GB/T 13861-2022 table 1: the four categories and their major classes (two-digit codes are category + class). */
export const hazardFactors: readonly ReferenceItem[] = [
  { code: "1", parentCode: null, nameZh: "人的因素", nameEn: "Human factors" },
  {
    code: "11",
    parentCode: "1",
    nameZh: "心理、生理性危险和有害因素",
    nameEn: "Psychological and physiological hazardous and harmful factors",
  },
  { code: "12", parentCode: "1", nameZh: "行为性危险和有害因素", nameEn: "Behavioural hazardous and harmful factors" },
  { code: "2", parentCode: null, nameZh: "物的因素", nameEn: "Material factors" },
  { code: "21", parentCode: "2", nameZh: "物理性危险和有害因素", nameEn: "Physical hazardous and harmful factors" },
  { code: "22", parentCode: "2", nameZh: "化学性危险和有害因素", nameEn: "Chemical hazardous and harmful factors" },
  { code: "23", parentCode: "2", nameZh: "生物性危险和有害因素", nameEn: "Biological hazardous and harmful factors" },
  { code: "3", parentCode: null, nameZh: "环境因素", nameEn: "Environmental factors" },
  { code: "31", parentCode: "3", nameZh: "室内作业场所环境不良", nameEn: "Poor indoor workplace environment" },
  { code: "32", parentCode: "3", nameZh: "室外作业场地环境不良", nameEn: "Poor outdoor work site environment" },
  {
    code: "33",
    parentCode: "3",
    nameZh: "地下（含水下）作业环境不良",
    nameEn: "Poor underground (including underwater) work environment",
  },
  { code: "39", parentCode: "3", nameZh: "其他作业环境不良", nameEn: "Other poor work environment" },
  { code: "4", parentCode: null, nameZh: "管理因素", nameEn: "Management factors" },
  {
    code: "41",
    parentCode: "4",
    nameZh: "职业安全卫生管理机构设置和人员配备不健全",
    nameEn: "Occupational safety and health organisation or staffing inadequate",
  },
  {
    code: "42",
    parentCode: "4",
    nameZh: "职业安全卫生责任制不完善或未落实",
    nameEn: "Occupational safety and health responsibility system incomplete or not implemented",
  },
  {
    code: "43",
    parentCode: "4",
    nameZh: "职业安全卫生管理制度不完善或未落实",
    nameEn: "Occupational safety and health rules incomplete or not implemented",
  },
  {
    code: "44",
    parentCode: "4",
    nameZh: "职业安全卫生投入不足",
    nameEn: "Insufficient occupational safety and health investment",
  },
  { code: "46", parentCode: "4", nameZh: "应急管理缺陷", nameEn: "Emergency management deficiencies" },
  { code: "49", parentCode: "4", nameZh: "其他管理因素缺陷", nameEn: "Other management deficiencies" },
];
