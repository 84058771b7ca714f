/** The home page figures of the user's scope. */
import type { TDashboard } from '@qinglian/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

/** The dashboard figures of the user's scope. */
export function useDashboard() {
  return useQuery({ queryKey: ['dashboard'], queryFn: ({ signal }) => api.get<TDashboard>('/api/dashboard', undefined, signal) });
}
