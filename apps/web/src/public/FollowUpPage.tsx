/**
 * /report: the reporter comes back with the receipt — status in plain words, the history of messages
 * (the office's questions, their answers, the outcome) and, while the case is open, a reply box.
 */
import type { TPublicStatus } from '@qinglian/contracts';
import { type FormEvent, useEffect, useState } from 'react';
import { fetchStatus, PublicError, sendReply } from './api.ts';
import { useT } from './i18n.ts';
import { type Photo, Photos, photosBusy } from './Photos.tsx';
import { HANDOFF } from './Receipt.tsx';
import { ErrorBox, failureText, SubmitButton, shanghaiTime } from './ui.tsx';

/** Forgiving input: spaces and any dash-like characters go; case is the server's business. */
const tidy = (s: string) => s.trim().replace(/[\s\u2010-\u2015\u2212\uff0d_]+/g, '-').replace(/-+/g, '-');

export function FollowUpPage() {
  const t = useT();
  const [input, setInput] = useState('');
  const [receipt, setReceipt] = useState<string | null>(null);
  const [status, setStatus] = useState<TPublicStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const look = async (r: string) => {
    setBusy(true);
    setError(null);
    try {
      setStatus(await fetchStatus(r));
      setReceipt(r);
    } catch (e) {
      setError(failureText(t, e));
    } finally {
      setBusy(false);
    }
  };

  // Coming straight from the receipt screen: use it once, then forget it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once on arrival
  useEffect(() => {
    let handed: string | null = null;
    try {
      handed = sessionStorage.getItem(HANDOFF);
      sessionStorage.removeItem(HANDOFF);
    } catch {
      handed = null;
    }
    if (handed) {
      setInput(handed);
      void look(handed);
    }
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = tidy(input);
    if (r.replace(/[^0-9a-z]/gi, '').length < 10) return setError(t.receiptRequired);
    void look(r);
  };

  if (status && receipt)
    return (
      <StatusView
        status={status}
        receipt={receipt}
        onRefresh={() => look(receipt)}
        onOther={() => {
          setStatus(null);
          setReceipt(null);
          setInput('');
        }}
      />
    );

  return (
    <form className="p-card" onSubmit={submit} noValidate data-testid="follow-up-form">
      <h2 className="p-title">{t.followUp}</h2>
      <p className="p-hint">{t.fuIntro}</p>
      <div className="p-field">
        <label className="p-label" htmlFor="fu-receipt">
          {t.receiptInput}
        </label>
        <input
          id="fu-receipt"
          className="p-mono"
          autoCapitalize="characters"
          autoCorrect="off"
          autoComplete="off"
          spellCheck={false}
          maxLength={80}
          placeholder={t.receiptPh}
          value={input}
          onChange={(e) => setInput(e.target.value)}
          data-testid="receipt-input"
        />
      </div>
      {error && <ErrorBox>{error}</ErrorBox>}
      <SubmitButton busy={busy} label={t.query} busyLabel={t.querying} testId="receipt-submit" />
    </form>
  );
}

function StatusView({ status, receipt, onRefresh, onOther }: { status: TPublicStatus; receipt: string; onRefresh: () => Promise<void>; onOther: () => void }) {
  const t = useT();
  const last = status.messages[status.messages.length - 1];
  const waiting = status.canReply && last?.kind === 'question';
  return (
    <>
      <section className="p-card" data-testid="status-view">
        <div className="p-status" data-status={status.status} data-testid="status-text">
          <span className="p-muted">{t.statusLabel}</span>
          <strong>{t.statuses[status.status]}</strong>
        </div>
        <p className="p-hint">{t.statusHints[status.status]}</p>
        <dl className="p-facts">
          <dt>{t.number}</dt>
          <dd className="p-mono">{status.number}</dd>
          <dt>{t.institution}</dt>
          <dd>{status.institutionName}</dd>
          {status.category && (
            <>
              <dt>{t.category2}</dt>
              <dd>{t.categories[status.category]}</dd>
            </>
          )}
          <dt>{t.submittedAt}</dt>
          <dd>{shanghaiTime(status.createdAt)}</dd>
          <dt>{t.updatedAt}</dt>
          <dd>{shanghaiTime(status.updatedAt)}</dd>
        </dl>
      </section>
      {status.outcome && (
        <section className="p-card p-outcome" data-testid="outcome">
          <h3 className="p-subtitle">{t.outcome}</h3>
          <p>{status.outcome}</p>
        </section>
      )}
      {waiting && <div className="p-alert p-alert-warn">{t.questionWaiting}</div>}
      <section className="p-card">
        <h3 className="p-subtitle">{t.timeline}</h3>
        <ol className="p-timeline" data-testid="timeline">
          {status.messages.map((m, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: messages have no id on the public side
            <li key={i} className={`p-msg p-msg-${m.from} p-msg-${m.kind}`} data-kind={m.kind}>
              <div className="p-msg-head">
                <strong>{t.kinds[m.kind] ?? t.who[m.from]}</strong>
                <span>{shanghaiTime(m.at)}</span>
              </div>
              {m.text && <div className="p-msg-text">{m.text}</div>}
              {m.photos > 0 && <div className="p-muted">{t.photoCount(m.photos)}</div>}
            </li>
          ))}
        </ol>
      </section>
      {status.canReply ? <ReplyBox receipt={receipt} onSent={onRefresh} /> : <p className="p-hint p-center">{t.closedNote}</p>}
      <button type="button" className="p-btn p-btn-ghost p-btn-block" onClick={onOther}>
        {t.otherReceipt}
      </button>
    </>
  );
}

function ReplyBox({ receipt, onSent }: { receipt: string; onSent: () => Promise<void> }) {
  const t = useT();
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSent(false);
    if (!text.trim()) return setError(t.replyRequired);
    if (photosBusy(photos)) return setError(t.photosBusy);
    setBusy(true);
    try {
      await sendReply(
        receipt,
        text.trim(),
        photos.filter((p) => p.id).map((p) => p.id!),
      );
      setText('');
      setPhotos([]);
      setSent(true);
      await onSent();
    } catch (err) {
      setError(err instanceof PublicError && err.status === 0 ? t.sendFailed : failureText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="p-card" onSubmit={submit} noValidate data-testid="reply-form">
      <h3 className="p-subtitle">{t.reply}</h3>
      <div className="p-field">
        <textarea aria-label={t.reply} rows={4} maxLength={4000} placeholder={t.replyPh} value={text} onChange={(e) => setText(e.target.value)} data-testid="reply-text" />
      </div>
      <Photos where={{ receipt }} value={photos} onChange={setPhotos} />
      {error && <ErrorBox>{error}</ErrorBox>}
      {sent && <div className="p-alert p-alert-ok">{t.replySent}</div>}
      <SubmitButton busy={busy} label={t.replySubmit} busyLabel={t.submitting} testId="reply-submit" />
    </form>
  );
}
