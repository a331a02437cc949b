import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateDigitalAssessmentBody, DigitalStats, DigitalStatsEnterprise, CreateScreeningBody, DigitalAssessmentView, DigitalFormView, SolutionView, GradientInputs, GradientResponse, GradientTier, SaveGradientInputsBody, ScreeningResult, ScreeningView } from '../../contracts/assessment';
import { apiFetch, apiUrl } from '../api';

const GRADIENT_KEY = ['gradient'] as const;

/** The gradient evaluation of an enterprise on a date (default today). */
export function useGradient(uscc: string | undefined, asOf: string | undefined) {
  return useQuery({
    queryKey: [...GRADIENT_KEY, 'result', uscc, asOf],
    queryFn: ({ signal }) => apiFetch<GradientResponse>(`/enterprises/${uscc}/gradient`, { signal, query: { asOf } }),
    enabled: Boolean(uscc),
    placeholderData: keepPreviousData,
  });
}

/** The declared inputs (pre-filled from the registry). */
export function useGradientInputs(uscc: string | undefined) {
  return useQuery({
    queryKey: [...GRADIENT_KEY, 'inputs', uscc],
    queryFn: ({ signal }) => apiFetch<GradientInputs>(`/enterprises/${uscc}/gradient-inputs`, { signal }),
    enabled: Boolean(uscc),
  });
}

/** Save declared inputs. */
export function useSaveGradientInputs(uscc: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveGradientInputsBody) => apiFetch<GradientInputs>(`/enterprises/${uscc}/gradient-inputs`, { method: 'PUT', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: GRADIENT_KEY }),
  });
}

const SCREENING_KEY = ['gradient-screenings'] as const;

interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

/** The caller's screenings. */
export function useScreenings() {
  return useQuery({ queryKey: [...SCREENING_KEY, 'list'], queryFn: ({ signal }) => apiFetch<Page<ScreeningView>>('/gradient-screenings', { signal, query: { limit: 20 } }) });
}

/** One screening's summary. */
export function useScreening(id: string | undefined) {
  return useQuery({ queryKey: [...SCREENING_KEY, 'one', id], queryFn: ({ signal }) => apiFetch<ScreeningView>(`/gradient-screenings/${id}`, { signal }), enabled: Boolean(id) });
}

/** A page of one list of a screening. */
export function useScreeningResults(id: string | undefined, filter: { tier: GradientTier; kind: 'candidate' | 'near_miss'; priorityOnly?: 'true' }, cursor: string | undefined) {
  return useQuery({
    queryKey: [...SCREENING_KEY, 'results', id, filter, cursor],
    queryFn: ({ signal }) => apiFetch<Page<ScreeningResult>>(`/gradient-screenings/${id}/results`, { signal, query: { ...filter, cursor, limit: 20 } }),
    enabled: Boolean(id),
    placeholderData: keepPreviousData,
  });
}

/** Run a screening. */
export function useCreateScreening() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateScreeningBody) => apiFetch<ScreeningView>('/gradient-screenings', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: SCREENING_KEY }),
  });
}

/** Download link of a screening's lists. */
export function screeningExportUrl(id: string): string {
  return apiUrl(`/gradient-screenings/${id}/export`);
}

const DIGITAL_KEY = ['digital'] as const;

/** The questionnaires. */
export function useDigitalForms() {
  return useQuery({ queryKey: [...DIGITAL_KEY, 'forms'], queryFn: ({ signal }) => apiFetch<{ items: DigitalFormView[] }>('/digital-forms', { signal }), staleTime: Infinity });
}

/** History (newest first) and the open draft of an enterprise. */
export function useDigitalHistory(uscc: string) {
  return useQuery({ queryKey: [...DIGITAL_KEY, 'history', uscc], queryFn: ({ signal }) => apiFetch<{ items: DigitalAssessmentView[] }>(`/enterprises/${uscc}/digital-assessments`, { signal }) });
}
export function useDigitalDraft(uscc: string) {
  return useQuery({ queryKey: [...DIGITAL_KEY, 'draft', uscc], queryFn: ({ signal }) => apiFetch<{ draft: DigitalAssessmentView | null }>(`/enterprises/${uscc}/digital-assessments/draft`, { signal }) });
}

/** Save a draft or submit. */
export function useSubmitDigital(uscc: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDigitalAssessmentBody) => apiFetch<DigitalAssessmentView>(`/enterprises/${uscc}/digital-assessments`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: DIGITAL_KEY }),
  });
}

/** The solution catalogue. */
export function useSolutions(filter: { q?: string; dimension?: string; industry?: string }, cursor: string | undefined) {
  return useQuery({
    queryKey: ['solutions', filter, cursor],
    queryFn: ({ signal }) => apiFetch<Page<SolutionView>>('/solutions', { signal, query: { ...filter, cursor, limit: 20 } }),
    placeholderData: keepPreviousData,
  });
}

/** Filters of the regional digital-level statistics and their drill-down list. */
export interface DigitalStatsFilter {
  region?: string;
  level?: string;
  industry?: string;
  tier?: string;
}

/** Regional digital-level statistics (gov). */
export function useDigitalStats(region: string | undefined) {
  return useQuery({ queryKey: [...DIGITAL_KEY, 'stats', region], queryFn: ({ signal }) => apiFetch<DigitalStats>('/digital-assessment-stats', { signal, query: { region } }), placeholderData: keepPreviousData });
}

/** A page of the enterprises behind the statistics. */
export function useDigitalStatsEnterprises(filter: DigitalStatsFilter, cursor: string | undefined) {
  return useQuery({
    queryKey: [...DIGITAL_KEY, 'stats-enterprises', filter, cursor],
    queryFn: ({ signal }) => apiFetch<Page<DigitalStatsEnterprise>>('/digital-assessment-stats/enterprises', { signal, query: { ...filter, cursor, limit: 20 } }),
    placeholderData: keepPreviousData,
  });
}

/** Download link of the statistics and the filtered list. */
export function digitalStatsExportUrl(filter: DigitalStatsFilter): string {
  return apiUrl('/digital-assessment-stats/export', { ...filter });
}
