import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateNeedBody,
  CreateOfferBody,
  EnterpriseMatch,
  NeedKind,
  NeedMatch,
  NeedStatus,
  NeedView,
  OfferView,
  PreviewMatchesBody,
  UpdateOfferBody,
} from '../../contracts/matching';
import { apiFetch, apiUrl, type QueryParams } from '../api';

/** Filters of the needs list (URL parameters). */
export interface NeedFilters {
  status?: NeedStatus;
  kind?: NeedKind;
  region?: string;
  q?: string;
  mine?: 'true';
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** One audit entry of a need. */
export interface NeedHistoryEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
}

/** Workflow verbs the API takes as `POST /needs/{id}/<verb>`. */
export type NeedVerb = 'submit' | 'publish' | 'return' | 'close' | 'fulfil';

const NEEDS_KEY = ['needs'] as const;
const OFFERS_KEY = ['offers'] as const;

function needParams(filters: NeedFilters): QueryParams {
  return { status: filters.status, kind: filters.kind, region: filters.region, q: filters.q, mine: filters.mine };
}

/** A page of needs the user may read. */
export function useNeedList(filters: NeedFilters, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...NEEDS_KEY, 'list', filters, page],
    queryFn: ({ signal }) => apiFetch<Page<NeedView>>('/needs', { signal, query: { ...needParams(filters), cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** Link of the 需求清单 Excel export (published needs of the filters). */
export function needsExportUrl(filters: NeedFilters): string {
  return apiUrl('/needs/export', { kind: filters.kind, region: filters.region, q: filters.q });
}

/** One need. */
export function useNeed(id: string) {
  return useQuery({ queryKey: [...NEEDS_KEY, 'one', id], queryFn: ({ signal }) => apiFetch<NeedView>(`/needs/${id}`, { signal }) });
}

/** The history of a need. */
export function useNeedHistory(id: string) {
  return useQuery({ queryKey: [...NEEDS_KEY, 'history', id], queryFn: ({ signal }) => apiFetch<Page<NeedHistoryEntry>>(`/needs/${id}/history`, { signal }) });
}

/** Ranked candidates of a need (owner and gov only; `enabled` false for others). */
export function useNeedMatches(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...NEEDS_KEY, 'matches', id],
    queryFn: ({ signal }) => apiFetch<{ items: EnterpriseMatch[] }>(`/needs/${id}/matches`, { signal, query: { limit: 20 } }),
    enabled,
  });
}

/** Live preview of candidates for a need being typed (the caller debounces `body`). */
export function usePreviewMatches(body: PreviewMatchesBody | undefined) {
  return useQuery({
    queryKey: [...NEEDS_KEY, 'preview', body],
    queryFn: ({ signal }) => apiFetch<{ items: EnterpriseMatch[] }>('/needs/preview-matches', { method: 'POST', body, signal }),
    enabled: Boolean(body),
    placeholderData: keepPreviousData,
  });
}

/** Post a need (draft). */
export function useCreateNeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateNeedBody) => apiFetch<{ id: string; status: NeedStatus }>('/needs', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: NEEDS_KEY }),
  });
}

/** Move a need along its workflow (`comment` for `return`). */
export function useNeedTransition() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, verb, comment }: { id: string; verb: NeedVerb; comment?: string }) =>
      apiFetch<{ id: string; status: NeedStatus }>(`/needs/${id}/${verb}`, { method: 'POST', body: verb === 'return' ? { comment } : {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: NEEDS_KEY }),
  });
}

/** Needs matched to an enterprise (the SME feed). */
export function useMatchedNeeds(uscc: string | null | undefined) {
  return useQuery({
    queryKey: [...NEEDS_KEY, 'feed', uscc],
    queryFn: ({ signal }) => apiFetch<{ items: NeedMatch[] }>(`/enterprises/${uscc}/matched-needs`, { signal, query: { limit: 20 } }),
    enabled: Boolean(uscc),
  });
}

/** A page of offers. */
export function useOfferList(filters: { q?: string; mine?: 'true' }, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...OFFERS_KEY, 'list', filters, page],
    queryFn: ({ signal }) => apiFetch<Page<OfferView>>('/offers', { signal, query: { q: filters.q, mine: filters.mine, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** List an offer. */
export function useCreateOffer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOfferBody) => apiFetch<OfferView>('/offers', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: OFFERS_KEY }),
  });
}

/** Change an offer. */
export function useUpdateOffer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateOfferBody }) => apiFetch<OfferView>(`/offers/${id}`, { method: 'PATCH', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: OFFERS_KEY }),
  });
}

/** Delete an offer. */
export function useDeleteOffer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/offers/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: OFFERS_KEY }),
  });
}
