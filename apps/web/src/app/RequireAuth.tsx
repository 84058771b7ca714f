/**
 * The gate of the signed-in console: no session → login page; a pending second-factor set-up or an
 * initial password → the settings page, with the reason shown there.
 */
import type { TMe } from '@qinglian/contracts';
import { Button, Flex } from 'antd';
import { lazy, Suspense, useEffect } from 'react';
import { Navigate, useLocation } from 'react-router';
import { FullPageSpin } from '../components/Status.tsx';
import { api } from '../lib/api.ts';
import { hasStoredLocale } from '../lib/i18n/current.ts';
import { useI18n } from '../lib/i18n/index.tsx';
import { MeContext, useMeQuery } from '../lib/session.tsx';

const AppLayout = lazy(() => import('./AppLayout.tsx'));

/** Where a signed-in user must go first, if anywhere. */
export function gateOf(me: TMe): 'totp' | 'password' | null {
  if (me.totpRequired) return 'totp';
  if (me.mustChangePassword) return 'password';
  return null;
}

/**
 * A language chosen on this browser (say on the login page) wins and is saved to the account;
 * otherwise the account's saved language is used.
 */
function useSyncLocale(me: TMe | null | undefined) {
  const { locale, setLocale } = useI18n();
  const accountId = me?.accountId;
  const saved = me?.locale;
  // biome-ignore lint/correctness/useExhaustiveDependencies: sync once per account, not on every switch
  useEffect(() => {
    if (!accountId || !saved || saved === locale) return;
    if (hasStoredLocale()) api.post('/api/auth/locale', { locale }).catch(() => undefined);
    else void setLocale(saved);
  }, [accountId]);
}

/** Route element of the signed-in console: identity, gates, layout. */
export function RequireAuth() {
  const { t } = useI18n();
  const { data: me, isPending, error, refetch } = useMeQuery();
  const location = useLocation();
  useSyncLocale(me);
  if (isPending) return <FullPageSpin />;
  // Plain markup rather than antd Result: this file is in the entry chunk the login page loads.
  if (error)
    return (
      <Flex vertical align="center" justify="center" gap={12} style={{ minHeight: '60vh' }} role="alert">
        <p style={{ margin: 0 }}>{error.message}</p>
        <Button type="primary" onClick={() => refetch()}>
          {t.common.reload}
        </Button>
      </Flex>
    );
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  const gate = gateOf(me);
  if (gate && location.pathname !== '/settings') return <Navigate to={`/settings?section=${gate}`} replace />;
  return (
    <MeContext.Provider value={me}>
      <Suspense fallback={<FullPageSpin />}>
        <AppLayout />
      </Suspense>
    </MeContext.Provider>
  );
}
