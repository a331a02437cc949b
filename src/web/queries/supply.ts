import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LittleGiantsResponse, SupplyEdge, SupplyImportReport, WeakLinksResponse } from '../../contracts/supply';
import { apiFetch, apiUpload, apiUrl, type QueryParams, type UploadProgress } from '../api';

/** Filters of the supply-edge list (also used for the export link). */
export interface SupplyFilters {
  supplier?: string;
  customer?: string;
  product?: string;
}

const SUPPLY_KEY = ['supply'] as const;

function filterParams(filters: SupplyFilters): QueryParams {
  return { supplier: filters.supplier, customer: filters.customer, product: filters.product };
}

/** A page of the supply edges the user sees. */
export function useSupplyEdges(filters: SupplyFilters, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...SUPPLY_KEY, 'edges', filters, page],
    queryFn: ({ signal }) => apiFetch<{ items: SupplyEdge[]; nextCursor: string | null }>('/supply-edges', { signal, query: { ...filterParams(filters), cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** Download link of the xlsx export for the filters. */
export function supplyExportUrl(filters: SupplyFilters): string {
  return apiUrl('/supply-edges/export', filterParams(filters));
}

/** Download link of the supplier-list template. */
export function supplyTemplateUrl(): string {
  return apiUrl('/supply-edges/import/template');
}

/** Deletes one edge. */
export function useDeleteSupplyEdge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/supply-edges/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SUPPLY_KEY }),
  });
}

/**
 * Uploads a supplier list: a dry run checks it, a commit writes it.
 * @throws ApiError; a refused commit (422) carries the report in `problem.report`.
 */
export function runSupplyImport(options: { file: File; isDryRun: boolean; isPrivate: boolean; onProgress?: (progress: UploadProgress) => void }): Promise<SupplyImportReport> {
  const form = new FormData();
  form.append('isPrivate', String(options.isPrivate));
  form.append('file', options.file, options.file.name);
  return apiUpload<SupplyImportReport>('/supply-edges/import', { query: { dryRun: options.isDryRun }, form, onProgress: options.onProgress });
}

/** Forgets cached supply answers (after an import). */
export function useInvalidateSupply(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: SUPPLY_KEY });
}

/** The full weak-link analysis of a chain in a region (with candidates). */
export function useWeakLinkAnalysis(chainId: string, region: string | undefined) {
  return useQuery({
    queryKey: [...SUPPLY_KEY, 'weak-links', chainId, region],
    queryFn: ({ signal }) => apiFetch<WeakLinksResponse>(`/chains/${encodeURIComponent(chainId)}/weak-links`, { signal, query: { region, candidates: 10 } }),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** The 小巨人 chain map of a chain in a region. */
export function useLittleGiants(chainId: string, region: string | undefined) {
  return useQuery({
    queryKey: [...SUPPLY_KEY, 'little-giants', chainId, region],
    queryFn: ({ signal }) => apiFetch<LittleGiantsResponse>(`/chains/${encodeURIComponent(chainId)}/little-giants`, { signal, query: { region } }),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Download link of the 小巨人 map workbook. */
export function littleGiantsExportUrl(chainId: string, region: string | undefined): string {
  return apiUrl(`/chains/${encodeURIComponent(chainId)}/little-giants/export`, { region });
}
