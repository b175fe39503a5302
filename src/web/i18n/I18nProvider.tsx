import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { en } from "./en";
import { type Locale, rememberLocale, storedLocale } from "./locale";
import { type MessageKey, zhCN } from "./zh-CN";

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

type I18nValue = { locale: Locale; setLocale: (locale: Locale) => void; t: Translate };

const dictionaries: Record<Locale, Record<MessageKey, string>> = { "zh-CN": zhCN, en };

/** Fills `{name}` placeholders; an unknown placeholder stays visible so a missing value is noticed. */
export function format(template: string, values?: Record<string, string | number>): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);

  const setLocale = useCallback((next: Locale) => {
    rememberLocale(next);
    setLocaleState(next);
  }, []);

  const t = useCallback<Translate>((key, values) => format(dictionaries[locale][key], values), [locale]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = dictionaries[locale]["app.title"];
  }, [locale]);

  const value = useMemo(() => ({ locale, setLocale, t }), [locale, setLocale, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useT() needs an <I18nProvider> above it");
  return value;
}

/** The translate function of the current language. */
export function useT(): Translate {
  return useI18n().t;
}

export function useLocale(): [Locale, (locale: Locale) => void] {
  const { locale, setLocale } = useI18n();
  return [locale, setLocale];
}
