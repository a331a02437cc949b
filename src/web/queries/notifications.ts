import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationDigestPage, NotificationPage, NotificationSubscription, NotificationSubscriptions, NotificationView } from '../../contracts/notifications';
import { apiFetch, apiUrl } from '../api';

const NOTIFICATIONS_KEY = ['notifications'] as const;

/** A page of the caller's notifications (with the unread count). */
export function useNotifications(filters: { isUnreadOnly: boolean }, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'list', filters, page],
    queryFn: ({ signal }) => apiFetch<NotificationPage>('/notifications', { signal, query: { unread: filters.isUnreadOnly ? 'true' : undefined, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** The newest unread notifications and their count, for the header bell; refreshed every minute. */
export function useUnreadNotifications(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'unread'],
    queryFn: ({ signal }) => apiFetch<NotificationPage>('/notifications', { signal, query: { unread: 'true', limit: 5 } }),
    refetchInterval: 60_000,
    enabled: options.enabled ?? true,
  });
}

/** Marks one notification (or, without id, all) read. */
export function useReadNotifications() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string | undefined): Promise<void> => {
      await (id ? apiFetch<NotificationView>(`/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' }) : apiFetch<{ updated: number }>('/notifications/read-all', { method: 'POST' }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

/** Link of the inbox's Excel export. */
export function notificationsExportUrl(isUnreadOnly: boolean): string {
  return apiUrl('/notifications/export', { unread: isUnreadOnly ? 'true' : undefined });
}

/** Every kind with the caller's setting (in-app on/off, digest period). */
export function useNotificationSubscriptions() {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'subscriptions'],
    queryFn: ({ signal }) => apiFetch<NotificationSubscriptions>('/notifications/subscriptions', { signal }),
  });
}

/** Saves the setting of some kinds; the answer (every kind) replaces the cached list. */
export function useSaveNotificationSubscriptions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: NotificationSubscription[]) => apiFetch<NotificationSubscriptions>('/notifications/subscriptions', { method: 'PUT', body: { items } }),
    onSuccess: (data) => queryClient.setQueryData([...NOTIFICATIONS_KEY, 'subscriptions'], data),
  });
}

/** A page of the caller's digests, newest first. */
export function useNotificationDigests(page: { cursor?: string; limit: number }, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'digests', page],
    queryFn: ({ signal }) => apiFetch<NotificationDigestPage>('/notification-digests', { signal, query: { cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** Link of the digests' Excel export. */
export function digestsExportUrl(): string {
  return apiUrl('/notification-digests/export', {});
}
