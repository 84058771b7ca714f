/**
 * The report form: category, text, the leadership option, an optional name of the person concerned,
 * anonymity (default) or contact details, photos. The draft and its idempotency key live in
 * sessionStorage until the server has answered with the receipt.
 */
import type { TReportCategory } from '@qinglian/contracts';
import { type FormEvent, useEffect, useState } from 'react';
import { submitWithPow } from './api.ts';
import { clearDraft, loadDraft, newIdempotencyKey, saveDraft } from './draft.ts';
import { useT } from './i18n.ts';
import { type Photo, Photos, photosBusy } from './Photos.tsx';
import { ErrorBox, failureText, SubmitButton } from './ui.tsx';

const CATEGORIES: TReportCategory[] = ['red_envelope', 'kickback', 'improper_charge', 'over_treatment', 'attitude', 'rep_in_clinical', 'other'];

interface Draft {
  category: TReportCategory | null;
  text: string;
  aboutLeadership: boolean;
  subjectName: string;
  anonymous: boolean;
  contactName: string;
  contactPhone: string;
  photos: Photo[];
  idempotencyKey: string | null;
}
const EMPTY: Draft = { category: null, text: '', aboutLeadership: false, subjectName: '', anonymous: true, contactName: '', contactPhone: '', photos: [], idempotencyKey: null };

export function ReportForm({ code, onDone }: { code: string; onDone: (receipt: string) => void }) {
  const t = useT();
  const storageKey = `report:${code}`;
  const [d, setD] = useState<Draft>(() => {
    const saved = loadDraft<Draft>(storageKey);
    // Photos still uploading when the page went away are gone; uploaded ones are kept (without preview).
    return saved ? { ...EMPTY, ...saved, photos: saved.photos.filter((p) => p.id).map(({ preview: _, ...p }) => p) } : EMPTY;
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const [failedOnce, setFailedOnce] = useState(false);

  useEffect(() => saveDraft(storageKey, { ...d, photos: d.photos.filter((p) => p.id).map(({ preview: _, ...p }) => p) }), [d, storageKey]);
  const set = (p: Partial<Draft>) => setD((x) => ({ ...x, ...p }));

  const problems = {
    category: !d.category ? t.categoryRequired : null,
    text: d.text.trim().length < 5 ? t.textRequired : null,
    phone: !d.anonymous && d.contactPhone.trim() && !/^1\d{10}$/.test(d.contactPhone.trim()) ? t.phoneInvalid : null,
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    setError(null);
    if (problems.category || problems.text || problems.phone) return;
    if (photosBusy(d.photos)) return setError(t.photosBusy);
    // One key per draft, stored before the first attempt: a retry after a lost answer reuses it.
    const idempotencyKey = d.idempotencyKey ?? newIdempotencyKey();
    const draft = { ...d, idempotencyKey };
    setD(draft);
    saveDraft(storageKey, { ...draft, photos: draft.photos.filter((p) => p.id).map(({ preview: _, ...p }) => p) });
    setBusy(true);
    try {
      const { receipt } = await submitWithPow<{ receipt: string }>('/api/public/reports', {
        code,
        category: d.category,
        text: d.text.trim(),
        aboutLeadership: d.aboutLeadership,
        subjectName: d.subjectName.trim() || null,
        anonymous: d.anonymous,
        contactName: d.anonymous ? null : d.contactName.trim() || null,
        contactPhone: d.anonymous ? null : d.contactPhone.trim() || null,
        photos: d.photos.filter((p) => p.id).map((p) => p.id),
        idempotencyKey,
      });
      clearDraft(storageKey);
      onDone(receipt);
    } catch (err) {
      setFailedOnce(true);
      setError(failureText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="p-card" onSubmit={submit} noValidate data-testid="report-form">
      <h2 className="p-title">{t.report}</h2>
      <fieldset className="p-field">
        <legend className="p-label">{t.category}</legend>
        <div className="p-choices">
          {CATEGORIES.map((c) => (
            <label key={c} className={`p-choice${d.category === c ? ' p-choice-on' : ''}`}>
              <input type="radio" name="category" value={c} checked={d.category === c} onChange={() => set({ category: c })} />
              {t.categories[c]}
            </label>
          ))}
        </div>
        {tried && problems.category && <div className="p-error-text">{problems.category}</div>}
      </fieldset>
      <div className="p-field">
        <label className="p-label" htmlFor="r-text">
          {t.text}
        </label>
        <textarea id="r-text" rows={5} maxLength={4000} placeholder={t.textPh} value={d.text} onChange={(e) => set({ text: e.target.value })} />
        {tried && problems.text && <div className="p-error-text">{problems.text}</div>}
      </div>
      <div className="p-field">
        <label className="p-check">
          <input type="checkbox" checked={d.aboutLeadership} onChange={(e) => set({ aboutLeadership: e.target.checked })} data-testid="about-leadership" />
          <span>
            {t.aboutLeadership}
            <span className="p-hint">{t.aboutLeadershipHint}</span>
          </span>
        </label>
      </div>
      <div className="p-field">
        <label className="p-label" htmlFor="r-subject">
          {t.subjectName}
          <span className="p-muted">{t.optional}</span>
        </label>
        <input id="r-subject" maxLength={50} placeholder={t.subjectNamePh} value={d.subjectName} onChange={(e) => set({ subjectName: e.target.value })} />
      </div>
      <Photos where={{ code }} value={d.photos} onChange={(photos) => setD((x) => ({ ...x, photos }))} />
      <div className="p-field">
        <label className="p-check">
          <input type="checkbox" checked={d.anonymous} onChange={(e) => set({ anonymous: e.target.checked })} data-testid="anonymous" />
          <span>
            {t.anonymous}
            <span className="p-hint">{t.anonymousHint}</span>
          </span>
        </label>
      </div>
      {!d.anonymous && (
        <div className="p-contact">
          <div className="p-field">
            <label className="p-label" htmlFor="r-name">
              {t.contactName}
              <span className="p-muted">{t.optional}</span>
            </label>
            <input id="r-name" maxLength={50} autoComplete="name" value={d.contactName} onChange={(e) => set({ contactName: e.target.value })} />
          </div>
          <div className="p-field">
            <label className="p-label" htmlFor="r-phone">
              {t.contactPhone}
              <span className="p-muted">{t.optional}</span>
            </label>
            <input id="r-phone" type="tel" inputMode="numeric" maxLength={11} autoComplete="tel" value={d.contactPhone} onChange={(e) => set({ contactPhone: e.target.value })} />
            {tried && problems.phone && <div className="p-error-text">{problems.phone}</div>}
          </div>
          <div className="p-hint">{t.contactHint}</div>
        </div>
      )}
      {error && <ErrorBox>{error}</ErrorBox>}
      <SubmitButton busy={busy} label={failedOnce ? t.retry : t.submit} busyLabel={t.submitting} testId="report-submit" />
    </form>
  );
}
