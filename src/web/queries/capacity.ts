import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CapacityAlertKind, CapacityEnterpriseRow, CapacityImportReport, CapacityMonitorView, CapacityReportItem, CapacityReportsResult, EnterpriseCapacityView,
} from '../../contracts/capacity';
import { apiFetch, apiUrl, type QueryParams } from '../api';

const CAPACITY_KEY = ['capacity'] as const;

/** Month range and thresholds of the monitoring (blank = the server's defaults). */
export interface CapacityFilters {
  from?: string;
  to?: string;
  idleBelow?: number;
  dropPoints?: number;
}

const params = (f: CapacityFilters): QueryParams => ({ from: f.from, to: f.to, idleBelow: f.idleBelow, dropPoints: f.dropPoints });

/** The monitoring of a chain. */
export function useCapacityMonitor(chainId: string | undefined, filters: CapacityFilters) {
  return useQuery({
    queryKey: [...CAPACITY_KEY, 'monitor', chainId, filters],
    queryFn: ({ signal }) => apiFetch<CapacityMonitorView>(`/chains/${encodeURIComponent(chainId!)}/capacity`, { signal, query: params(filters) }),
    enabled: Boolean(chainId),
    placeholderData: keepPreviousData,
  });
}

/** Drill-down: a page of a chain's SMEs (of a segment / with an alert). */
export function useCapacityEnterprises(chainId: string, filters: CapacityFilters & { segment?: string; alert?: CapacityAlertKind }, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...CAPACITY_KEY, 'enterprises', chainId, filters, page],
    queryFn: ({ signal }) =>
      apiFetch<{ items: CapacityEnterpriseRow[]; nextCursor: string | null; total?: number }>(`/chains/${encodeURIComponent(chainId)}/capacity/enterprises`, {
        signal, query: { ...params(filters), segment: filters.segment, alert: filters.alert, cursor: page.cursor, limit: page.limit },
      }),
    placeholderData: keepPreviousData,
  });
}

/** Download link of the monitoring export. */
export function capacityExportUrl(chainId: string, filters: CapacityFilters & { segment?: string; alert?: CapacityAlertKind }): string {
  return apiUrl(`/chains/${encodeURIComponent(chainId)}/capacity/export`, { ...params(filters), segment: filters.segment, alert: filters.alert });
}

/** Download link of the import template. */
export function capacityTemplateUrl(): string {
  return apiUrl('/capacity/import/template');
}

/** The months of one enterprise. */
export function useEnterpriseCapacity(uscc: string | undefined, range: { from?: string; to?: string } = {}) {
  return useQuery({
    queryKey: [...CAPACITY_KEY, 'enterprise', uscc, range],
    queryFn: ({ signal }) => apiFetch<EnterpriseCapacityView>(`/capacity/enterprises/${encodeURIComponent(uscc!)}`, { signal, query: { from: range.from, to: range.to } }),
    enabled: Boolean(uscc),
  });
}

/** Reports months (an SME's own, or a platform's batch). */
export function useReportCapacity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: CapacityReportItem[]) => apiFetch<CapacityReportsResult>('/capacity/reports', { method: 'POST', body: { items } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CAPACITY_KEY }),
  });
}

/** Uploads a sheet: a dry run, or the commit. */
export function useImportCapacity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, isDryRun }: { file: File; isDryRun: boolean }) => {
      const form = new FormData();
      form.append('file', file);
      return apiFetch<CapacityImportReport>('/capacity/import', { method: 'POST', body: form, query: { dryRun: String(isDryRun) } });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CAPACITY_KEY }),
  });
}
