/** The supervision workbench's data: risk points, checklists and rounds, rectification, talks, cadre assessment. */
import type { TAttachment, TPage, TPerson, TRectification, TRiskPoint, TRound, TTalk } from '@qinglian/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query, request } from '../../lib/api.ts';
import type { Letter, LibraryEntry, Ranking, RiskSummary, RoundFigures, ScoredResult, TalkCounts, Template } from './types.ts';

const KEY = 'supervision';
const P = '/api/supervision';

/** Every supervision read depends on the others (counts, findings, letters): a write refreshes them all. */
function useSaved() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: [KEY] });
}

function useRead<T>(path: string, query?: Query, opts: { enabled?: boolean; keep?: boolean } = {}) {
  return useQuery({
    queryKey: [KEY, path, query ?? {}],
    queryFn: ({ signal }) => api.get<T>(path, query, signal),
    placeholderData: opts.keep ? keepPreviousData : undefined,
    enabled: opts.enabled ?? true,
  });
}

// risk points
export const useRisks = (query: Query) => useRead<TPage<TRiskPoint>>(`${P}/risks`, query, { keep: true });
export const useRisk = (id: string | undefined) => useRead<TRiskPoint>(`${P}/risks/${id}`, undefined, { enabled: !!id });
export const useRiskSummary = (query: Query = {}) => useRead<RiskSummary>(`${P}/risks/summary`, query);
export interface RiskMatrixThresholds {
  medium: number;
  high: number;
  critical: number;
}
/** The scale of each axis with the thresholds (5 × 5 and 5 / 10 / 17 by default). */
export interface RiskMatrixConfig extends RiskMatrixThresholds {
  likelihoodLevels: number;
  impactLevels: number;
}
export const useRiskMatrix = (enabled: boolean, institutionId?: string) =>
  useRead<RiskMatrixConfig & { institutionId: string }>(`${P}/risks/matrix`, institutionId ? { institutionId } : undefined, { enabled });

/** Saves the institution's level thresholds; every level is recomputed from them. */
export function useSaveRiskMatrix() {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: Partial<RiskMatrixConfig>) => api.patch<RiskMatrixConfig>(`${P}/risks/matrix`, body), onSuccess: saved });
}
export const useRiskLibrary = (enabled: boolean) => useRead<LibraryEntry[]>(`${P}/risks/library`, undefined, { enabled });

/** Creates (no id) or edits a risk point; `{ reviewed: true }` records a review. */
export function useSaveRisk() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, values }: { id?: string; values: object }) => (id ? api.patch<TRiskPoint>(`${P}/risks/${id}`, values) : api.post<TRiskPoint>(`${P}/risks`, values)),
    onSuccess: saved,
  });
}

/** Adds (no measureId) or edits a control measure of a point. */
export function useSaveMeasure() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ pointId, measureId, values }: { pointId: string; measureId?: string; values: object }) =>
      measureId ? api.patch<TRiskPoint>(`${P}/risks/${pointId}/measures/${measureId}`, values) : api.post<TRiskPoint>(`${P}/risks/${pointId}/measures`, values),
    onSuccess: saved,
  });
}

/** Copies library entries into the institution (optionally for one department). */
export function useAdopt() {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: { keys: string[]; departmentId?: string | null; institutionId?: string }) => api.post<{ adopted: number; ids: string[] }>(`${P}/risks/adopt`, body),
    onSuccess: saved,
  });
}

// risk additions: measure delete, adopted library keys
export function useDeleteMeasure() {
  const saved = useSaved();
  return useMutation({ mutationFn: ({ pointId, measureId }: { pointId: string; measureId: string }) => api.del<TRiskPoint>(`${P}/risks/${pointId}/measures/${measureId}`), onSuccess: saved });
}
/** Library keys already adopted for the department (or the whole institution without one). */
export const useAdoptedKeys = (enabled: boolean, departmentId: string | undefined) =>
  useRead<string[]>(`${P}/risks/adopted`, departmentId ? { departmentId } : {}, { enabled });

// checklists and rounds
export const useTemplates = () => useRead<Template[]>(`${P}/templates`);
export const useRounds = (query: Query) => useRead<TPage<TRound>>(`${P}/rounds`, query, { keep: true });
export const useRound = (id: string | undefined) => useRead<TRound>(`${P}/rounds/${id}`, undefined, { enabled: !!id });
/** The figures for a period (from / to, Shanghai dates) and the caller's scope. */
export const useRoundFigures = (query: Query = {}) => useRead<RoundFigures>(`${P}/inspections/figures`, query, { keep: true });

export function useCreateTemplate() {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: object) => api.post<Template>(`${P}/templates`, body), onSuccess: saved });
}

export function useCreateRound() {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: object) => api.post<TRound>(`${P}/rounds`, body), onSuccess: saved });
}

/** One step of a round: a department's checklist, a finding, or completion. */
export function useRoundStep(roundId: string) {
  const saved = useSaved();
  return {
    result: useMutation({ mutationFn: (body: object) => api.post<ScoredResult>(`${P}/rounds/${roundId}/results`, body), onSuccess: saved }),
    finding: useMutation({ mutationFn: (body: object) => api.post<{ id: string }>(`${P}/rounds/${roundId}/findings`, body), onSuccess: saved }),
    complete: useMutation({ mutationFn: () => api.post<TRound>(`${P}/rounds/${roundId}/complete`), onSuccess: saved }),
  };
}

// rounds block: editing and cancelling a planned round; editing, copying and (de)activating a template
export function useRoundEdit(roundId: string) {
  const saved = useSaved();
  return {
    update: useMutation({ mutationFn: (body: object) => api.patch<TRound>(`${P}/rounds/${roundId}`, body), onSuccess: saved }),
    cancel: useMutation({ mutationFn: (body: { reason: string }) => api.post<TRound>(`${P}/rounds/${roundId}/cancel`, body), onSuccess: saved }),
  };
}

export function useTemplateEdit() {
  const saved = useSaved();
  return {
    update: useMutation({ mutationFn: ({ id, body }: { id: string; body: object }) => api.patch<Template>(`${P}/templates/${id}`, body), onSuccess: saved }),
    copy: useMutation({ mutationFn: (id: string) => api.post<Template>(`${P}/templates/${id}/copy`), onSuccess: saved }),
  };
}

// rectification
export const useRectifications = (query: Query, enabled = true) => useRead<TPage<TRectification>>(`${P}/rectifications`, query, { keep: true, enabled });
export const useRectification = (id: string | undefined) => useRead<TRectification>(`${P}/rectifications/${id}`, undefined, { enabled: !!id });

/** The department's evidence, and the office's verification. */
export function useRectificationStep(id: string) {
  const saved = useSaved();
  return {
    submit: useMutation({ mutationFn: (body: { evidence: string; attachmentIds: string[] }) => api.post<TRectification>(`${P}/rectifications/${id}/submit`, body), onSuccess: saved }),
    verify: useMutation({ mutationFn: (body: { accepted: boolean; note: string }) => api.post<TRectification>(`${P}/rectifications/${id}/verify`, body), onSuccess: saved }),
  };
}

const letterKey = (id: string) => [KEY, 'letter', id];

/** The suggestion letter: reading never issues a number (the draft until the office issues it). */
export function useLetter(id: string | undefined) {
  return useQuery({ queryKey: letterKey(id ?? ''), queryFn: ({ signal }) => api.get<Letter>(`${P}/rectifications/${id}/letter`, undefined, signal), enabled: !!id });
}

/** Edits the suggestions of a draft, or issues the numbered letter (an explicit, confirmed action). */
export function useLetterStep(id: string) {
  const qc = useQueryClient();
  const done = (letter: Letter) => {
    qc.setQueryData(letterKey(id), letter);
    return qc.invalidateQueries({ queryKey: [KEY, `${P}/rectifications/${id}`] });
  };
  return {
    edit: useMutation({ mutationFn: (body: { suggestions: string }) => api.patch<Letter>(`${P}/rectifications/${id}/letter`, body), onSuccess: done }),
    issue: useMutation({ mutationFn: () => api.post<Letter>(`${P}/rectifications/${id}/letter`), onSuccess: done }),
  };
}

// talks
export const useTalks = (query: Query) => useRead<TPage<TTalk>>(`${P}/talks`, query, { keep: true });
export const useTalkCounts = (query: Query) => useRead<TalkCounts>(`${P}/talks/counts`, query, { keep: true });

export function useCreateTalk() {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: object) => api.post<TTalk>(`${P}/talks`, body), onSuccess: saved });
}

// talk additions: one talk, edit, follow-up done
export const useTalk = (id: string | undefined) => useRead<TTalk>(`${P}/talks/${id}`, undefined, { enabled: !!id });
export function useUpdateTalk() {
  const saved = useSaved();
  return useMutation({ mutationFn: ({ id, values }: { id: string; values: object }) => api.patch<TTalk>(`${P}/talks/${id}`, values), onSuccess: saved });
}
export function useRecordFollowUp() {
  const saved = useSaved();
  return useMutation({ mutationFn: ({ id, values }: { id: string; values: { doneOn: string; result: string } }) => api.post<TTalk>(`${P}/talks/${id}/follow-up`, values), onSuccess: saved });
}

// cadre assessment
export const useRanking = (period: string) => useRead<Ranking>(`${P}/assessments/ranking`, { period }, { keep: true });

// rounds block: how many at the bottom are proposed for a reminder talk
export const useAssessmentSettings = () => useRead<{ institutionId: string; bottomProposed: number }>(`${P}/assessments/settings`);
export function useSaveAssessmentSettings() {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: { bottomProposed: number }) => api.patch<{ bottomProposed: number }>(`${P}/assessments/settings`, body), onSuccess: saved });
}

export function useImportScores() {
  const saved = useSaved();
  return useMutation({ mutationFn: (body: { period: string; rows: { staffNo: string; score: string }[] }) => api.post<{ imported: number }>(`${P}/assessments`, body), onSuccess: saved });
}

// shared helpers
/** Active people of one department (the responsible person of a finding comes from there). */
export function useDepartmentPeople(departmentId: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'people-of', departmentId],
    queryFn: async ({ signal }) => (await api.get<TPage<TPerson>>('/api/org/people', { departmentId, active: true, pageSize: 200, sort: 'staffNo' }, signal)).items,
    enabled: !!departmentId,
    staleTime: 5 * 60_000,
  });
}

/** The name and type of an attachment (for the evidence and photo links). */
export function useAttachment(id: string) {
  return useQuery({ queryKey: [KEY, 'attachment', id], queryFn: ({ signal }) => api.get<TAttachment>(`/api/attachments/${id}`, undefined, signal), staleTime: Number.POSITIVE_INFINITY });
}

/** Uploads one file (evidence, a round photo). */
export function uploadAttachment(file: File): Promise<TAttachment> {
  const fd = new FormData();
  fd.append('file', file, file.name);
  return request<TAttachment>('/api/attachments', { method: 'POST', body: fd });
}
