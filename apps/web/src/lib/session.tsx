/** Who is signed in: the /api/auth/me query, the context pages read it from, and permission checks. */
import type { TMe, TPermission } from '@qinglian/contracts';
import { useQuery } from '@tanstack/react-query';
import { createContext, useCallback, useContext } from 'react';
import { ApiError, request, setCsrfToken } from './api.ts';

export const ME_KEY = ['me'] as const;

/** Fetches the current identity; null when not signed in. */
export async function fetchMe(): Promise<TMe | null> {
  try {
    const me = await request<TMe>('/api/auth/me', { skipAuthRedirect: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

/** The identity query (shared by the route guard and the login page). */
export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

let expired = false;

/** Notes that a signed-in session ended on its own (the login page then says so). */
export function markSessionExpired(): void {
  expired = true;
}

/** True after a session ended on its own, until cleared. */
export function sessionExpired(): boolean {
  return expired;
}

/** Forgets the expiry note (once the login page has shown it). */
export function clearSessionExpired(): void {
  expired = false;
}

export const MeContext = createContext<TMe | null>(null);

/** The signed-in user; only inside the authenticated part of the app. */
export function useMe(): TMe {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside the signed-in layout');
  return me;
}

/** A checker for the user's permissions (from TMe.permissions, the server's own list). */
export function useCan(): (p: TPermission) => boolean {
  const me = useMe();
  return useCallback((p: TPermission) => me.permissions.includes(p), [me]);
}

/** True for users whose view spans the region (they pick an institution in filters and forms). */
export function useIsRegionUser(): boolean {
  return useMe().institutionId === null;
}
