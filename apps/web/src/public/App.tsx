/** The phone pages' frame: a slim top bar with the language switch, then the page for the address. */
import { useEffect, useMemo, useState } from 'react';
import { setApiLanguage } from './api.ts';
import { CodePage } from './CodePage.tsx';
import { FollowUpPage } from './FollowUpPage.tsx';
import { dicts, I18n, initialLocale, type Locale, persistLocale } from './i18n.ts';

export function App() {
  const [locale, setState] = useState<Locale>(initialLocale);
  const t = dicts[locale];
  const value = useMemo(
    () => ({
      t,
      locale,
      setLocale: (l: Locale) => {
        persistLocale(l);
        setState(l);
      },
    }),
    [t, locale],
  );
  setApiLanguage(locale);
  const token = /^\/r\/([^/?#]+)/.exec(location.pathname)?.[1];
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = token ? `${t.app}` : t.followUp;
  }, [locale, t, token]);

  return (
    <I18n.Provider value={value}>
      <div className="p-top">
        <span className="p-brand">
          <span className="p-brand-mark">廉</span>
          {t.app}
        </span>
        <button
          type="button"
          className="p-lang"
          lang={locale === 'zh-CN' ? 'en' : 'zh-CN'}
          aria-label={t.langAria}
          onClick={() => value.setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}
          data-testid="public-lang"
        >
          {t.langSwitch}
        </button>
      </div>
      <main className="p-main">{token ? <CodePage token={decodeURIComponent(token)} /> : <FollowUpPage />}</main>
    </I18n.Provider>
  );
}
