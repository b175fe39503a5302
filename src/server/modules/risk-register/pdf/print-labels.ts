import { accidentTypes } from "../../../../domain/reference/accident-types";
import { controlLevels, type RiskLevel, riskLevelOf } from "../../../../domain/reference/risk-levels";
import { MEASURE_KIND_LABELS, type MeasureKind } from "../../../../domain/risk/vocabulary";

/** Names in both languages; printed matter picks one, the public card sends both. */
export interface BilingualName {
  zh: string;
  en: string;
}

/** The name of a kind of control measure, as printed. */
export function measureKindName(kind: MeasureKind): BilingualName {
  const label = MEASURE_KIND_LABELS[kind];
  return { zh: label["zh-CN"], en: label.en };
}

const COLOUR_NAMES: Record<string, BilingualName> = {
  red: { zh: "红色", en: "red" },
  orange: { zh: "橙色", en: "orange" },
  yellow: { zh: "黄色", en: "yellow" },
  blue: { zh: "蓝色", en: "blue" },
};

export interface LevelLabel {
  level: RiskLevel | null;
  colour: string | null;
  name: BilingualName;
  colourName: BilingualName | null;
  /** Fill and the text colour legible on it. */
  hex: string;
  textHex: string;
}

/** A risk point's level for print: its colour, or grey for a point no hazard of which is assessed yet. */
export function levelLabel(level: number | null): LevelLabel {
  if (level === null || level < 1 || level > 4) {
    // White on this grey keeps a 4.7 : 1 contrast.
    return {
      level: null,
      colour: null,
      name: { zh: "未评价", en: "not assessed" },
      colourName: null,
      hex: "#737373",
      textHex: "#ffffff",
    };
  }
  const item = riskLevelOf(level as RiskLevel);
  return {
    level: item.level,
    colour: item.colour,
    name: { zh: item.nameZh, en: item.nameEn },
    colourName: COLOUR_NAMES[item.colour],
    hex: item.hex,
    textHex: item.textHex,
  };
}

/** GB 6441 names of accident type codes; an unknown code is shown as it is. */
export function accidentTypeName(code: string): BilingualName {
  const item = accidentTypes.find((a) => a.code === code);
  return item ? { zh: item.nameZh, en: item.nameEn } : { zh: code, en: code };
}

export function controlLevelName(code: string | null): BilingualName | null {
  const item = controlLevels.find((c) => c.code === code);
  return item ? { zh: item.nameZh, en: item.nameEn } : null;
}

/** Today (or a given moment) as YYYY-MM-DD in China Standard Time, the date printed on lists and cards. */
export function printDate(at: Date = new Date()): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(at);
}
