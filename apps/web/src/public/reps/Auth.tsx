/** Sign-in (phone and password) and sign-up (region, phone, SMS code, password). */
import { type FormEvent, useEffect, useState } from 'react';
import { ErrorBox, SubmitButton } from '../ui.tsx';
import { regions as fetchRegions, sendSms, signIn, signUp } from './api.ts';
import { useR } from './i18n.ts';
import { failure, useNav } from './nav.ts';

export function SignIn({ onDone }: { onDone: () => void }) {
  const t = useR();
  const go = useNav();
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(phone.trim(), password);
      onDone();
    } catch (err) {
      setError(failure(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="p-card" onSubmit={submit} data-testid="rep-signin">
      <h2 className="p-title">{t.signInTitle}</h2>
      <p className="p-hint">{t.signInHint}</p>
      <div className="p-field">
        <label className="p-label" htmlFor="rp-phone">
          {t.phone}
        </label>
        <input id="rp-phone" type="tel" inputMode="numeric" maxLength={11} autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
      </div>
      <div className="p-field">
        <label className="p-label" htmlFor="rp-password">
          {t.password}
        </label>
        <input id="rp-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </div>
      {error && <ErrorBox>{error}</ErrorBox>}
      <SubmitButton busy={busy} label={t.signIn} busyLabel={t.loading} testId="rep-signin-submit" />
      <button type="button" className="p-link rp-switch" onClick={() => go('/rep/signup')} data-testid="rep-to-signup">
        {t.noAccount}
      </button>
    </form>
  );
}

export function SignUp({ onDone }: { onDone: () => void }) {
  const t = useR();
  const go = useNav();
  const [regions, setRegions] = useState<{ id: string; name: string }[]>([]);
  const [regionId, setRegionId] = useState('');
  const [phone, setPhone] = useState('');
  const [smsCode, setSmsCode] = useState('');
  const [password, setPassword] = useState('');
  const [wait, setWait] = useState(0);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetchRegions().then((r) => {
      setRegions(r);
      if (r.length === 1) setRegionId(r[0]!.id);
    }, () => setError(t.networkError));
  }, [t]);
  useEffect(() => {
    if (wait <= 0) return;
    const h = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(h);
  }, [wait]);
  const send = async () => {
    setError(null);
    try {
      await sendSms(phone.trim());
      setNote(t.codeSent);
      setWait(60);
    } catch (err) {
      setError(failure(t, err));
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signUp({ regionId, phone: phone.trim(), password, smsCode: smsCode.trim() });
      history.replaceState(null, '', '/rep');
      onDone();
      go('/rep/profile');
    } catch (err) {
      setError(failure(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="p-card" onSubmit={submit} data-testid="rep-signup">
      <h2 className="p-title">{t.signUpTitle}</h2>
      <div className="p-field">
        <label className="p-label" htmlFor="rp-region">
          {t.region}
        </label>
        <select id="rp-region" value={regionId} onChange={(e) => setRegionId(e.target.value)} data-testid="rep-region">
          <option value="" />
          {regions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      <div className="p-field">
        <label className="p-label" htmlFor="rp-phone">
          {t.phone}
        </label>
        <div className="rp-inline">
          <input id="rp-phone" type="tel" inputMode="numeric" maxLength={11} autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
          <button type="button" className="p-btn" disabled={wait > 0 || !/^1\d{10}$/.test(phone.trim())} onClick={send} data-testid="rep-send-code">
            {wait > 0 ? t.resend(wait) : t.sendCode}
          </button>
        </div>
        {note && <span className="p-hint">{note}</span>}
      </div>
      <div className="p-field">
        <label className="p-label" htmlFor="rp-sms">
          {t.smsCode}
        </label>
        <input id="rp-sms" type="text" inputMode="numeric" maxLength={6} autoComplete="one-time-code" value={smsCode} onChange={(e) => setSmsCode(e.target.value)} />
      </div>
      <div className="p-field">
        <label className="p-label" htmlFor="rp-password">
          {t.password}
          <span className="p-hint">{t.passwordHint}</span>
        </label>
        <input id="rp-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </div>
      {error && <ErrorBox>{error}</ErrorBox>}
      <SubmitButton busy={busy} label={t.signUp} busyLabel={t.loading} testId="rep-signup-submit" />
      <button type="button" className="p-link rp-switch" onClick={() => go('/rep')}>
        {t.haveAccount}
      </button>
    </form>
  );
}
