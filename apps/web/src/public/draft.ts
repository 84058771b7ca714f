/**
 * Drafts of the phone forms, kept in sessionStorage: a reload, a dropped connection or the phone
 * switching apps loses nothing, and the idempotency key made for a draft survives too, so
 * re-submitting after a network failure can never create a second report.
 */

/** 18 random bytes as base64url (24 characters): the submission's idempotency key. */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

const name = (key: string) => `ql_draft:${key}`;

/** The saved draft, or null. */
export function loadDraft<T>(key: string): T | null {
  try {
    const raw = sessionStorage.getItem(name(key));
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

/** Saves a draft (silently skipped where storage is refused). */
export function saveDraft(key: string, value: unknown): void {
  try {
    sessionStorage.setItem(name(key), JSON.stringify(value));
  } catch {
    // private mode or full: the form still works, only a reload would lose it
  }
}

/** Forgets a draft after it was submitted. */
export function clearDraft(key: string): void {
  try {
    sessionStorage.removeItem(name(key));
  } catch {
    // see saveDraft
  }
}
