/** The rep pages' frame: top bar, language switch, the signed-in rep, and the page for the address. */
import type { TRepSelf } from '@qinglian/contracts';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { initialLocale, type Locale, persistLocale } from '../i18n.ts';
import { fetchMe, setRepLanguage, signOut } from './api.ts';
import { SignIn, SignUp } from './Auth.tsx';
import { Book } from './Book.tsx';
import { CodeView } from './CodeView.tsx';
import { Home } from './Home.tsx';
import { repDicts, RepI18n } from './i18n.ts';
import { Nav } from './nav.ts';
import { Profile } from './Profile.tsx';
import './reps.css';

export default function RepApp() {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const t = repDicts[locale];
  const [path, setPath] = useState(location.pathname);
  const [me, setMe] = useState<TRepSelf | null | undefined>(undefined);
  const [error, setError] = useState(false);
  setRepLanguage(locale);
  const i18n = useMemo(
    () => ({
      t,
      locale,
      setLocale: (l: Locale) => {
        persistLocale(l);
        setLocaleState(l);
      },
    }),
    [t, locale],
  );
  const go = useCallback((p: string) => {
    history.pushState(null, '', p);
    setPath(p);
    window.scrollTo(0, 0);
  }, []);
  const reload = useCallback(() => fetchMe().then(setMe, () => setError(true)), []);
  useEffect(() => {
    reload();
    const onPop = () => setPath(location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [reload]);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t.app;
  }, [locale, t]);

  let page: ReactNode;
  if (error) page = <div className="p-alert p-alert-error">{t.networkError}</div>;
  else if (me === undefined) page = <div className="p-loading">{t.loading}</div>;
  else if (!me) page = path.startsWith('/rep/signup') ? <SignUp onDone={reload} /> : <SignIn onDone={reload} />;
  else if (path.startsWith('/rep/profile')) page = <Profile me={me} onChange={setMe} />;
  else if (path.startsWith('/rep/book')) page = <Book me={me} />;
  else if (path.startsWith('/rep/code/')) page = <CodeView bookingId={path.slice('/rep/code/'.length)} />;
  else page = <Home me={me} onChange={setMe} />;

  return (
    <RepI18n.Provider value={i18n}>
      <Nav.Provider value={go}>
        <div className="p-top">
          <span className="p-brand">
            <span className="p-brand-mark">廉</span>
            {t.app}
          </span>
          <span>
            {me && (
              <button
                type="button"
                className="p-lang rp-signout"
                onClick={() => signOut().finally(() => { setMe(null); go('/rep'); })}
                data-testid="rep-signout"
              >
                {t.signOut}
              </button>
            )}
            <button type="button" className="p-lang" aria-label={t.langAria} onClick={() => i18n.setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')} data-testid="public-lang">
              {t.langSwitch}
            </button>
          </span>
        </div>
        <main className="p-main rp">{page}</main>
      </Nav.Provider>
    </RepI18n.Provider>
  );
}
