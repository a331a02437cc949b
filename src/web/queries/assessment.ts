import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GradientInputs, GradientResponse, SaveGradientInputsBody } from '../../contracts/assessment';
import { apiFetch } from '../api';

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
