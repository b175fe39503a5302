import type { Locale } from "../../../domain/text";
import type { RegionLevelRow } from "./regional-levels";

/** A node's regional level as the API shows it: names and explanation in the caller's language. */
export function presentRegionLevel({ nameZh, nameEn, regional, ...row }: RegionLevelRow, locale: Locale) {
  const en = locale === "en";
  return {
    ...row,
    name: en && nameEn ? nameEn : nameZh,
    level: regional.level,
    colour: regional.colour,
    score: regional.score,
    explanation: en ? regional.explanationEn : regional.explanationZh,
    configVersion: regional.configVersion,
  };
}
