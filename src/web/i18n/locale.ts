/** The two languages of the interface; zh-CN is the default (the users are Chinese authorities and enterprises). */
export type Locale = "zh-CN" | "en";

export const LOCALES: readonly Locale[] = ["zh-CN", "en"];
export const LOCALE_STORAGE_KEY = "dg.locale";

/** The remembered language, or zh-CN when none was chosen (or storage is unavailable). */
export function storedLocale(): Locale {
  try {
    return localStorage.getItem(LOCALE_STORAGE_KEY) === "en" ? "en" : "zh-CN";
  } catch {
    return "zh-CN";
  }
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}

/** The name to show for a record that carries both a Chinese and an English name. */
export function localName(locale: Locale, nameZh: string, nameEn: string | null | undefined): string {
  return locale === "en" && nameEn ? nameEn : nameZh;
}
