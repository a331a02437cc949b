import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Size, SizeBasis } from '../../contracts/enterprises';
import { apiFetch } from '../api';

/** A node of the region or industry tree, shaped as antd Cascader options (a type alias, so it fits Cascader's option constraint). */
export type TreeOption = {
  value: string;
  label: string;
  children?: TreeOption[];
};

/** Answer of `GET /reference/uscc/{code}`. */
export interface UsccCheck {
  code: string;
  valid: boolean;
  reason?: string;
}

/** One indicator of a size classification. */
export type SizeBasisItem = z.infer<typeof SizeBasis>;

/** Answer of `GET /reference/enterprise-size`. */
export interface SizeClassification {
  size: Size | null;
  category: string | null;
  categoryName: string | null;
  basis: SizeBasisItem[];
  reason?: string;
}

/** Inputs of a size classification. */
export interface SizeInput {
  industry?: string;
  employees?: number | null;
  revenue?: number | null;
  assets?: number | null;
}

// Reference trees change with a data release, not during a session.
const REFERENCE_STALE_MS = 60 * 60_000;

/** GB/T 2260 region tree. */
export function useRegionTree() {
  return useQuery({
    queryKey: ['reference', 'regions'],
    queryFn: ({ signal }) => apiFetch<TreeOption[]>('/reference/regions/tree', { signal }),
    staleTime: REFERENCE_STALE_MS,
  });
}

/** GB/T 4754 industry tree. */
export function useIndustryTree() {
  return useQuery({
    queryKey: ['reference', 'industries'],
    queryFn: ({ signal }) => apiFetch<TreeOption[]>('/reference/industries/tree', { signal }),
    staleTime: REFERENCE_STALE_MS,
  });
}

/** Checks a USCC (format and check character). */
export function checkUscc(code: string): Promise<UsccCheck> {
  return apiFetch<UsccCheck>(`/reference/uscc/${encodeURIComponent(code)}`);
}

/** Size class for an industry and figures; idle until an industry is given. */
export function useSizeClassification(input: SizeInput) {
  return useQuery({
    queryKey: ['reference', 'enterprise-size', input],
    queryFn: ({ signal }) =>
      apiFetch<SizeClassification>('/reference/enterprise-size', {
        signal,
        query: { industry: input.industry, employees: input.employees, revenue: input.revenue, assets: input.assets },
      }),
    enabled: Boolean(input.industry),
    staleTime: REFERENCE_STALE_MS,
  });
}
