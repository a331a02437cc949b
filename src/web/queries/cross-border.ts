import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ListingKind, ListingView } from '../../contracts/cross-border';
import type { OfferView } from '../../contracts/matching';
import { apiFetch, apiUrl } from '../api';

/** Filters of the cross-border listings. */
export interface ListingFilters {
  kind?: ListingKind;
  country?: string;
  industry?: string;
}

/** A page of cross-border listings. */
export function useListings(filters: ListingFilters, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: ['cross-border', 'listings', filters, page],
    queryFn: ({ signal }) => apiFetch<{ items: ListingView[]; nextCursor: string | null }>('/cross-border/listings', { signal, query: { ...filters, ...page } }),
    placeholderData: keepPreviousData,
  });
}

/** Link of the listings' Excel export (same filters). */
export function listingsExportUrl(filters: ListingFilters): string {
  return apiUrl('/cross-border/listings/export', { ...filters });
}

/** One offer (for the cross-border offer drawer); idle without an id. */
export function useCrossBorderOffer(id: string | undefined) {
  return useQuery({
    queryKey: ['cross-border', 'offer', id],
    queryFn: ({ signal }) => apiFetch<OfferView>(`/offers/${id}`, { signal }),
    enabled: id !== undefined,
  });
}
