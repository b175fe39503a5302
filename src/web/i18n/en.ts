import { accessEn } from "./access";
import { appEn } from "./app";
import { auditEn } from "./audit";
import { campaignEn } from "./campaigns";
import { cockpitEn } from "./cockpit";
import { deviceAccessEn } from "./device-access";
import { enterpriseEn } from "./enterprises";
import { hiddenDangerEn } from "./hidden-dangers";
import { majorHazardEn } from "./major-hazards";
import { mapEn } from "./map";
import { monitoringEn } from "./monitoring";
import { overviewEn } from "./overview";
import { referenceEn } from "./reference";
import { riskEn } from "./risk";
import { riskVocabularyEn } from "./risk-vocabulary";
import { supervisionEn } from "./supervision";
import { territoryEn } from "./territories";
import type { MessageKey } from "./zh-CN";

// English: every key of the Chinese dictionary, checked by the type; each feature's texts live in its own file.
export const en: Record<MessageKey, string> = {
  ...appEn,
  ...overviewEn,
  ...territoryEn,
  ...enterpriseEn,
  ...accessEn,
  ...auditEn,
  ...referenceEn,
  ...riskEn,
  ...riskVocabularyEn,
  ...majorHazardEn,
  ...monitoringEn,
  ...deviceAccessEn,
  ...hiddenDangerEn,
  ...campaignEn,
  ...supervisionEn,
  ...mapEn,
  ...cockpitEn,
};
