/** The discipline office's data: cases and their steps, integrity codes, figures, settings, retention. */
import type {
  TAttachment,
  TCaseDetail,
  TCaseSummary,
  TIntegrityCode,
  TPage,
  TPost,
  TReportSettings,
  TReportStats,
} from '@qinglian/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, type Query, request } from '../../lib/api.ts';
import { currentDict } from '../../lib/i18n/current.ts';

const KEY = 'reports';

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: [KEY] });
}

/** One page of the case list. */
export function useCases(query: Query) {
  return useQuery({
    queryKey: [KEY, 'cases', query],
    queryFn: ({ signal }) => api.get<TPage<TCaseSummary>>('/api/reports/cases', query, signal),
    placeholderData: keepPreviousData,
  });
}

/** One case with its timeline (reading it is audited by the server). */
export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'case', id],
    queryFn: ({ signal }) => api.get<TCaseDetail>(`/api/reports/cases/${id}`, undefined, signal),
    enabled: !!id,
    staleTime: 0,
  });
}

/** Accounts that may own the case. */
export function useOwners(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [KEY, 'owners', id],
    queryFn: ({ signal }) => api.get<{ id: string; name: string }[]>(`/api/reports/cases/${id}/owners`, undefined, signal),
    enabled,
  });
}

export type CaseStep = 'assign' | 'triage' | 'dispose' | 'notes' | 'questions' | 'subjects' | 'conclude' | 'feedback' | 'close' | 'recuse';

/**
 * Runs one workflow step on a case. `leaves`: after this step the user no longer sees the case
 * (recusal, a leader named as subject), so it is dropped from the cache instead of re-read.
 */
export function useCaseStep(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ step, body }: { step: CaseStep; body?: unknown; leaves?: boolean }) => api.post<{ ok: true }>(`/api/reports/cases/${id}/${step}`, body ?? {}),
    onSuccess: (_, { leaves }) => {
      if (leaves) qc.removeQueries({ queryKey: [KEY, 'case', id] });
      return qc.invalidateQueries({ queryKey: [KEY], predicate: (q) => !(leaves && q.queryKey[1] === 'case' && q.queryKey[2] === id) });
    },
  });
}

/** Enters a report that came by another channel; answers with the receipt for the reporter. */
export function useCreateCase() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: object) => api.post<{ id: string; number: string; receipt: string }>('/api/reports/cases', body),
    onSuccess: invalidate,
  });
}

/** The reporter's contact, for a stated reason (audited). Never cached. */
export function useRevealContact(id: string) {
  return useMutation({ mutationFn: (reason: string) => api.post<{ name: string | null; phone: string | null }>(`/api/reports/cases/${id}/contact`, { reason }) });
}

/** Uploads one evidence file. */
export function uploadAttachment(file: File): Promise<TAttachment> {
  const fd = new FormData();
  fd.append('file', file, file.name);
  return request<TAttachment>('/api/attachments', { method: 'POST', body: fd });
}

/** Leaders' person ids of an institution (naming one as subject moves the case to the region). */
export function useLeaderIds(institutionId: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'leaders', institutionId],
    queryFn: async ({ signal }) =>
      new Set(
        (await api.get<TPage<TPost>>('/api/org/posts', { institutionId, cadreLevel: 'leader', active: true, pageSize: 500 }, signal)).items.map((p) => p.personId),
      ),
    enabled: !!institutionId,
    staleTime: 5 * 60_000,
  });
}

// ── codes ─────────────────────────────────────────────────────────────────

/** One page of integrity codes. */
export function useCodes(query: Query) {
  return useQuery({
    queryKey: [KEY, 'codes', query],
    queryFn: ({ signal }) => api.get<TPage<TIntegrityCode>>('/api/reports/codes', query, signal),
    placeholderData: keepPreviousData,
  });
}

/** Makes the missing codes of an institution. */
export function useGenerateCodes() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { institutionId: string; kind: TIntegrityCode['kind']; departmentIds?: string[]; personIds?: string[] }) =>
      api.post<{ created: number; existing: number }>('/api/reports/codes/generate', body),
    onSuccess: invalidate,
  });
}

/** Retires a code and issues a new one. */
export function useReplaceCode() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => api.post<TIntegrityCode>(`/api/reports/codes/${id}/replace`), onSuccess: invalidate });
}

/** A code's QR as SVG markup (fetched with the session; the server renders it). */
export function useQrSvg(id: string) {
  return useQuery({
    queryKey: [KEY, 'qr', id],
    queryFn: async ({ signal }) => {
      const res = await fetch(`/api/reports/codes/${id}/qr.svg`, { credentials: 'same-origin', signal });
      if (!res.ok) throw new ApiError(res.status, res.status === 404 ? 'not_found' : 'internal', currentDict().common.unexpected);
      const svg = await res.text();
      if (!svg.trimStart().startsWith('<svg') && !svg.trimStart().startsWith('<?xml')) throw new ApiError(500, 'internal', currentDict().common.unexpected);
      return svg;
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

// ── settings, figures, retention ─────────────────────────────────────────

/** The report settings of an institution. */
export function useReportSettings(institutionId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [KEY, 'settings', institutionId],
    queryFn: ({ signal }) => api.get<TReportSettings>('/api/reports/settings', { institutionId }, signal),
    enabled: enabled && !!institutionId,
  });
}

/** Saves report settings. */
export function useSaveReportSettings() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ institutionId, values }: { institutionId: string; values: Partial<TReportSettings> }) =>
      request<TReportSettings>('/api/reports/settings', { method: 'PATCH', query: { institutionId }, body: values }),
    onSuccess: invalidate,
  });
}

/** The figures of reports, ratings and praise. */
export function useReportStats(query: Query) {
  return useQuery({
    queryKey: [KEY, 'stats', query],
    queryFn: ({ signal }) => api.get<TReportStats>('/api/reports/stats', query, signal),
    placeholderData: keepPreviousData,
  });
}

export interface RetentionItem {
  id: string;
  number: string;
  institutionName: string;
  closedAt: string;
  dueSince: string;
}

/** Closed cases past their retention period. */
export function useRetention() {
  return useQuery({
    queryKey: [KEY, 'retention'],
    queryFn: async ({ signal }) => (await api.get<{ items: RetentionItem[] }>('/api/reports/retention', undefined, signal)).items,
  });
}

/** Erases the content of due cases, for a reason. */
export function usePurge() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: { ids: string[]; reason: string }) => api.post<{ purged: number }>('/api/reports/retention/purge', body), onSuccess: invalidate });
}
