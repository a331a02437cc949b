import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Alert,
  ChangeRiskStatusBody,
  CreateRiskEventBody,
  CreateRiskSubscriptionBody,
  RiskEventDetail,
  RiskEventSummary,
  RiskImpact,
  RiskKind,
  RiskScore,
  RiskScoreSettings,
  RiskSeverity,
  RiskStatus,
  RiskSubscription,
} from '../../contracts/risk';
import { apiFetch } from '../api';

const RISK_KEY = ['risk'] as const;
const ALERTS_KEY = ['alerts'] as const;

/** Filters of the event list (kept in the URL). */
export interface RiskEventFilters {
  kind?: RiskKind;
  severity?: RiskSeverity;
  status?: RiskStatus;
  region?: string;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A page of risk events in the caller's view. */
export function useRiskEvents(filters: RiskEventFilters, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...RISK_KEY, 'events', filters, page],
    queryFn: ({ signal }) => apiFetch<Page<RiskEventSummary>>('/risk-events', { signal, query: { ...filters, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** One event with its incident record; 404 outside the caller's view. */
export function useRiskEvent(id: string) {
  return useQuery({
    queryKey: [...RISK_KEY, 'event', id],
    queryFn: ({ signal }) => apiFetch<RiskEventDetail>(`/risk-events/${encodeURIComponent(id)}`, { signal }),
    retry: false,
  });
}

/** Who the event hits downstream. */
export function useRiskImpact(id: string, tiers: number, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...RISK_KEY, 'impact', id, tiers],
    queryFn: ({ signal }) => apiFetch<RiskImpact>(`/risk-events/${encodeURIComponent(id)}/impact`, { signal, query: { tiers, limit: 500 } }),
    enabled: options.enabled ?? true,
    retry: false,
  });
}

/** Records a risk event; returns its id. */
export function useCreateRiskEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRiskEventBody) => apiFetch<{ id: string }>('/risk-events', { method: 'POST', body }),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: RISK_KEY }), queryClient.invalidateQueries({ queryKey: ALERTS_KEY })]),
  });
}

/** Moves the incident to another status with a note. */
export function useChangeRiskStatus(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangeRiskStatusBody) => apiFetch<RiskEventDetail>(`/risk-events/${encodeURIComponent(id)}/status`, { method: 'POST', body }),
    onSuccess: (detail) => {
      queryClient.setQueryData([...RISK_KEY, 'event', id], detail);
      return queryClient.invalidateQueries({ queryKey: [...RISK_KEY, 'events'] });
    },
  });
}

/** Adds a note to the incident record. */
export function useAddRiskNote(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => apiFetch<RiskEventDetail>(`/risk-events/${encodeURIComponent(id)}/notes`, { method: 'POST', body: { body } }),
    onSuccess: (detail) => queryClient.setQueryData([...RISK_KEY, 'event', id], detail),
  });
}

/** Off-platform suppliers by name (for recording sanctions on foreign suppliers). */
export function useOffPlatformSuppliers(q: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...RISK_KEY, 'off-platform', q],
    queryFn: ({ signal }) => apiFetch<{ items: { id: string; name: string; countryCode: string }[] }>('/off-platform-suppliers', { signal, query: { q, limit: 20 } }),
    enabled: options.enabled ?? true,
  });
}

/** The caller's alerts. */
export function useAlerts(filters: { isUnreadOnly: boolean }, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...ALERTS_KEY, 'list', filters, page],
    queryFn: ({ signal }) => apiFetch<Page<Alert> & { unread: number }>('/alerts', { signal, query: { unread: filters.isUnreadOnly ? 'true' : undefined, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** Unread alerts for the header badge; refreshed every minute. */
export function useUnreadAlertCount(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...ALERTS_KEY, 'unread'],
    queryFn: ({ signal }) => apiFetch<{ count: number }>('/alerts/unread-count', { signal }),
    refetchInterval: 60_000,
    enabled: options.enabled ?? true,
  });
}

/** Marks one alert (or, without id, all) read. */
export function useReadAlerts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string | undefined): Promise<void> => {
      await (id ? apiFetch<void>(`/alerts/${encodeURIComponent(id)}/read`, { method: 'POST' }) : apiFetch<{ updated: number }>('/alerts/read-all', { method: 'POST' }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ALERTS_KEY }),
  });
}

/** The caller's subscriptions. */
export function useRiskSubscriptions() {
  return useQuery({
    queryKey: [...RISK_KEY, 'subscriptions'],
    queryFn: ({ signal }) => apiFetch<{ items: RiskSubscription[] }>('/risk-subscriptions', { signal }),
  });
}

export function useCreateRiskSubscription() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRiskSubscriptionBody) => apiFetch<RiskSubscription>('/risk-subscriptions', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...RISK_KEY, 'subscriptions'] }),
  });
}

export function useDeleteRiskSubscription() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/risk-subscriptions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...RISK_KEY, 'subscriptions'] }),
  });
}

/** The composite risk score of an enterprise. */
export function useRiskScore(uscc: string) {
  return useQuery({
    queryKey: [...RISK_KEY, 'score', uscc],
    queryFn: ({ signal }) => apiFetch<RiskScore>(`/enterprises/${encodeURIComponent(uscc)}/risk-score`, { signal }),
    retry: false,
  });
}

export function useRiskScoreSettings() {
  return useQuery({
    queryKey: [...RISK_KEY, 'settings'],
    queryFn: ({ signal }) => apiFetch<RiskScoreSettings>('/risk-score-settings', { signal }),
  });
}

export function useUpdateRiskScoreSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RiskScoreSettings) => apiFetch<RiskScoreSettings>('/risk-score-settings', { method: 'PUT', body }),
    onSuccess: (settings) => {
      queryClient.setQueryData([...RISK_KEY, 'settings'], settings);
      return queryClient.invalidateQueries({ queryKey: [...RISK_KEY, 'score'] });
    },
  });
}
