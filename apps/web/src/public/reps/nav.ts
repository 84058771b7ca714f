/** A tiny history router for the rep pages (/rep, /rep/signup, /rep/profile, /rep/book, /rep/code/<id>). */
import { createContext, useContext } from 'react';
import { PublicError } from '../api.ts';
import type { RDict } from './i18n.ts';

/** Goes to a rep page without reloading. */
export const Nav = createContext<(path: string) => void>(() => undefined);
export const useNav = () => useContext(Nav);

/** The message for a failed call: the server's field messages, else its message. */
export function failure(t: RDict, e: unknown): string {
  if (e instanceof PublicError) {
    if (e.status === 0) return t.networkError;
    const named = e.fields.map((f) => f.message).filter(Boolean);
    return named.length ? named.join('；') : e.message;
  }
  return t.unexpected;
}

/** Today in China as YYYY-MM-DD. */
export const chinaToday = (plusDays = 0) => new Date(Date.now() + 8 * 3600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
