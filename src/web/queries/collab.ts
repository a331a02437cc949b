import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChainDetail } from '../../contracts/chains';
import type { ConsortiumCandidate, ConsortiumSummary, ConsortiumView, CreateConsortiumBody, CreateJointProjectBody, InviteMemberBody, UpdateConsortiumBody } from '../../contracts/consortia';
import type { ChainGreen, CreateGreenCriterionBody, GreenCriterionView, IndicatorView, UpsertIndicatorBody } from '../../contracts/green';
import type { CreatePatentBody, CreateStandardBody, PatentCoverage, PatentView, StandardView } from '../../contracts/ip';
import { apiFetch } from '../api';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const KEY = ['collab'] as const;
/** Rows a list page shows (the API pages further with its cursor). */
const LIST_LIMIT = 200;

function useCollabMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: KEY }) });
}

/** Consortia the user sees. */
export function useConsortia(q: string) {
  return useQuery({ queryKey: [...KEY, 'consortia', q], queryFn: ({ signal }) => apiFetch<Page<ConsortiumSummary>>('/consortia', { signal, query: { q: q || undefined, limit: LIST_LIMIT } }) });
}

export function useConsortium(id: string) {
  return useQuery({ queryKey: [...KEY, 'consortium', id], queryFn: ({ signal }) => apiFetch<ConsortiumView>(`/consortia/${id}`, { signal }), retry: false });
}

export function useCreateConsortium() {
  return useCollabMutation((body: Partial<CreateConsortiumBody>) => apiFetch<{ id: string }>('/consortia', { method: 'POST', body }));
}

/** Enterprises a consortium may invite, by name words or a USCC prefix (2 characters at least). */
export function useConsortiumCandidates(q: string) {
  return useQuery({
    queryKey: [...KEY, 'candidates', q],
    queryFn: ({ signal }) => apiFetch<{ items: ConsortiumCandidate[] }>('/consortia/candidates', { signal, query: { q, limit: 20 } }),
    enabled: q.length >= 2,
  });
}

/** The segments of a chain, for the consortium form's segment picker. */
export function useChainSegments(chainId: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'chain-segments', chainId],
    queryFn: ({ signal }) => apiFetch<ChainDetail>(`/chains/${chainId}`, { signal }),
    enabled: Boolean(chainId),
    select: (chain) => chain.segments.map((s) => ({ key: s.key, name: s.name })),
  });
}

export function useConsortiumWrites(id: string) {
  return {
    update: useCollabMutation((body: UpdateConsortiumBody) => apiFetch<null>(`/consortia/${id}`, { method: 'PATCH', body })),
    invite: useCollabMutation((body: InviteMemberBody) => apiFetch<null>(`/consortia/${id}/members`, { method: 'POST', body })),
    respond: useCollabMutation((accept: boolean) => apiFetch<null>(`/consortia/${id}/respond`, { method: 'POST', body: { accept } })),
    addProject: useCollabMutation((body: Partial<CreateJointProjectBody>) => apiFetch<{ id: string }>(`/consortia/${id}/projects`, { method: 'POST', body })),
    linkChallenge: useCollabMutation((challengeId: string) => apiFetch<null>(`/consortia/${id}/challenges`, { method: 'POST', body: { challengeId } })),
  };
}

export function useStandards() {
  return useQuery({ queryKey: [...KEY, 'standards'], queryFn: ({ signal }) => apiFetch<Page<StandardView>>('/standards', { signal, query: { limit: LIST_LIMIT } }) });
}

export function useCreateStandard() {
  return useCollabMutation((body: Partial<CreateStandardBody>) => apiFetch<{ id: string }>('/standards', { method: 'POST', body }));
}

export function usePatents(filters: { chainId?: string; q?: string }) {
  return useQuery({ queryKey: [...KEY, 'patents', filters], queryFn: ({ signal }) => apiFetch<Page<PatentView>>('/patents', { signal, query: { ...filters, limit: LIST_LIMIT } }) });
}

export function useCreatePatent() {
  return useCollabMutation((body: Partial<CreatePatentBody>) => apiFetch<{ id: string }>('/patents', { method: 'POST', body }));
}

export function usePatentCoverage(chainId: string | undefined) {
  return useQuery({ queryKey: [...KEY, 'coverage', chainId], queryFn: ({ signal }) => apiFetch<PatentCoverage>(`/chains/${chainId}/patent-coverage`, { signal }), enabled: Boolean(chainId) });
}

export function useGreenCriteria() {
  return useQuery({ queryKey: [...KEY, 'criteria'], queryFn: ({ signal }) => apiFetch<Page<GreenCriterionView>>('/green/criteria', { signal, query: { limit: LIST_LIMIT } }) });
}

export function useCreateGreenCriterion() {
  return useCollabMutation((body: Partial<CreateGreenCriterionBody>) => apiFetch<{ id: string }>('/green/criteria', { method: 'POST', body }));
}

export function useIndicators() {
  return useQuery({ queryKey: [...KEY, 'indicators'], queryFn: ({ signal }) => apiFetch<Page<IndicatorView>>('/green/indicators', { signal, query: { limit: LIST_LIMIT } }) });
}

export function useUpsertIndicator() {
  return useCollabMutation((body: Partial<UpsertIndicatorBody>) => apiFetch<null>('/green/indicators', { method: 'PUT', body }));
}

export function useChainGreen(chainId: string | undefined) {
  return useQuery({ queryKey: [...KEY, 'chain-green', chainId], queryFn: ({ signal }) => apiFetch<ChainGreen>(`/chains/${chainId}/green`, { signal }), enabled: Boolean(chainId) });
}
