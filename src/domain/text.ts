/** The languages the product speaks; Chinese is the default. */
export type Locale = "zh-CN" | "en";

/** Text in both languages: the one shape for every label, message and explanation, server and web alike. */
export type LocalisedText = Record<Locale, string>;

/** Builds a LocalisedText, Chinese first. */
export const text = (zh: string, en: string): LocalisedText => ({ "zh-CN": zh, en });
