/** Sign-in, sign-out and the user's own security settings. */
import type { TLoginInput, TMe } from '@qinglian/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, request, setCsrfToken } from '../../lib/api.ts';
import { ME_KEY } from '../../lib/session.tsx';

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

/** Signs in; a 401 `totp_required` means: ask for the code and call again with `totp`. */
export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: TLoginInput) => request<TMe>('/api/auth/login', { method: 'POST', body: input, skipAuthRedirect: true }),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      // Nothing cached for a previous user may leak into this session.
      qc.removeQueries();
      qc.setQueryData(ME_KEY, me);
    },
  });
}

/** Ends the session and returns to the login page. */
export function useLogout() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => request('/api/auth/logout', { method: 'POST', skipAuthRedirect: true }).catch(() => undefined),
    onSettled: () => {
      navigate('/login', { replace: true });
      setCsrfToken(null);
      qc.removeQueries();
      qc.setQueryData(ME_KEY, null);
    },
  });
}

function useRefreshMe() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ME_KEY });
}

/** Changes the user's own password. */
export function useChangePassword() {
  const refresh = useRefreshMe();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api.post('/api/auth/password', body),
    onSuccess: refresh,
  });
}

/** Starts binding an authenticator: a new secret and its QR code. */
export function useTotpSetup() {
  return useMutation({ mutationFn: () => api.post<TotpSetup>('/api/auth/totp/setup') });
}

/** Confirms the authenticator with one code; from then on sign-in asks for it. */
export function useTotpConfirm() {
  const refresh = useRefreshMe();
  return useMutation({ mutationFn: (code: string) => api.post('/api/auth/totp/confirm', { code }), onSuccess: refresh });
}

/** Turns the second factor off (asks for the password). */
export function useTotpDisable() {
  const refresh = useRefreshMe();
  return useMutation({ mutationFn: (password: string) => api.post('/api/auth/totp/disable', { password }), onSuccess: refresh });
}
