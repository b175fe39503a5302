export { format, I18nProvider, type Translate, useLocale, useT } from "./I18nProvider";
export { LOCALE_STORAGE_KEY, LOCALES, type Locale, localName, storedLocale } from "./locale";
export type { MessageKey } from "./zh-CN";
