/** Organisation data: lists, saves, (de)activation, option lists for pickers, sensitive reads, import. */
import type { TBranch, TDepartment, TImportResult, TInstitution, TPage, TPerson, TPost, TRegion } from '@qinglian/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query, request } from '../../lib/api.ts';

export interface OrgRows {
  regions: TRegion;
  institutions: TInstitution;
  departments: TDepartment;
  branches: TBranch;
  people: TPerson;
  posts: TPost;
}
export type OrgResource = keyof OrgRows;

/** Some lists may answer a bare array; treat it as one page. */
function asPage<T>(r: TPage<T> | T[]): TPage<T> {
  return Array.isArray(r) ? { items: r, total: r.length, page: 1, pageSize: r.length } : r;
}

/** One page of an organisation list with the given filters. */
export function useOrgList<R extends OrgResource>(resource: R, query: Query, enabled = true) {
  return useQuery({
    queryKey: ['org', resource, query],
    queryFn: async ({ signal }) => asPage(await api.get<TPage<OrgRows[R]> | OrgRows[R][]>(`/api/org/${resource}`, query, signal)),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function useInvalidateOrg() {
  const qc = useQueryClient();
  // Counts (staff per department, departments per institution) and the dashboard move together.
  return () => Promise.all([qc.invalidateQueries({ queryKey: ['org'] }), qc.invalidateQueries({ queryKey: ['dashboard'] })]);
}

/** Creates (no id) or updates a record. */
export function useOrgSave<R extends OrgResource>(resource: R) {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: ({ id, values }: { id?: string; values: object }) =>
      id ? api.patch<OrgRows[R]>(`/api/org/${resource}/${id}`, values) : api.post<OrgRows[R]>(`/api/org/${resource}`, values),
    onSuccess: invalidate,
  });
}

/** Deactivates or reactivates a record. */
export function useSetActive(resource: OrgResource) {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => api.patch(`/api/org/${resource}/${id}`, { active }),
    onSuccess: invalidate,
  });
}

const OPTIONS_STALE = 5 * 60_000;

/** Active institutions in the user's scope, for pickers and filters. */
export function useInstitutionOptions(enabled = true) {
  return useQuery({
    queryKey: ['org', 'institutions', 'options'],
    queryFn: async ({ signal }) =>
      asPage(await api.get<TPage<TInstitution>>('/api/org/institutions', { pageSize: 500, active: true, sort: 'name' }, signal)).items,
    staleTime: OPTIONS_STALE,
    enabled,
  });
}

/** Active departments of an institution, for pickers and filters. */
export function useDepartmentOptions(institutionId: string | null | undefined) {
  return useQuery({
    queryKey: ['org', 'departments', 'options', institutionId],
    queryFn: async ({ signal }) =>
      asPage(
        await api.get<TPage<TDepartment>>('/api/org/departments', { institutionId, pageSize: 500, active: true, sort: 'code' }, signal),
      ).items,
    staleTime: OPTIONS_STALE,
    enabled: !!institutionId,
  });
}

/** People matching a search, for the person picker. */
export function usePersonSearch(institutionId: string | null | undefined, q: string) {
  return useQuery({
    queryKey: ['org', 'people', 'search', institutionId, q],
    queryFn: async ({ signal }) =>
      asPage(await api.get<TPage<TPerson>>('/api/org/people', { institutionId, q, pageSize: 20, active: true }, signal)).items,
    staleTime: OPTIONS_STALE,
    placeholderData: keepPreviousData,
  });
}

/** Regions, for the institution form of region administrators. */
export function useRegionOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['org', 'regions', 'options'],
    queryFn: async ({ signal }) => asPage(await api.get<TPage<TRegion>>('/api/org/regions', { pageSize: 500 }, signal)).items,
    staleTime: OPTIONS_STALE,
    enabled,
  });
}

/** Posts of one person (detail drawer). */
export function usePersonPosts(personId: string | undefined) {
  return useQuery({
    queryKey: ['org', 'posts', 'of', personId],
    queryFn: async ({ signal }) => asPage(await api.get<TPage<TPost>>('/api/org/posts', { personId, pageSize: 100 }, signal)).items,
    enabled: !!personId,
  });
}

/** Reads a full national ID number; the server audits it with the reason. Never cached. */
export function useRevealNationalId() {
  return useMutation({
    mutationFn: ({ personId, reason }: { personId: string; reason: string }) =>
      api.post<{ nationalId: string | null }>(`/api/org/people/${personId}/national-id`, { reason }),
  });
}

/** Uploads a staff file; resolves with the result or throws ApiError whose rowErrors list every bad row. */
export function useImportPeople() {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: ({ institutionId, file }: { institutionId: string; file: File }) => {
      const fd = new FormData();
      // The field goes before the file: the server reads multipart parts in order.
      fd.append('institutionId', institutionId);
      fd.append('file', file, file.name);
      return request<TImportResult>('/api/org/people/import', { method: 'POST', body: fd });
    },
    onSuccess: (r) => {
      if (r.ok) void invalidate();
    },
  });
}
