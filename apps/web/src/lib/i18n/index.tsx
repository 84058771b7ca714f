/** React side of i18n: the active locale, its typed dictionary `t`, and the switch. */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { setDayjsLocale } from '../time.ts';
import { currentLocale, dictOf, type Locale, loadLocale, persistLocale } from './current.ts';
import type { Dict } from './zh-CN.ts';

export type { Dict } from './zh-CN.ts';
export type { Locale } from './current.ts';

interface I18n {
  locale: Locale;
  t: Dict;
  /** Switches the language on this browser (callers tell the server when signed in). */
  setLocale: (locale: Locale) => Promise<void>;
}

const I18nContext = createContext<I18n | null>(null);

/** Holds the active locale for the whole app. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<Locale>(currentLocale);
  const setLocale = useCallback(async (l: Locale) => {
    try {
      await loadLocale(l);
    } catch {
      return; // offline and not cached: stay in the current language
    }
    persistLocale(l);
    setDayjsLocale(l);
    setState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo(() => ({ locale, t: dictOf(locale), setLocale }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** Locale, dictionary and switch. */
export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/** The dictionary of the active locale. */
export function useT(): Dict {
  return useI18n().t;
}

/** Sets the browser tab title to "page - 清廉医院建设平台". */
export function usePageTitle(title?: string): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = title ? `${title} - ${t.app.name}` : t.app.name;
  }, [title, t]);
}
