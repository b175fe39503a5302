// Texts of the reference data pages (code tables, control-level mapping, risk bands), both languages.
export const referenceZh = {
  "menu.reference": "基础数据",

  "reference.title": "基础数据",
  "reference.industry": "国民经济行业分类",
  "reference.accidentType": "事故类别",
  "reference.hazardFactor": "危险和有害因素",
  "reference.riskLevels": "风险等级",
  "reference.controlLevels": "管控层级",
  "reference.version": "版本",
  "reference.itemCount": "{count} 项",
  "reference.search": "按代码或名称筛选",
  "reference.code": "代码",
  "reference.name": "名称",
  "reference.nameZh": "中文名称",
  "reference.nameEn": "英文名称",
  "reference.riskLevelNumber": "{level} 级",
  "reference.riskLevel": "风险等级",
  "reference.controlLevel": "默认管控层级",
  "reference.mappingExplain":
    "各风险等级默认由哪一层级管控。此为通行做法而非国家强制规定，系统管理员可按本地要求调整。",
  "reference.mappingSaved": "管控层级设置已保存",

  "bands.tab": "评价分级标准",
  "bands.explain":
    "LS、LEC、MES 的分值如何划分为红、橙、黄、蓝四级。出厂值为通行做法（DB37/T 2882-2016 等），系统管理员可按本地要求调整。",
  "bands.keep":
    "修改后生成新版本：已有评价保留其评价时所用的分级标准，并标注“评价所用分级标准已更新”，可逐条重新评价。",
  "bands.version": "版本",
  "bands.minScore": "最低分值（≥）",
  "bands.scoreRange": "低于三级阈值的为低风险（蓝）；本方法分值最高为 {max}。",
  "bands.save": "保存为新版本",
  "bands.saved": "{method} 分级标准已更新",
};

export const referenceEn: Record<keyof typeof referenceZh, string> = {
  "menu.reference": "Reference data",

  "reference.title": "Reference data",
  "reference.industry": "Industries",
  "reference.accidentType": "Accident types",
  "reference.hazardFactor": "Hazard factors",
  "reference.riskLevels": "Risk levels",
  "reference.controlLevels": "Control levels",
  "reference.version": "version",
  "reference.itemCount": "{count} items",
  "reference.search": "Filter by code or name",
  "reference.code": "Code",
  "reference.name": "Name",
  "reference.nameZh": "Chinese name",
  "reference.nameEn": "English name",
  "reference.riskLevelNumber": "Level {level}",
  "reference.riskLevel": "Risk level",
  "reference.controlLevel": "Default control level",
  "reference.mappingExplain":
    "Which level of an enterprise controls each risk level by default. This is common practice, not a national rule; an administrator may adapt it.",
  "reference.mappingSaved": "Control levels saved",

  "bands.tab": "Assessment bands",
  "bands.explain":
    "How LS, LEC and MES scores are cut into red, orange, yellow and blue. The shipped values are common practice (DB37/T 2882-2016 and others); the installation administrator may change them.",
  "bands.keep":
    "A change makes a new version: existing assessments keep the bands they were made with and are marked “bands changed since”, to be reassessed one by one.",
  "bands.version": "Version",
  "bands.minScore": "Lowest score (≥)",
  "bands.scoreRange":
    "Scores below the level-3 threshold are low risk (blue); the highest score of this method is {max}.",
  "bands.save": "Save as a new version",
  "bands.saved": "{method} bands updated",
};
