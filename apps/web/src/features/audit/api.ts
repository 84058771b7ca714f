/** The audit trail: entries, chain verification. */
import type { TAuditEntry, TAuditVerify, TPage } from '@qinglian/contracts';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, type Query } from '../../lib/api.ts';

/** A page of audit entries, newest first. */
export function useAuditEntries(query: Query) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => api.get<TPage<TAuditEntry>>('/api/audit', query, signal),
    placeholderData: keepPreviousData,
  });
}

/** Recomputes the hash chain on the server; a mutation because it is an explicit, slow action. */
export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api.get<TAuditVerify>('/api/audit/verify') });
}
