/** Rating (stars and tags) and praise (online, letter or banner): counted, not handled as cases. */
import { type FormEvent, useEffect, useState } from 'react';
import { submitWithPow } from './api.ts';
import { clearDraft, loadDraft, newIdempotencyKey, saveDraft } from './draft.ts';
import { type PDict, useT } from './i18n.ts';
import { ErrorBox, failureText, SubmitButton } from './ui.tsx';

type Tag = keyof PDict['tags'];
type Form = keyof PDict['praiseForms'];
const TAGS: Tag[] = ['friendly', 'clear_explanation', 'timely', 'clean', 'long_wait', 'unclear_charges', 'poor_attitude', 'pushy_selling'];
const FORMS: Form[] = ['online', 'letter', 'banner'];

interface Draft {
  stars: number;
  tags: Tag[];
  praiseForm: Form;
  text: string;
  idempotencyKey: string | null;
}

export function FeedbackForm({ code, kind, onDone }: { code: string; kind: 'rating' | 'praise'; onDone: () => void }) {
  const t = useT();
  const storageKey = `${kind}:${code}`;
  const [d, setD] = useState<Draft>(() => ({ stars: 0, tags: [], praiseForm: 'online', text: '', idempotencyKey: null, ...loadDraft<Draft>(storageKey) }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  useEffect(() => saveDraft(storageKey, d), [d, storageKey]);

  const problem = kind === 'rating' ? (d.stars < 1 ? t.starsRequired : null) : d.text.trim().length < 2 ? t.praiseTextRequired : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    setError(null);
    if (problem) return;
    const idempotencyKey = d.idempotencyKey ?? newIdempotencyKey();
    setD({ ...d, idempotencyKey });
    saveDraft(storageKey, { ...d, idempotencyKey });
    setBusy(true);
    try {
      await submitWithPow('/api/public/feedback', {
        code,
        kind,
        stars: kind === 'rating' ? d.stars : null,
        tags: kind === 'rating' ? d.tags : [],
        praiseForm: kind === 'praise' ? d.praiseForm : null,
        text: d.text.trim(),
        idempotencyKey,
      });
      clearDraft(storageKey);
      onDone();
    } catch (err) {
      setError(failureText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const toggle = (tag: Tag) => setD((x) => ({ ...x, tags: x.tags.includes(tag) ? x.tags.filter((y) => y !== tag) : [...x.tags, tag] }));

  return (
    <form className="p-card" onSubmit={submit} noValidate data-testid={`${kind}-form`}>
      <h2 className="p-title">{kind === 'rating' ? t.rate : t.praise}</h2>
      {kind === 'rating' ? (
        <>
          <fieldset className="p-field">
            <legend className="p-label">{t.stars}</legend>
            <div className="p-stars">
              {[1, 2, 3, 4, 5].map((n) => (
                <button
                  key={n}
                  type="button"
                  className={`p-star${n <= d.stars ? ' p-star-on' : ''}`}
                  aria-label={t.star(n)}
                  aria-pressed={n === d.stars}
                  onClick={() => setD((x) => ({ ...x, stars: n }))}
                  data-testid={`star-${n}`}
                >
                  ★
                </button>
              ))}
              <span className="p-star-word">{t.starWords[d.stars]}</span>
            </div>
            {tried && problem && <div className="p-error-text">{problem}</div>}
          </fieldset>
          <fieldset className="p-field">
            <legend className="p-label">{t.tagsLabel}</legend>
            <div className="p-tags">
              {TAGS.map((tag) => (
                <button key={tag} type="button" className={`p-tag${d.tags.includes(tag) ? ' p-tag-on' : ''}`} aria-pressed={d.tags.includes(tag)} onClick={() => toggle(tag)}>
                  {t.tags[tag]}
                </button>
              ))}
            </div>
          </fieldset>
        </>
      ) : (
        <fieldset className="p-field">
          <legend className="p-label">{t.praiseForm}</legend>
          <div className="p-choices p-choices-row">
            {FORMS.map((f) => (
              <label key={f} className={`p-choice${d.praiseForm === f ? ' p-choice-on' : ''}`}>
                <input type="radio" name="praiseForm" value={f} checked={d.praiseForm === f} onChange={() => setD((x) => ({ ...x, praiseForm: f }))} />
                {t.praiseForms[f]}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <div className="p-field">
        <label className="p-label" htmlFor="f-text">
          {kind === 'rating' ? t.comment : t.praiseText}
          {kind === 'rating' && <span className="p-muted">{t.optional}</span>}
        </label>
        <textarea
          id="f-text"
          rows={4}
          maxLength={4000}
          placeholder={kind === 'rating' ? t.commentPh : t.praiseTextPh}
          value={d.text}
          onChange={(e) => setD((x) => ({ ...x, text: e.target.value }))}
        />
        {kind === 'praise' && tried && problem && <div className="p-error-text">{problem}</div>}
      </div>
      {error && <ErrorBox>{error}</ErrorBox>}
      <SubmitButton busy={busy} label={t.submit} busyLabel={t.submitting} testId={`${kind}-submit`} />
    </form>
  );
}
