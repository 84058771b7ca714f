/** Sign-in accounts: list, create, change role/department, lock and 2FA resets, password resets. */
import type { TAccount, TPage, TRole } from '@qinglian/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../lib/api.ts';

const KEY = 'accounts';

/** A page of accounts in scope. */
export function useAccounts(query: Query) {
  return useQuery({
    queryKey: [KEY, query],
    queryFn: ({ signal }) => api.get<TPage<TAccount>>('/api/accounts', query, signal),
    placeholderData: keepPreviousData,
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: [KEY] }), qc.invalidateQueries({ queryKey: ['dashboard'] })]);
}

export interface AccountInput {
  username: string;
  role: TRole;
  personId?: string | null;
  institutionId?: string | null;
  departmentId?: string | null;
  password: string;
}

/** Creates an account. */
export function useCreateAccount() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: AccountInput) => api.post<TAccount>('/api/accounts', body), onSuccess: invalidate });
}

export interface AccountPatch {
  role?: TRole;
  active?: boolean;
  unlock?: boolean;
  resetTotp?: boolean;
  departmentId?: string | null;
}

/** Changes role, department, lock, 2FA or active state. */
export function usePatchAccount() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: AccountPatch }) => api.patch<TAccount>(`/api/accounts/${id}`, patch),
    onSuccess: invalidate,
  });
}

/** Sets a new password for someone else's account. */
export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) => api.post(`/api/accounts/${id}/password`, { password }),
  });
}
