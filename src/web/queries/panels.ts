import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeclareConflictsBody, PanelView, SavePanelBody } from '../../contracts/panels';
import { apiFetch } from '../api';

/** Under the challenge keys: every challenge action (assignment, decisions) refreshes the panel too. */
const panelKey = (challengeId: string) => ['challenges', 'panel', challengeId] as const;

/** The review panel of a challenge; a 404 (no panel, or not a member) is an answer, not retried. */
export function usePanel(challengeId: string, enabled: boolean) {
  return useQuery({ queryKey: panelKey(challengeId), queryFn: ({ signal }) => apiFetch<PanelView>(`/challenges/${challengeId}/panel`, { signal }), enabled, retry: false });
}

function usePanelMutation<TBody, TResult = PanelView>(request: (body: TBody) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: request, onSuccess: () => client.invalidateQueries({ queryKey: ['challenges'] }) });
}

/** Form the panel or change it while forming. */
export function useSavePanel(challengeId: string) {
  return usePanelMutation((body: SavePanelBody) => apiFetch<PanelView>(`/challenges/${challengeId}/panel`, { method: 'PUT', body }));
}

/** Start scoring or conclude. */
export function useAdvancePanel(challengeId: string) {
  return usePanelMutation((verb: 'start' | 'conclude') => apiFetch<PanelView>(`/challenges/${challengeId}/panel/${verb}`, { method: 'POST', body: {} }));
}

/** The calling member's conflict-of-interest declaration. */
export function useDeclareConflicts(challengeId: string) {
  return usePanelMutation((body: DeclareConflictsBody) => apiFetch<PanelView & { removedReviews: number }>(`/challenges/${challengeId}/panel/declaration`, { method: 'POST', body }));
}
