/** Shown only after the server stored the report: the receipt, big and copyable, and why it matters. */
import { useState } from 'react';
import { useT } from './i18n.ts';
import { copyText } from './ui.tsx';

/** Remembers the receipt for one hop to the follow-up page (read once there, then forgotten). */
export const HANDOFF = 'ql_receipt_handoff';

export function Receipt({ receipt }: { receipt: string }) {
  const t = useT();
  const [copied, setCopied] = useState<boolean | null>(null);
  const groups = receipt.split('-');
  const copy = async () => setCopied(await copyText(receipt));
  const follow = () => {
    try {
      sessionStorage.setItem(HANDOFF, receipt);
    } catch {
      // the reporter types it in instead
    }
  };
  return (
    <section className="p-card p-receipt" data-testid="receipt-view">
      <div className="p-done-mark" aria-hidden="true">
        ✓
      </div>
      <h2 className="p-title p-center">{t.receiptTitle}</h2>
      <div className="p-label p-center">{t.receiptLabel}</div>
      <div className="p-receipt-code" data-testid="receipt" aria-label={receipt}>
        {groups.map((g, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: groups of a fixed string
          <span key={i}>
            {g}
            {i < groups.length - 1 && '-'}
            <wbr />
          </span>
        ))}
      </div>
      <button type="button" className="p-btn p-btn-primary p-btn-block" onClick={copy} data-testid="copy-receipt">
        {copied ? t.copied : t.copy}
      </button>
      {copied === false && <div className="p-error-text p-center">{t.copyFailed}</div>}
      <div className="p-alert p-alert-warn" role="note">
        <strong>{t.receiptWarning}</strong>
      </div>
      <p className="p-hint">{t.receiptNext}</p>
      <a className="p-btn p-btn-ghost p-btn-block" href="/report" onClick={follow} data-testid="go-follow-up">
        {t.goFollowUp}
      </a>
    </section>
  );
}
