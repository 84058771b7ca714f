/** In-app notifications of the signed-in user. */
import type { TNotification, TPage } from '@qinglian/contracts';

/** The list answer also carries the user's total unread count. */
export type NotificationPage = TPage<TNotification> & { unread?: number };
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../lib/api.ts';

const KEY = 'notifications';

/** A page of the user's notifications. */
export function useNotifications(query: Query) {
  return useQuery({
    queryKey: [KEY, query],
    queryFn: ({ signal }) => api.get<NotificationPage>('/api/notifications', query, signal),
    placeholderData: keepPreviousData,
  });
}

/** The latest unread ones and their count, refreshed every minute for the header bell. */
export function useUnreadNotifications() {
  return useQuery({
    queryKey: [KEY, { unread: 'true', pageSize: '5' }],
    queryFn: ({ signal }) => api.get<NotificationPage>('/api/notifications', { unread: 'true', pageSize: 5 }, signal),
    refetchInterval: 60_000,
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: [KEY] }), qc.invalidateQueries({ queryKey: ['dashboard'] })]);
}

/** Marks one notification read. */
export function useMarkRead() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => api.post(`/api/notifications/${id}/read`), onSuccess: invalidate });
}

/** Marks every notification read. */
export function useMarkAllRead() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: () => api.post('/api/notifications/read-all'), onSuccess: invalidate });
}
