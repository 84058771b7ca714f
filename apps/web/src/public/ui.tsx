/** Small shared pieces of the phone pages: the submit button with its busy state, errors, the copy helper. */
import type { ReactNode } from 'react';
import { PublicError } from './api.ts';
import type { PDict } from './i18n.ts';

export function SubmitButton({ busy, label, busyLabel, testId }: { busy: boolean; label: string; busyLabel: string; testId?: string }) {
  return (
    <button type="submit" className="p-btn p-btn-primary p-btn-block" disabled={busy} aria-busy={busy} data-testid={testId}>
      {busy && <span className="p-spinner" aria-hidden="true" />}
      {busy ? busyLabel : label}
    </button>
  );
}

export function ErrorBox({ children }: { children: ReactNode }) {
  return (
    <div className="p-alert p-alert-error" role="alert" data-testid="public-error">
      {children}
    </div>
  );
}

/** The message for a failed submission (network failures get the "nothing was lost" wording). */
export function failureText(t: PDict, e: unknown): string {
  if (e instanceof PublicError) {
    if (e.status === 0) return t.networkError;
    const named = e.fields.map((f) => f.message).filter(Boolean);
    return named.length ? named.join('；') : e.message;
  }
  return t.unexpected;
}

/** Copies text; falls back to a selected textarea where the clipboard API is missing (plain HTTP, old WebViews). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the old way
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  document.body.appendChild(ta);
  ta.select();
  ta.setSelectionRange(0, text.length);
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  ta.remove();
  return ok;
}

/** "2025-03-01 14:05" in China time. */
export function shanghaiTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
