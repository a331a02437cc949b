import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateFairBody, FairStatus, FairSuggestion, FairView, GridView, MeetingView, RecordOutcomeBody, RegistrationView, RunScheduleBody, ScheduleView, TimetableView, WishView,
} from '../../contracts/fairs';
import { apiFetch, apiUrl } from '../api';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Wish list: the caller's wishes and who wished to meet it. */
export interface Wishes {
  items: WishView[];
  incoming: WishView[];
}

const FAIRS_KEY = ['fairs'] as const;

/** A page of fairs the user may see. */
export function useFairList(filters: { status?: FairStatus; q?: string }, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...FAIRS_KEY, 'list', filters, page],
    queryFn: ({ signal }) => apiFetch<Page<FairView>>('/fairs', { signal, query: { status: filters.status, q: filters.q, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** One fair. */
export function useFair(id: string) {
  return useQuery({ queryKey: [...FAIRS_KEY, id], queryFn: ({ signal }) => apiFetch<FairView>(`/fairs/${id}`, { signal }) });
}

/** Participants (organisers: with the waitlist). */
export function useParticipants(id: string, isEnabled: boolean) {
  return useQuery({
    queryKey: [...FAIRS_KEY, id, 'participants'],
    queryFn: ({ signal }) => apiFetch<Page<RegistrationView>>(`/fairs/${id}/participants`, { signal, query: { limit: 500 } }),
    enabled: isEnabled,
  });
}

/** The engine's suggested counterparts for the caller. */
export function useSuggestions(id: string, isEnabled: boolean) {
  return useQuery({
    queryKey: [...FAIRS_KEY, id, 'suggestions'],
    queryFn: ({ signal }) => apiFetch<{ items: FairSuggestion[] }>(`/fairs/${id}/suggestions`, { signal }),
    enabled: isEnabled,
  });
}

/** The caller's wishes. */
export function useWishes(id: string, isEnabled: boolean) {
  return useQuery({ queryKey: [...FAIRS_KEY, id, 'wishes'], queryFn: ({ signal }) => apiFetch<Wishes>(`/fairs/${id}/wishes`, { signal }), enabled: isEnabled });
}

/** A timetable (own, or an organiser's pick by `uscc`). */
export function useTimetable(id: string, uscc: string | undefined, isEnabled: boolean) {
  return useQuery({
    queryKey: [...FAIRS_KEY, id, 'timetable', uscc ?? 'mine'],
    queryFn: ({ signal }) => apiFetch<TimetableView>(`/fairs/${id}/timetable`, { signal, query: { uscc } }),
    enabled: isEnabled,
    retry: false,
  });
}

/** The organisers' grid. */
export function useGrid(id: string, isEnabled: boolean) {
  return useQuery({ queryKey: [...FAIRS_KEY, id, 'grid'], queryFn: ({ signal }) => apiFetch<GridView>(`/fairs/${id}/grid`, { signal }), enabled: isEnabled });
}

/** Excel links. */
export function timetableExportUrl(id: string, uscc?: string): string {
  return apiUrl(`/fairs/${id}/timetable/export`, { uscc });
}
export function gridExportUrl(id: string): string {
  return apiUrl(`/fairs/${id}/grid/export`);
}

function useFairMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: FAIRS_KEY }) });
}

/** Create a fair (draft). */
export function useCreateFair() {
  return useFairMutation((body: CreateFairBody) => apiFetch<FairView>('/fairs', { method: 'POST', body }));
}

/** Open or close registration. */
export function useFairTransition() {
  return useFairMutation(({ id, verb }: { id: string; verb: 'open' | 'close' }) => apiFetch<FairView>(`/fairs/${id}/${verb}`, { method: 'POST', body: {} }));
}

/** Register the caller's enterprise (or `uscc` for organisers). */
export function useRegister() {
  return useFairMutation(({ id, uscc }: { id: string; uscc?: string }) => apiFetch<RegistrationView>(`/fairs/${id}/registrations`, { method: 'POST', body: uscc ? { uscc } : {} }));
}

/** Cancel a registration. */
export function useCancelRegistration() {
  return useFairMutation(({ id, registrationId }: { id: string; registrationId: string }) =>
    apiFetch<{ cancelled: RegistrationView; promoted: RegistrationView | null }>(`/fairs/${id}/registrations/${registrationId}/cancel`, { method: 'POST', body: {} }),
  );
}

/** Replace the caller's wish list. */
export function usePutWishes() {
  return useFairMutation(({ id, targets }: { id: string; targets: string[] }) => apiFetch<Wishes>(`/fairs/${id}/wishes`, { method: 'PUT', body: { targets } }));
}

/** Run the scheduler. */
export function useRunSchedule() {
  return useFairMutation(({ id, body }: { id: string; body: RunScheduleBody }) => apiFetch<ScheduleView>(`/fairs/${id}/schedule`, { method: 'POST', body }));
}

/** Record a meeting outcome. */
export function useRecordOutcome() {
  return useFairMutation(({ id, meetingId, body }: { id: string; meetingId: string; body: RecordOutcomeBody }) =>
    apiFetch<MeetingView>(`/fairs/${id}/meetings/${meetingId}/outcome`, { method: 'POST', body }),
  );
}
