import { accessZh } from "./access";
import { appZh } from "./app";
import { auditZh } from "./audit";
import { campaignZh } from "./campaigns";
import { cockpitZh } from "./cockpit";
import { deviceAccessZh } from "./device-access";
import { enterpriseZh } from "./enterprises";
import { hiddenDangerZh } from "./hidden-dangers";
import { majorHazardZh } from "./major-hazards";
import { mapZh } from "./map";
import { monitoringZh } from "./monitoring";
import { overviewZh } from "./overview";
import { referenceZh } from "./reference";
import { riskZh } from "./risk";
import { riskVocabularyZh } from "./risk-vocabulary";
import { supervisionZh } from "./supervision";
import { territoryZh } from "./territories";

// 简体中文：界面的默认语言。每个功能一个文件（中英文并列）；English 词典须有同样的键（类型检查保证）。
export const zhCN = {
  ...appZh,
  ...overviewZh,
  ...territoryZh,
  ...enterpriseZh,
  ...accessZh,
  ...auditZh,
  ...referenceZh,
  ...riskZh,
  ...riskVocabularyZh,
  ...majorHazardZh,
  ...monitoringZh,
  ...deviceAccessZh,
  ...hiddenDangerZh,
  ...campaignZh,
  ...supervisionZh,
  ...mapZh,
  ...cockpitZh,
};

export type MessageKey = keyof typeof zhCN;
