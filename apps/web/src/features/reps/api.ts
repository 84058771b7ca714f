/** The office's sales-rep data: registry, rules, bookings, the reception desk, visits, violations, blacklist, figures. */
import type {
  TBadge,
  TBlacklistEntry,
  TBooking,
  TDeskPreview,
  TLadderPreview,
  TPage,
  TPurchaseSuspension,
  TReceptionRules,
  TRepCompany,
  TRepDetail,
  TRepFigures,
  TRepSummary,
  TSanction,
  TSlot,
  TViolation,
  TVisit,
} from '@qinglian/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query, request } from '../../lib/api.ts';

const KEY = 'reps';

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: [KEY] });
}

/** A GET query under the module's key (lists keep the previous page while the next loads). */
function useGet<T>(path: string, query?: Query, enabled = true) {
  return useQuery({
    queryKey: [KEY, path, query],
    queryFn: ({ signal }) => api.get<T>(path, query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const useReps = (q: Query) => useGet<TPage<TRepSummary>>('/api/reps/reps', q);
export const useRep = (id: string | null) => useGet<TRepDetail>(`/api/reps/reps/${id}`, undefined, !!id);
export const useCompanies = (q: Query) => useGet<TPage<TRepCompany>>('/api/reps/companies', q);
export const useRules = (institutionId?: string) => useGet<TReceptionRules>('/api/reps/rules', { institutionId });
export const useCalendar = (from: string, to: string, institutionId?: string) => useGet<{ items: TSlot[] }>('/api/reps/calendar', { from, to, institutionId });
export const useBookings = (q: Query) => useGet<TPage<TBooking>>('/api/reps/bookings', q);
export const useVisits = (q: Query) => useGet<TPage<TVisit>>('/api/reps/visits', q);
export const useBadge = (id: string | undefined) => useGet<TBadge>(`/api/reps/visits/${id}/badge`, undefined, !!id);
export const useHosting = (q: Query) => useGet<TPage<TVisit>>('/api/reps/hosting', q);
export const useViolations = (q: Query) => useGet<TPage<TViolation>>('/api/reps/violations', q);
export const useSanctions = (q: Query) => useGet<TPage<TSanction>>('/api/reps/sanctions', q);
export const useBlacklist = (q: Query) => useGet<TPage<TBlacklistEntry>>('/api/reps/blacklist', q);
export const useFigures = (q: Query) => useGet<TRepFigures>('/api/reps/figures', q);
/** The violation recorded from a case, if any (only asked by those who may record one). */
export const useCaseViolations = (caseId: string, enabled: boolean) => useGet<TPage<TViolation>>('/api/reps/violations', { caseId, pageSize: 1 }, enabled);
export const useSuspensions = (q: Query) => useGet<TPage<TPurchaseSuspension>>('/api/reps/suspensions', q);
/** The rung a confirmed violation of this rep would reach at the caller's institution. */
export const useLadderPreview = (repId: string | undefined) => useGet<TLadderPreview>('/api/reps/ladder/preview', { repId }, !!repId);

/** A mutation that refreshes every rep query when it succeeds. */
export function useRepsMutation<V, R = unknown>(fn: (v: V) => Promise<R>) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: fn, onSuccess: invalidate });
}

export const decideRep = (id: string, body: object) => api.post<TRepDetail>(`/api/reps/reps/${id}/decision`, body);
export const createCompany = (body: object) => api.post<TRepCompany>('/api/reps/companies', body);
export const saveRules = (body: object) => request<TReceptionRules>('/api/reps/rules', { method: 'PUT', body });
export const decideBooking = (id: string, body: object) => api.post<TBooking>(`/api/reps/bookings/${id}/decide`, body);
export const deskPreview = (code: string) => api.post<TDeskPreview>('/api/reps/checkin/preview', { code });
export const deskRefuse = (body: { code: string; note?: string }) => api.post<{ violationId: string }>('/api/reps/checkin/refuse', body);
export const violationFromCase = (body: { caseId: string; repId: string; description?: string }) => api.post<TViolation>('/api/reps/violations/from-case', body);
export const checkIn = (code: string) => api.post<{ visit: TVisit; badge: TBadge }>('/api/reps/checkin', { code });
export const checkOut = (code: string) => api.post<TVisit>('/api/reps/checkout', { code });
export const writeRecord = (id: string, body: object) => request<TVisit>(`/api/reps/hosting/${id}/record`, { method: 'PUT', body });
export const confirmRecord = (id: string) => api.post<TVisit>(`/api/reps/hosting/${id}/confirm`);
export const reportSighting = (body: object) => api.post<TViolation>('/api/reps/sightings', body);
export const recordViolation = (body: object) => api.post<TViolation>('/api/reps/violations', body);
export const decideViolation = (id: string, body: object) => api.post<TViolation>(`/api/reps/violations/${id}/decide`, body);
export const addToBlacklist = (body: object) => api.post<TBlacklistEntry>('/api/reps/blacklist', body);
export const liftBlacklist = (id: string, reason: string) => api.post<TBlacklistEntry>(`/api/reps/blacklist/${id}/lift`, { reason });
