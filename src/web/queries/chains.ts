import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddMemberBody,
  ChainDetail,
  ChainMember,
  ChainSummary,
  ChainTemplate,
  CreateChainBody,
  MergeSegmentsBody,
  RejectSuggestionBody,
  SegmentInput,
  SplitSegmentBody,
  Suggestion,
  UpdateSegmentBody,
} from '../../contracts/chains';
import { ApiError, apiFetch } from '../api';

const CHAINS_KEY = ['chains'] as const;

/** Filters of the chain list. */
export interface ChainFilters {
  region?: string;
  template?: string;
  q?: string;
}

interface ChainPage {
  items: ChainSummary[];
  nextCursor: string | null;
  total?: number;
}

/** One audit entry of a chain. */
export interface ChainHistoryEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** A weak-link finding of a segment (helper B's endpoint; absent until it exists). */
export interface WeakLink {
  segmentKey: string;
  kind: 'break' | 'blockage' | 'choke';
  score: number;
  evidence?: unknown;
}

/** The shipped chain templates. */
export function useChainTemplates() {
  return useQuery({
    queryKey: [...CHAINS_KEY, 'templates'],
    queryFn: ({ signal }) => apiFetch<{ items: ChainTemplate[] }>('/chain-templates', { signal }),
    staleTime: Infinity,
  });
}

/** A page of chains. */
export function useChainList(filters: ChainFilters, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...CHAINS_KEY, 'list', filters, page],
    queryFn: ({ signal }) => apiFetch<ChainPage>('/chains', { signal, query: { ...filters, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** One chain map. */
export function useChain(id: string) {
  return useQuery({
    queryKey: [...CHAINS_KEY, 'detail', id],
    queryFn: ({ signal }) => apiFetch<ChainDetail>(`/chains/${encodeURIComponent(id)}`, { signal }),
    retry: false,
  });
}

/** History of a chain, newest first, page by page. */
export function useChainHistory(id: string) {
  return useInfiniteQuery({
    queryKey: [...CHAINS_KEY, 'history', id],
    queryFn: ({ signal, pageParam }) =>
      apiFetch<{ items: ChainHistoryEntry[]; nextCursor: string | null }>(`/chains/${encodeURIComponent(id)}/history`, { signal, query: { cursor: pageParam, limit: 30 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * Weak links of the chain in its region, by segment key. While the analysis is not available
 * (404) or fails, the answer is an empty map and the chain map stays uncoloured.
 */
export function useWeakLinks(id: string, region: string | undefined) {
  return useQuery({
    queryKey: [...CHAINS_KEY, 'weak-links', id, region],
    enabled: Boolean(region),
    retry: false,
    queryFn: async ({ signal }) => {
      try {
        const page = await apiFetch<{ items: WeakLink[] }>(`/chains/${encodeURIComponent(id)}/weak-links`, { signal, query: { region } });
        return new Map(page.items.map((w) => [w.segmentKey, w]));
      } catch (error) {
        if (error instanceof ApiError) {
          return new Map<string, WeakLink>();
        }
        throw error;
      }
    },
  });
}

/** Suggested enterprises of a segment (writers only). */
export function useSuggestions(id: string, segmentKey: string | undefined, isEnabled: boolean) {
  return useQuery({
    queryKey: [...CHAINS_KEY, 'suggestions', id, segmentKey],
    enabled: isEnabled && Boolean(segmentKey),
    retry: false,
    queryFn: ({ signal }) => apiFetch<{ items: Suggestion[] }>(`/chains/${encodeURIComponent(id)}/suggestions`, { signal, query: { segmentKey, limit: 10 } }),
  });
}

/** Creates a chain; returns its id. */
export function useCreateChain() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateChainBody) => apiFetch<{ id: string }>('/chains', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CHAINS_KEY }),
  });
}

/** Every write of one chain, each refreshing the chain's queries. */
export function useChainWrites(id: string) {
  const queryClient = useQueryClient();
  const base = `/chains/${encodeURIComponent(id)}`;
  const refresh = () => queryClient.invalidateQueries({ queryKey: CHAINS_KEY });
  const mutation = <T,>(fn: (input: T) => Promise<unknown>) => ({ mutationFn: fn, onSuccess: refresh });
  return {
    addMember: useMutation(mutation((body: AddMemberBody) => apiFetch<ChainMember>(`${base}/members`, { method: 'POST', body }))),
    removeMember: useMutation(
      mutation((input: { segmentKey: string; uscc: string }) =>
        apiFetch<void>(`${base}/members/${encodeURIComponent(input.segmentKey)}/${encodeURIComponent(input.uscc)}`, { method: 'DELETE' }),
      ),
    ),
    reject: useMutation(mutation((body: RejectSuggestionBody) => apiFetch<void>(`${base}/suggestions/reject`, { method: 'POST', body }))),
    addSegment: useMutation(mutation((body: SegmentInput) => apiFetch<ChainDetail>(`${base}/segments`, { method: 'POST', body }))),
    updateSegment: useMutation(
      mutation((input: { key: string; body: UpdateSegmentBody }) => apiFetch<ChainDetail>(`${base}/segments/${encodeURIComponent(input.key)}`, { method: 'PATCH', body: input.body })),
    ),
    splitSegment: useMutation(
      mutation((input: { key: string; body: SplitSegmentBody }) => apiFetch<ChainDetail>(`${base}/segments/${encodeURIComponent(input.key)}/split`, { method: 'POST', body: input.body })),
    ),
    mergeSegments: useMutation(mutation((body: MergeSegmentsBody) => apiFetch<ChainDetail>(`${base}/segments/merge`, { method: 'POST', body }))),
    deleteSegment: useMutation(mutation((key: string) => apiFetch<ChainDetail>(`${base}/segments/${encodeURIComponent(key)}`, { method: 'DELETE' }))),
  };
}
