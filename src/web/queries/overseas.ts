import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApplyOverseasOfferBody, CreateOverseasOfferBody, OverseasApplicationView, OverseasOfferView, OverseasServiceKind } from '../../contracts/overseas';
import { apiFetch, apiUrl } from '../api';

const KEY = ['overseas'];

/** Filters of the overseas offers list. */
export interface OverseasFilters {
  mine?: 'true';
  country?: string;
  serviceKind?: OverseasServiceKind;
}

/** A page of overseas service offers. */
export function useOverseasOffers(filters: OverseasFilters, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...KEY, 'offers', filters, page],
    queryFn: ({ signal }) => apiFetch<{ items: OverseasOfferView[]; nextCursor: string | null }>('/overseas-offers', { signal, query: { ...filters, ...page } }),
    placeholderData: keepPreviousData,
  });
}

/** Link of the offers' Excel export (same filters). */
export function overseasExportUrl(filters: OverseasFilters): string {
  return apiUrl('/overseas-offers/export', { ...filters });
}

/** One offer; idle without an id. */
export function useOverseasOffer(id: string | undefined) {
  return useQuery({ queryKey: [...KEY, 'offer', id], queryFn: ({ signal }) => apiFetch<OverseasOfferView>(`/overseas-offers/${id}`, { signal }), enabled: id !== undefined });
}

/** Applications to one offer (its firm, gov in scope); idle without an id. */
export function useOverseasApplications(offerId: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'applications', offerId],
    queryFn: ({ signal }) => apiFetch<{ items: OverseasApplicationView[] }>(`/overseas-offers/${offerId}/applications`, { signal }),
    enabled: offerId !== undefined,
  });
}

function useOverseasMutation<A, R>(run: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: KEY }) });
}

/** Publish an offer (members of large firms). */
export function useCreateOverseasOffer() {
  return useOverseasMutation((body: CreateOverseasOfferBody) => apiFetch<OverseasOfferView>('/overseas-offers', { method: 'POST', body }));
}

/** Apply to an offer (SMEs). */
export function useApplyOverseasOffer() {
  return useOverseasMutation(({ id, body }: { id: string; body: ApplyOverseasOfferBody }) => apiFetch<OverseasApplicationView>(`/overseas-offers/${id}/applications`, { method: 'POST', body }));
}

/** Accept or decline an application (the firm). */
export function useDecideOverseasApplication() {
  return useOverseasMutation(({ id, decision, note }: { id: string; decision: 'accept' | 'decline'; note?: string }) =>
    apiFetch<OverseasApplicationView>(`/overseas-applications/${id}/${decision}`, { method: 'POST', body: { note } }),
  );
}
