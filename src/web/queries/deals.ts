import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AwardBody, CreateRfqBody, DealBody, DealStats, DealView, DeclineBody, InviteBody, MatchStage, MatchView, QuoteBody, QuoteView, RfqView,
} from '../../contracts/deals';
import type { FileView } from '../../contracts/files';
import { apiFetch, apiUrl } from '../api';
import type { NeedHistoryEntry } from './matching';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}


// Every change here can move a need's candidates, the feed, the stats: one root key refreshes them all.
const DEALS_KEY = ['deals'] as const;

/** Filters of the matches list. */
export interface MatchFilters {
  needId?: string;
  stage?: MatchStage;
  side?: 'buyer' | 'supplier';
}

/** A page of the caller's matches. */
export function useMatchList(filters: MatchFilters, page: { cursor?: string; limit: number }, enabled = true) {
  return useQuery({
    queryKey: [...DEALS_KEY, 'matches', filters, page],
    queryFn: ({ signal }) => apiFetch<Page<MatchView>>('/matches', { signal, query: { ...filters, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Link of the matches Excel export. */
export function matchesExportUrl(filters: MatchFilters): string {
  return apiUrl('/matches/export', { ...filters });
}

/** The history of a match. */
export function useMatchHistory(id: string | undefined) {
  return useQuery({
    queryKey: [...DEALS_KEY, 'match-history', id],
    queryFn: ({ signal }) => apiFetch<Page<NeedHistoryEntry>>(`/matches/${id}/history`, { signal }),
    enabled: Boolean(id),
  });
}

function useDealsMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: DEALS_KEY }) });
}

/** Invite a supplier to a need. */
export function useInvite(needId: string) {
  return useDealsMutation((body: InviteBody) => apiFetch<MatchView>(`/needs/${needId}/invite`, { method: 'POST', body }));
}

/** A verb of the match lifecycle: accept, decline (with a reason), deal (with amount and date). */
export type MatchAction = { verb: 'accept' } | { verb: 'decline'; body: DeclineBody } | { verb: 'deal'; body: DealBody };

/** Move a match along its lifecycle. */
export function useMatchAction() {
  return useDealsMutation(({ id, action }: { id: string; action: MatchAction }) =>
    apiFetch<MatchView>(`/matches/${id}/${action.verb}`, { method: 'POST', body: 'body' in action ? action.body : {} }),
  );
}

/** Counts by stage and the deals' total in the caller's scope. */
export function useDealStats(region?: string) {
  return useQuery({ queryKey: [...DEALS_KEY, 'stats', region], queryFn: ({ signal }) => apiFetch<DealStats>('/deals/stats', { signal, query: { region } }) });
}

/** A page of deals. */
export function useDealList(page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...DEALS_KEY, 'list', page],
    queryFn: ({ signal }) => apiFetch<Page<DealView>>('/deals', { signal, query: { cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** Link of the deals Excel export. */
export function dealsExportUrl(): string {
  return apiUrl('/deals/export');
}

/** A page of RFQs. */
export function useRfqList(filters: { needId?: string; side?: 'buyer' | 'supplier' }, page: { cursor?: string; limit: number }, enabled = true) {
  return useQuery({
    queryKey: [...DEALS_KEY, 'rfqs', filters, page],
    queryFn: ({ signal }) => apiFetch<Page<RfqView>>('/rfqs', { signal, query: { ...filters, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One RFQ. */
export function useRfq(id: string) {
  return useQuery({ queryKey: [...DEALS_KEY, 'rfq', id], queryFn: ({ signal }) => apiFetch<RfqView>(`/rfqs/${id}`, { signal }) });
}

/** The quotes of an RFQ the caller may see (empty and sealed before the deadline, except one's own). */
export function useRfqQuotes(id: string) {
  return useQuery({ queryKey: [...DEALS_KEY, 'quotes', id], queryFn: ({ signal }) => apiFetch<{ isSealed: boolean; items: QuoteView[] }>(`/rfqs/${id}/quotes`, { signal }) });
}

/** Link of the comparison Excel export. */
export function comparisonExportUrl(id: string): string {
  return apiUrl(`/rfqs/${id}/quotes/export`);
}

/** Open an RFQ on a need. */
export function useCreateRfq(needId: string) {
  return useDealsMutation((body: CreateRfqBody) => apiFetch<RfqView>(`/needs/${needId}/rfqs`, { method: 'POST', body }));
}

/** Submit or revise the caller's quote. */
export function useSubmitQuote(rfqId: string) {
  return useDealsMutation((body: QuoteBody) => apiFetch<QuoteView>(`/rfqs/${rfqId}/quotes`, { method: 'POST', body }));
}

/** Award an RFQ to a quote. */
export function useAward(rfqId: string) {
  return useDealsMutation((body: AwardBody) => apiFetch<{ rfq: RfqView; match: MatchView }>(`/rfqs/${rfqId}/award`, { method: 'POST', body }));
}

/** The files of a need (whoever may read it). */
export function useNeedFiles(needId: string) {
  return useQuery({ queryKey: [...DEALS_KEY, 'need-files', needId], queryFn: ({ signal }) => apiFetch<{ items: FileView[] }>(`/needs/${needId}/files`, { signal }) });
}

/** Upload one file (multipart field `file`) to an upload path of this module. */
export function useUploadFile(path: string, fields: Record<string, string> = {}) {
  return useDealsMutation((file: File) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    body.append('file', file);
    return apiFetch<FileView>(path, { method: 'POST', body });
  });
}

/** Remove one of a need's files. */
export function useRemoveNeedFile(needId: string) {
  return useDealsMutation((fileId: string) => apiFetch<void>(`/needs/${needId}/files/${fileId}`, { method: 'DELETE' }));
}
