/**
 * /r/<token>: where the code was scanned, then three choices — rate, praise, report. The choice sits in
 * the address hash so the phone's back button returns to the choices.
 */
import type { TPublicCode } from '@qinglian/contracts';
import { useEffect, useState } from 'react';
import { fetchCode, PublicError } from './api.ts';
import { FeedbackForm } from './FeedbackForm.tsx';
import { useT } from './i18n.ts';
import { Receipt } from './Receipt.tsx';
import { ReportForm } from './ReportForm.tsx';

type View = 'home' | 'rate' | 'praise' | 'report';
const viewOf = (hash: string): View => (['rate', 'praise', 'report'].includes(hash.slice(1)) ? (hash.slice(1) as View) : 'home');

function useHashView(): [View, (v: View) => void] {
  const [view, setView] = useState<View>(() => viewOf(location.hash));
  useEffect(() => {
    const on = () => setView(viewOf(location.hash));
    window.addEventListener('popstate', on);
    window.addEventListener('hashchange', on);
    return () => {
      window.removeEventListener('popstate', on);
      window.removeEventListener('hashchange', on);
    };
  }, []);
  const go = (v: View) => {
    if (v !== 'home') {
      history.pushState({ qlView: v }, '', `#${v}`);
      setView(v);
    } else if ((history.state as { qlView?: string } | null)?.qlView) history.back();
    else {
      // Opened straight on a form (a reload): there is no entry of ours to go back to.
      history.replaceState(null, '', location.pathname);
      setView('home');
    }
  };
  return [view, go];
}

export function CodePage({ token }: { token: string }) {
  const t = useT();
  const [code, setCode] = useState<TPublicCode | null>(null);
  const [failed, setFailed] = useState<'gone' | 'error' | null>(null);
  const [view, go] = useHashView();
  const [done, setDone] = useState<{ kind: 'rating' | 'praise' } | { receipt: string } | null>(null);

  useEffect(() => {
    fetchCode(token)
      .then(setCode)
      .catch((e) => setFailed(e instanceof PublicError && e.status === 404 ? 'gone' : 'error'));
  }, [token]);
  // A new step starts at the top of the screen. (A block body: newer browsers' scrollTo returns a
  // promise, which React would take for a clean-up function.)
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose when the step changes
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [view, done]);

  if (failed)
    return (
      <section className="p-card" data-testid="code-missing">
        <h2 className="p-title">{failed === 'gone' ? t.codeNotFound : t.unexpected}</h2>
        <p className="p-hint">{t.codeNotFoundHint}</p>
        <a className="p-btn p-btn-ghost p-btn-block" href="/report">
          {t.followUp}
        </a>
      </section>
    );
  if (!code) return <div className="p-loading">{t.loading}</div>;

  const where = (
    <header className="p-where" data-testid="code-where">
      <div className="p-where-inst">{code.institutionName}</div>
      {(code.departmentName || code.clinicianName) && (
        <div className="p-where-sub">
          {code.departmentName}
          {code.clinicianName && ` · ${code.clinicianName}${code.clinicianTitle ? `（${code.clinicianTitle}）` : ''}`}
        </div>
      )}
    </header>
  );
  const hotline = code.hotline && (
    <p className="p-hotline">
      {t.hotline}<a href={`tel:${code.hotline.replace(/[^\d+-]/g, '')}`}>{code.hotline}</a>
    </p>
  );
  const restart = () => {
    setDone(null);
    history.replaceState(null, '', location.pathname);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  };

  if (done)
    return (
      <>
        {where}
        {'receipt' in done ? (
          <Receipt receipt={done.receipt} />
        ) : (
          <section className="p-card p-center" data-testid="thanks">
            <div className="p-done-mark" aria-hidden="true">
              ✓
            </div>
            <h2 className="p-title">{done.kind === 'rating' ? t.thanksRating : t.thanksPraise}</h2>
            <p className="p-hint">{t.thanksHint}</p>
          </section>
        )}
        <button type="button" className="p-btn p-btn-ghost p-btn-block" onClick={restart}>
          {t.home}
        </button>
        {hotline}
      </>
    );

  return (
    <>
      {where}
      {view === 'home' ? (
        <>
          <p className="p-lead">{t.choose}</p>
          <nav className="p-menu">
            <button type="button" className="p-menu-item p-menu-rate" onClick={() => go('rate')} data-testid="choose-rate">
              <span className="p-menu-icon">★</span>
              <span>
                <strong>{t.rate}</strong>
                <small>{t.rateHint}</small>
              </span>
            </button>
            <button type="button" className="p-menu-item p-menu-praise" onClick={() => go('praise')} data-testid="choose-praise">
              <span className="p-menu-icon">赞</span>
              <span>
                <strong>{t.praise}</strong>
                <small>{t.praiseHint}</small>
              </span>
            </button>
            <button type="button" className="p-menu-item p-menu-report" onClick={() => go('report')} data-testid="choose-report">
              <span className="p-menu-icon">!</span>
              <span>
                <strong>{t.report}</strong>
                <small>{t.reportHint}</small>
              </span>
            </button>
          </nav>
          <a className="p-follow" href="/report" data-testid="link-follow-up">
            {t.followUp} ›<small>{t.followUpHint}</small>
          </a>
        </>
      ) : (
        <>
          <button type="button" className="p-back" onClick={() => go('home')}>
            ‹ {t.back}
          </button>
          {view === 'report' ? (
            <ReportForm code={code.token} onDone={(receipt) => setDone({ receipt })} />
          ) : (
            <FeedbackForm code={code.token} kind={view === 'rate' ? 'rating' : 'praise'} onDone={() => setDone({ kind: view === 'rate' ? 'rating' : 'praise' })} />
          )}
        </>
      )}
      {hotline}
      <p className="p-privacy">{t.privacy}</p>
    </>
  );
}
