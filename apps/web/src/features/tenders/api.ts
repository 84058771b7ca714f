/** The tender pages' data: processes with their flags, one process, the buyers compared, the import. */
import type { TPage, TTenderBuyer, TTenderDetail, TTenderImportResult, TTenderProcess } from '@qinglian/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query, upload } from '../../lib/api.ts';

const KEY = 'tenders';

export const useTenders = (query: Query) =>
  useQuery({ queryKey: [KEY, 'list', query], queryFn: ({ signal }) => api.get<TPage<TTenderProcess>>('/api/tenders', query, signal), placeholderData: keepPreviousData });

export const useTender = (id: string | undefined) =>
  useQuery({ queryKey: [KEY, 'one', id], queryFn: ({ signal }) => api.get<TTenderDetail>(`/api/tenders/${id}`, undefined, signal), enabled: !!id });

export const useBuyers = (query: Query, enabled = true) =>
  useQuery({ queryKey: [KEY, 'buyers', query], queryFn: ({ signal }) => api.get<TPage<TTenderBuyer>>('/api/tenders/buyers', query, signal), placeholderData: keepPreviousData, enabled });

/** Uploads an OCDS file; `onProgress` follows the upload (0..1). A finished import refreshes every tender read. */
export function useImportTenders() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress?: (ratio: number) => void }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return upload<TTenderImportResult>('/api/tenders/import', form, onProgress);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: [KEY] }),
  });
}
