import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApplyBody, CreateOpeningBody, DecideApplicationBody, OpeningDetail, OpeningKind, OpeningView, OpennessRow, SoeOwnership } from '../../contracts/soe-openness';
import { apiFetch } from '../api';

const SOE_KEY = ['soe-openness'] as const;

/** Filters of the openings list. */
export interface OpeningFilters {
  kind?: OpeningKind;
  ownership?: SoeOwnership;
  isOpen?: 'true' | 'false';
}

/** A page of SOE openings. */
export function useOpenings(filters: OpeningFilters, page: { cursor?: string; limit: number }) {
  return useQuery({ queryKey: [...SOE_KEY, 'openings', filters, page], queryFn: ({ signal }) => apiFetch<{ items: OpeningView[]; nextCursor: string | null }>('/soe-openings', { signal, query: { ...filters, ...page } }), placeholderData: keepPreviousData });
}

/** One opening with the applications the caller may see. */
export function useOpening(id: string | null) {
  return useQuery({ queryKey: [...SOE_KEY, 'opening', id], queryFn: ({ signal }) => apiFetch<OpeningDetail>(`/soe-openings/${id}`, { signal }), enabled: Boolean(id) });
}

/** Openness figures per firm (the caller's scope). */
export function useOpenness() {
  return useQuery({ queryKey: [...SOE_KEY, 'figures'], queryFn: ({ signal }) => apiFetch<{ items: OpennessRow[] }>('/soe-openness', { signal }) });
}

function useSoeMutation<TBody>(run: (body: TBody) => Promise<OpeningDetail>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: SOE_KEY }) });
}

/** Publish an opening. */
export function useCreateOpening() {
  return useSoeMutation((body: CreateOpeningBody) => apiFetch<OpeningDetail>('/soe-openings', { method: 'POST', body }));
}

/** Apply to an opening (an SME). */
export function useApplyToOpening(id: string) {
  return useSoeMutation((body: ApplyBody) => apiFetch<OpeningDetail>(`/soe-openings/${id}/applications`, { method: 'POST', body }));
}

/** Accept or decline an application (the firm, gov in scope). */
export function useDecideApplication(id: string) {
  return useSoeMutation((body: DecideApplicationBody & { uscc: string }) => apiFetch<OpeningDetail>(`/soe-openings/${id}/applications/${body.uscc}/decision`, { method: 'POST', body: { status: body.status } }));
}
