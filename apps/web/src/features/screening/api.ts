/** Screening (数据碰撞): imports, rule parameter versions, runs, alerts and the summary. */
import type { TPage, TParamVersion, TRuleParams, TScreeningAlert, TScreeningAlertDetail, TScreeningImport, TScreeningKind, TScreeningRun, TScreeningRunInput, TScreeningSummary } from '@qinglian/contracts';
import { useCallback } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, getCsrfToken, type Query, request } from '../../lib/api.ts';
import { currentDict } from '../../lib/i18n/current.ts';

const KEY = 'screening';

function useGet<T>(path: string, query?: Query, opts: { enabled?: boolean; poll?: (data: T | undefined) => number | false; keep?: boolean } = {}) {
  return useQuery({
    queryKey: [KEY, path, query],
    queryFn: ({ signal }) => api.get<T>(path, query, signal),
    // Lists keep the previous page while the next loads; one record never shows another's data.
    placeholderData: opts.keep === false ? undefined : keepPreviousData,
    enabled: opts.enabled ?? true,
    refetchInterval: opts.poll ? (q) => opts.poll!(q.state.data as T | undefined) : undefined,
  });
}

/** While a run is queued or running, the page asks again every second. */
const busyRun = (r: TScreeningRun | null | undefined) => !!r && (r.status === 'queued' || r.status === 'running');

export const useSummary = () => useGet<TScreeningSummary>('/api/screening/summary', undefined, { poll: (d) => (busyRun(d?.lastRun) ? 2000 : false) });
export const useAlerts = (q: Query) => useGet<TPage<TScreeningAlert>>('/api/screening/alerts', q);
export const useAlert = (id: string | undefined) => useGet<TScreeningAlertDetail>(`/api/screening/alerts/${id}`, undefined, { enabled: !!id, keep: false });
export const useImports = (q: Query) => useGet<TPage<TScreeningImport>>('/api/screening/imports', q);
export const useImport = (id: string | null) =>
  useGet<TScreeningImport>(`/api/screening/imports/${id}`, undefined, { enabled: !!id, keep: false, poll: (d) => (!d || d.status === 'running' ? 700 : false) });
export const useRuns = (q: Query) => useGet<TPage<TScreeningRun>>('/api/screening/runs', q, { poll: (d) => (d?.items.some(busyRun) ? 1000 : false) });
export const useRun = (id: string | null) => useGet<TScreeningRun>(`/api/screening/runs/${id}`, undefined, { enabled: !!id, keep: false, poll: (d) => (!d || busyRun(d) ? 1000 : false) });
export const useParamVersions = () => useGet<TPage<TParamVersion>>('/api/screening/params');

/** Reloads the import history (when an import the page follows has ended). */
export function useRefreshImports() {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: [KEY, '/api/screening/imports'], exact: false }), [qc]);
}

/** A mutation that refreshes every screening query when it succeeds. */
export function useScreeningMutation<V, R = unknown>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: [KEY] }) });
}

export const startRun = (body: TScreeningRunInput) => api.post<TScreeningRun>('/api/screening/runs', body);
export const saveParams = (body: { params: TRuleParams; note?: string }) => request<TParamVersion>('/api/screening/params', { method: 'PUT', body });
export const dismissAlert = (id: string, reason: string) => api.post<TScreeningAlertDetail>(`/api/screening/alerts/${id}/dismiss`, { reason });
export const escalateAlert = (id: string, body: { text?: string }) => api.post<{ caseId: string; caseNumber: string }>(`/api/screening/alerts/${id}/escalate`, body);

/**
 * Uploads one file with its kind. XMLHttpRequest rather than fetch: only it reports upload progress,
 * which matters for prescription files of hundreds of megabytes.
 */
export function uploadImport(kind: TScreeningKind, file: File, onProgress: (share: number) => void): Promise<TScreeningImport> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    // The server reads `kind` before the file, so it must come first.
    form.append('kind', kind);
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/screening/imports');
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) return resolve(body as TScreeningImport);
      const e = (body as { error?: { code: string; message: string; details?: unknown } } | undefined)?.error;
      reject(new ApiError(xhr.status, (e?.code ?? 'internal') as ApiError['code'], e?.message ?? currentDict().common.unexpected, e?.details));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', currentDict().common.networkError));
    xhr.send(form);
  });
}
