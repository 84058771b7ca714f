/** The home page figures of the user's scope, and what waits for them. */
import type { TDashboard, TTodo } from '@qinglian/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

/** The dashboard figures of the user's scope. */
export function useDashboard() {
  return useQuery({ queryKey: ['dashboard'], queryFn: ({ signal }) => api.get<TDashboard>('/api/dashboard', undefined, signal) });
}

/** The caller's to-do items; refreshed every minute while the home page is open. */
export function useTodo() {
  return useQuery({
    queryKey: ['dashboard', 'todo'],
    queryFn: ({ signal }) => api.get<TTodo>('/api/dashboard/todo', undefined, signal),
    refetchInterval: 60_000,
  });
}

/** Gives public reports that could not be registered another try. */
export function useRetryInbox() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ retried: number }>('/api/reports/inbox/retry'),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['dashboard'] }),
  });
}
