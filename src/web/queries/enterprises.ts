import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateEnterpriseBody,
  EnterpriseDetail,
  EnterpriseSummary,
  EnterpriseTag,
  ImportDecision,
  ImportReport,
  Size,
  UpdateEnterpriseBody,
} from '../../contracts/enterprises';
import { apiFetch, apiUpload, apiUrl, type QueryParams, type UploadProgress } from '../api';

/** Filters of the enterprise list (also used for the export link). */
export interface EnterpriseFilters {
  region?: string;
  industry?: string;
  q?: string;
  size?: Size;
  tag?: EnterpriseTag;
}

/** One page of enterprises. */
export interface EnterprisePage {
  items: EnterpriseSummary[];
  nextCursor: string | null;
  total?: number;
}

/** One audit entry of an enterprise. `actor` is shown as given (name, or an object with a name). */
export interface EnterpriseHistoryEntry {
  id: number | string;
  at: string;
  actor: string | { id?: number; username?: string; displayName?: string | null } | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

interface HistoryPage {
  items: EnterpriseHistoryEntry[];
  nextCursor: string | null;
}

const ENTERPRISES_KEY = ['enterprises'] as const;

function filterParams(filters: EnterpriseFilters): QueryParams {
  return { region: filters.region, industry: filters.industry, q: filters.q, size: filters.size, tag: filters.tag };
}

/** A page of enterprises in the caller's scope; keeps the previous page on screen while the next loads. */
export function useEnterpriseList(filters: EnterpriseFilters, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...ENTERPRISES_KEY, 'list', filters, page],
    queryFn: ({ signal }) =>
      apiFetch<EnterprisePage>('/enterprises', { signal, query: { ...filterParams(filters), cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** Number of enterprises matching the filters (one-row page, reads `total`). */
export function useEnterpriseCount(filters: EnterpriseFilters, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...ENTERPRISES_KEY, 'count', filters],
    queryFn: async ({ signal }) => {
      const page = await apiFetch<EnterprisePage>('/enterprises', { signal, query: { ...filterParams(filters), limit: 1 } });
      return page.total ?? page.items.length;
    },
    enabled: options.enabled ?? true,
    retry: false,
  });
}

/** Download link of the xlsx export for the filters. */
export function enterpriseExportUrl(filters: EnterpriseFilters): string {
  return apiUrl('/enterprises/export', filterParams(filters));
}

/** Download link of the import template. */
export function importTemplateUrl(format: 'xlsx' | 'csv'): string {
  return apiUrl('/enterprises/import/template', { format });
}

/** One enterprise; 404 when missing or out of scope. */
export function useEnterprise(uscc: string) {
  return useQuery({
    queryKey: [...ENTERPRISES_KEY, 'detail', uscc],
    queryFn: ({ signal }) => apiFetch<EnterpriseDetail>(`/enterprises/${encodeURIComponent(uscc)}`, { signal }),
    retry: false,
  });
}

/** Audit history of one enterprise, newest first, page by page. */
export function useEnterpriseHistory(uscc: string) {
  return useInfiniteQuery({
    queryKey: [...ENTERPRISES_KEY, 'history', uscc],
    queryFn: ({ signal, pageParam }) =>
      apiFetch<HistoryPage>(`/enterprises/${encodeURIComponent(uscc)}/history`, { signal, query: { cursor: pageParam, limit: 20 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Registers an enterprise. */
export function useCreateEnterprise() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateEnterpriseBody) => apiFetch<EnterpriseDetail>('/enterprises', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ENTERPRISES_KEY }),
  });
}

/** Changes an enterprise's profile. */
export function useUpdateEnterprise(uscc: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateEnterpriseBody) =>
      apiFetch<EnterpriseDetail>(`/enterprises/${encodeURIComponent(uscc)}`, { method: 'PATCH', body }),
    onSuccess: (detail) => {
      queryClient.setQueryData([...ENTERPRISES_KEY, 'detail', uscc], detail);
      return queryClient.invalidateQueries({ queryKey: ENTERPRISES_KEY });
    },
  });
}

/** Input of an import run. */
export interface ImportRun {
  file: File;
  isDryRun: boolean;
  decisions?: ImportDecision[];
  onProgress?: (progress: UploadProgress) => void;
}

/**
 * Uploads an import file: a dry run checks it, a commit writes it.
 * @throws ApiError; a refused commit (422) carries the report in `problem.report`.
 */
export function runImport({ file, isDryRun, decisions, onProgress }: ImportRun): Promise<ImportReport> {
  const form = new FormData();
  if (decisions && decisions.length > 0) {
    form.append('decisions', JSON.stringify(decisions));
  }
  // The file goes last so the server can read the small fields before streaming it.
  form.append('file', file, file.name);
  return apiUpload<ImportReport>('/enterprises/import', { query: { dryRun: isDryRun }, form, onProgress });
}

/** Forgets cached enterprise answers (after an import). */
export function useInvalidateEnterprises(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ENTERPRISES_KEY });
}
