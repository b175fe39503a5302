import { FILING_STATUS_LABELS, UNIT_KIND_LABELS } from "../../domain/major-hazard/vocabulary";
import {
  CHECK_FREQUENCY_LABELS,
  MEASURE_KIND_LABELS,
  PUBLIC_CATEGORY_LABELS,
  RISK_POINT_KIND_LABELS,
} from "../../domain/risk/vocabulary";
import type { Locale, LocalisedText } from "../../domain/text";

// The words of the risk register and of major hazard filing, in both languages, taken from the domain where each list
// is declared once with its labels: `riskKind.place`, `checkFrequency.daily` …

function messages<P extends string, K extends string>(
  prefix: P,
  labels: Readonly<Record<K, LocalisedText>>,
  locale: Locale,
): Record<`${P}.${K}`, string> {
  const entries = Object.entries<LocalisedText>(labels).map(([code, label]) => [`${prefix}.${code}`, label[locale]]);
  return Object.fromEntries(entries) as Record<`${P}.${K}`, string>;
}

function riskVocabulary(locale: Locale) {
  return {
    ...messages("riskKind", RISK_POINT_KIND_LABELS, locale),
    ...messages("publicCategory", PUBLIC_CATEGORY_LABELS, locale),
    ...messages("measureKind", MEASURE_KIND_LABELS, locale),
    ...messages("checkFrequency", CHECK_FREQUENCY_LABELS, locale),
    ...messages("filingStatus", FILING_STATUS_LABELS, locale),
    ...messages("unitKind", UNIT_KIND_LABELS, locale),
  };
}

export const riskVocabularyZh = riskVocabulary("zh-CN");
export const riskVocabularyEn = riskVocabulary("en");
