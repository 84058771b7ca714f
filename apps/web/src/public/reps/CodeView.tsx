/** The check-in code: six digits and a QR code, valid 60 seconds, renewed automatically before it expires. */
import type { TCheckCode } from '@qinglian/contracts';
import { useCallback, useEffect, useState } from 'react';
import { ErrorBox } from '../ui.tsx';
import { checkCode } from './api.ts';
import { useR } from './i18n.ts';
import { failure, useNav } from './nav.ts';

export function CodeView({ bookingId }: { bookingId: string }) {
  const t = useR();
  const go = useNav();
  const [code, setCode] = useState<TCheckCode | null>(null);
  const [left, setLeft] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const renew = useCallback(() => {
    setError(null);
    checkCode(bookingId).then(setCode, (e) => setError(failure(t, e)));
  }, [bookingId, t]);
  useEffect(renew, [renew]);
  useEffect(() => {
    if (!code) return;
    const tick = () => {
      const s = Math.max(0, Math.round((Date.parse(code.expiresAt) - Date.now()) / 1000));
      setLeft(s);
      // Renew a little early, so the code on screen is never one that just expired.
      if (s <= 3) renew();
    };
    tick();
    const h = setInterval(tick, 1000);
    return () => clearInterval(h);
  }, [code, renew]);

  return (
    <>
      <button type="button" className="p-back" onClick={() => go('/rep')}>
        ‹ {t.back}
      </button>
      <section className="p-card p-center" data-testid="rep-code">
        <h2 className="p-title">{t.codeTitle}</h2>
        <p className="p-hint">{t.codeHint}</p>
        {error && <ErrorBox>{error}</ErrorBox>}
        {code && (
          <>
            <div className="rp-code p-mono" data-testid="rep-code-digits">
              {code.code}
            </div>
            <img className="rp-qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.qrSvg)}`} alt={code.code} width={200} height={200} />
            <p className="p-muted">{t.expiresIn(left)}</p>
            <button type="button" className="p-btn" onClick={renew}>
              {t.refresh}
            </button>
          </>
        )}
      </section>
    </>
  );
}
