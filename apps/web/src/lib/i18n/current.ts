/**
 * The active locale outside React (the API client needs it for its own messages) and its
 * persistence: localStorage for this browser, the `ql_locale` cookie for the server's messages.
 */
import { type Dict, zhCN } from './zh-CN.ts';

export type Locale = 'zh-CN' | 'en-US';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];

const STORAGE_KEY = 'ql_locale';
// Chinese is built in; English is fetched when first needed, so zh-CN users (nearly all) do not
// download it with the login page, whose JavaScript has a 300 KB budget.
const dicts: Partial<Record<Locale, Dict>> = { 'zh-CN': zhCN };

/** Makes a locale's dictionary available (call before switching to it). */
export async function loadLocale(locale: Locale): Promise<void> {
  if (!dicts[locale] && locale === 'en-US') dicts[locale] = (await import('./en-US.ts')).enUS;
}

const isLocale = (v: unknown): v is Locale => v === 'zh-CN' || v === 'en-US';

function readCookie(): string | undefined {
  return document.cookie
    .split(';')
    .map((c) => c.trim().split('='))
    .find(([k]) => k === STORAGE_KEY)?.[1];
}

/** The language chosen on this browser, if any (localStorage; private browsing may refuse it). */
function chosenLocale(): Locale | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (isLocale(v)) return v;
  } catch {
    // fall through
  }
  return null;
}

function writeCookie(locale: Locale) {
  // biome-ignore lint/suspicious/noDocumentCookie: the server reads this cookie for its messages
  document.cookie = `${STORAGE_KEY}=${locale}; path=/; max-age=31536000; samesite=lax`;
}

let current: Locale = chosenLocale() ?? (isLocale(readCookie()) ? (readCookie() as Locale) : 'zh-CN');
// Without the cookie the server would answer in the browser's Accept-Language, which on a
// Chinese console with an English browser gives English error messages under Chinese labels.
if (readCookie() !== current) writeCookie(current);

/** True when the user chose a language on this browser (it then wins over the account's saved one). */
export function hasStoredLocale(): boolean {
  return chosenLocale() !== null;
}

/** The locale in use. */
export function currentLocale(): Locale {
  return current;
}

/** The dictionary of the locale in use. */
export function currentDict(): Dict {
  return dictOf(current);
}

/** The dictionary of a locale (Chinese until the locale has been loaded). */
export function dictOf(locale: Locale): Dict {
  return dicts[locale] ?? zhCN;
}

/** Switches the locale and remembers it in localStorage and the `ql_locale` cookie. */
export function persistLocale(locale: Locale): void {
  current = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // see storedLocale
  }
  writeCookie(locale);
  document.documentElement.lang = locale;
}
