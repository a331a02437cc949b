import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AchievementMatch, AchievementView, CreateAchievementBody, CreateFirstUseBody, FeedbackCategory, FirstUseKind, FirstUseOutcome, FirstUseView, InterestView, TransferMode,
} from '../../contracts/achievements';
import { apiFetch } from '../api';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const ACHIEVEMENTS_KEY = ['achievements'] as const;
const FIRST_USES_KEY = ['first-uses'] as const;

/** Filters of the achievement library. */
export interface AchievementFilters {
  q?: string;
  transferMode?: TransferMode;
  minTrl?: number;
  mine?: 'true';
}

/** A page of the achievement library. */
export function useAchievementList(filters: AchievementFilters, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...ACHIEVEMENTS_KEY, 'list', filters, page],
    queryFn: ({ signal }) => apiFetch<Page<AchievementView>>('/achievements', { signal, query: { ...filters, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** One achievement. */
export function useAchievement(id: string) {
  return useQuery({ queryKey: [...ACHIEVEMENTS_KEY, 'one', id], queryFn: ({ signal }) => apiFetch<AchievementView>(`/achievements/${id}`, { signal }) });
}

/** Published needs matching an achievement (its managers). */
export function useAchievementNeeds(id: string, enabled: boolean) {
  return useQuery({ queryKey: [...ACHIEVEMENTS_KEY, 'needs', id], queryFn: ({ signal }) => apiFetch<{ items: AchievementMatch[] }>(`/achievements/${id}/needs`, { signal }), enabled });
}

/** Achievements matching one of the user's needs. */
export function useNeedAchievements(needId: string | undefined) {
  return useQuery({
    queryKey: [...ACHIEVEMENTS_KEY, 'for-need', needId],
    queryFn: ({ signal }) => apiFetch<{ items: AchievementMatch[] }>(`/needs/${needId}/achievements`, { signal }),
    enabled: Boolean(needId),
  });
}

/** Interests in an achievement (all for its managers, the user's own otherwise). */
export function useAchievementInterests(id: string) {
  return useQuery({ queryKey: [...ACHIEVEMENTS_KEY, 'interests', id], queryFn: ({ signal }) => apiFetch<{ items: InterestView[] }>(`/achievements/${id}/interests`, { signal }) });
}

/** The user's organisation's interests, sent or received. */
export function useOwnInterests(side: 'sent' | 'received') {
  return useQuery({ queryKey: [...ACHIEVEMENTS_KEY, 'own-interests', side], queryFn: ({ signal }) => apiFetch<Page<InterestView>>('/achievement-interests', { signal, query: { side, limit: 200 } }) });
}

function useAchievementMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: ACHIEVEMENTS_KEY }) });
}

export function useCreateAchievement() {
  return useAchievementMutation((body: CreateAchievementBody) => apiFetch<{ id: string }>('/achievements', { method: 'POST', body }));
}

export function useSendInterest(id: string) {
  return useAchievementMutation((body: { message: string; needId?: string }) => apiFetch<{ id: string }>(`/achievements/${id}/interests`, { method: 'POST', body }));
}

export function useAnswerInterest() {
  return useAchievementMutation(({ id, category, note }: { id: string; category: FeedbackCategory; note: string }) =>
    apiFetch<InterestView>(`/achievement-interests/${id}/feedback`, { method: 'POST', body: { category, note } }),
  );
}

/** Filters of the first-use list. */
export interface FirstUseFilters {
  kind?: FirstUseKind;
  outcome?: FirstUseOutcome;
}

export function useFirstUses(filters: FirstUseFilters, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...FIRST_USES_KEY, 'list', filters, page],
    queryFn: ({ signal }) => apiFetch<Page<FirstUseView>>('/first-uses', { signal, query: { ...filters, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateFirstUse() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateFirstUseBody) => apiFetch<{ id: string }>('/first-uses', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: FIRST_USES_KEY }),
  });
}
