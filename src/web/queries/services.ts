import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApplyProgrammeBody, CaseModel, CaseStatus, CaseView, CreateCaseBody, CreateProgrammeBody, DecideApplicationBody, EligibilityView, ProgrammeApplicationView, ProgrammeView, UpdateCaseBody } from '../../contracts/services';
import { apiFetch } from '../api';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const CASES_KEY = ['cases'] as const;

/** Filters of the case lists. */
export interface CaseFilters {
  status?: CaseStatus;
  model?: CaseModel;
  q?: string;
}

/** A page of the caller's cases (`work`) or of published ones (`public`, no log-in needed). */
export function useCaseList(side: 'work' | 'public', filters: CaseFilters, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...CASES_KEY, side, filters, page],
    queryFn: ({ signal }) => apiFetch<Page<CaseView>>(side === 'public' ? '/public/cases' : '/cases', { signal, query: { ...filters, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** One case: through the signed-in API, or the public one. */
export function useCase(id: string, side: 'work' | 'public') {
  return useQuery({ queryKey: [...CASES_KEY, 'one', side, id], queryFn: ({ signal }) => apiFetch<CaseView>(side === 'public' ? `/public/cases/${id}` : `/cases/${id}`, { signal }), retry: false });
}

function useCaseMutation<TBody, TResult>(run: (body: TBody) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: CASES_KEY }) });
}

/** Write a draft case. */
export function useCreateCase() {
  return useCaseMutation((body: CreateCaseBody) => apiFetch<{ id: string }>('/cases', { method: 'POST', body }));
}

/** Edit a draft or returned case. */
export function useUpdateCase(id: string) {
  return useCaseMutation((body: UpdateCaseBody) => apiFetch<CaseView>(`/cases/${id}`, { method: 'PATCH', body }));
}

/** Submit, publish or return (with a comment) a case. */
export function useCaseAction(id: string) {
  return useCaseMutation((action: { verb: 'submit' | 'publish' | 'return'; comment?: string }) =>
    apiFetch<CaseView>(`/cases/${id}/${action.verb}`, { method: 'POST', body: action.verb === 'return' ? { comment: action.comment } : {} }),
  );
}


const PROGRAMMES_KEY = ['programmes'] as const;

/** Programmes for the user (newest first). */
export function useProgrammeList() {
  return useQuery({ queryKey: [...PROGRAMMES_KEY, 'list'], queryFn: ({ signal }) => apiFetch<Page<ProgrammeView>>('/programmes', { signal, query: { limit: 200 } }) });
}

/** One programme, its eligibility verdict for the user's enterprise (members) and its applications (managers). */
export function useProgramme(id: string) {
  return useQuery({ queryKey: [...PROGRAMMES_KEY, 'one', id], queryFn: ({ signal }) => apiFetch<ProgrammeView>(`/programmes/${id}`, { signal }) });
}
export function useEligibility(id: string, enabled: boolean) {
  return useQuery({ queryKey: [...PROGRAMMES_KEY, 'eligibility', id], queryFn: ({ signal }) => apiFetch<EligibilityView>(`/programmes/${id}/eligibility`, { signal }), enabled, retry: false });
}
export function useProgrammeApplications(id: string, enabled: boolean) {
  return useQuery({ queryKey: [...PROGRAMMES_KEY, 'applications', id], queryFn: ({ signal }) => apiFetch<{ items: ProgrammeApplicationView[] }>(`/programmes/${id}/applications`, { signal }), enabled });
}

function useProgrammeMutation<TBody, TResult>(run: (body: TBody) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: PROGRAMMES_KEY }) });
}

/** Publish a programme (gov). */
export function useCreateProgramme() {
  return useProgrammeMutation((body: CreateProgrammeBody) => apiFetch<{ id: string }>('/programmes', { method: 'POST', body }));
}
/** Apply to a programme. */
export function useApplyProgramme(id: string) {
  return useProgrammeMutation((body: ApplyProgrammeBody) => apiFetch<ProgrammeApplicationView>(`/programmes/${id}/applications`, { method: 'POST', body }));
}
/** Approve or reject an application. */
export function useDecideApplication() {
  return useProgrammeMutation((body: DecideApplicationBody & { id: string }) => apiFetch<ProgrammeApplicationView>(`/programme-applications/${body.id}/decide`, { method: 'POST', body: { decision: body.decision, approvedYuan: body.approvedYuan, note: body.note } }));
}
