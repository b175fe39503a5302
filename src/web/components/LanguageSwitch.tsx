import { Segmented } from "antd";
import { type Locale, useLocale } from "../i18n";

/** 中文 / English, remembered in localStorage and sent to the server as Accept-Language. */
export function LanguageSwitch() {
  const [locale, setLocale] = useLocale();
  return (
    <Segmented<Locale>
      data-testid="language-switch"
      size="small"
      value={locale}
      onChange={setLocale}
      options={[
        { value: "zh-CN", label: <span data-testid="lang-zh">中文</span> },
        { value: "en", label: <span data-testid="lang-en">English</span> },
      ]}
    />
  );
}
