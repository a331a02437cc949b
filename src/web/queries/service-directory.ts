import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateProductBody, CreateProviderBody, ListProvidersQuery, ProductCategory, ProductView, ProviderView, RateRequestBody, RequestStatus, RequestView } from '../../contracts/service-directory';
import { apiFetch } from '../api';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const DIRECTORY_KEY = ['service-directory'] as const;

/** Filters of the provider list. */
export type ProviderFilters = Pick<ListProvidersQuery, 'kind' | 'region' | 'q'>;

/** A page of providers. */
export function useProviderList(filters: ProviderFilters, page: { cursor?: string; limit: number }) {
  return useQuery({ queryKey: [...DIRECTORY_KEY, 'providers', filters, page], queryFn: ({ signal }) => apiFetch<Page<ProviderView>>('/service-providers', { signal, query: { ...filters, ...page } }), placeholderData: keepPreviousData });
}

/** One provider. */
export function useProvider(id: string | null) {
  return useQuery({ queryKey: [...DIRECTORY_KEY, 'provider', id], queryFn: ({ signal }) => apiFetch<ProviderView>(`/service-providers/${id}`, { signal }), enabled: Boolean(id) });
}

/** A page of active products (of one provider, a category, words). */
export function useProductList(filters: { category?: ProductCategory; providerId?: string; q?: string }, page: { cursor?: string; limit: number }) {
  return useQuery({ queryKey: [...DIRECTORY_KEY, 'products', filters, page], queryFn: ({ signal }) => apiFetch<Page<ProductView>>('/service-products', { signal, query: { ...filters, ...page } }), placeholderData: keepPreviousData });
}

/** A page of the caller's requests (`mine`) or those to the providers it manages (`incoming`). */
export function useRequestList(side: 'mine' | 'incoming', status: RequestStatus | undefined, page: { cursor?: string; limit: number }) {
  return useQuery({ queryKey: [...DIRECTORY_KEY, 'requests', side, status, page], queryFn: ({ signal }) => apiFetch<Page<RequestView>>('/service-requests', { signal, query: { side, status, ...page } }), placeholderData: keepPreviousData });
}

function useDirectoryMutation<TBody, TResult>(run: (body: TBody) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: DIRECTORY_KEY }) });
}

/** List a provider. */
export function useCreateProvider() {
  return useDirectoryMutation((body: CreateProviderBody) => apiFetch<{ id: string }>('/service-providers', { method: 'POST', body }));
}
/** Offer a product of a provider. */
export function useCreateProduct(providerId: string) {
  return useDirectoryMutation((body: CreateProductBody) => apiFetch<{ id: string }>(`/service-providers/${providerId}/products`, { method: 'POST', body }));
}
/** Request a product for the user's enterprise. */
export function useRequestService() {
  return useDirectoryMutation((body: { productId: string; note?: string }) => apiFetch<RequestView>(`/service-products/${body.productId}/requests`, { method: 'POST', body: { note: body.note } }));
}
/** Accept, decline or complete a request (the provider). */
export function useHandleRequest() {
  return useDirectoryMutation((body: { id: string; verb: 'accept' | 'decline' | 'complete'; reply?: string }) => apiFetch<RequestView>(`/service-requests/${body.id}/${body.verb}`, { method: 'POST', body: { reply: body.reply } }));
}
/** Rate a completed request (the requester). */
export function useRateRequest() {
  return useDirectoryMutation((body: RateRequestBody & { id: string }) => apiFetch<RequestView>(`/service-requests/${body.id}/rate`, { method: 'POST', body: { rating: body.rating, review: body.review } }));
}
