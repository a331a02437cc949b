import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateProjectBody, ProjectDetailView, ProjectImportReport, ProjectStatus, ProjectType, ProjectView, UpdateProjectBody } from '../../contracts/projects';
import { apiFetch, apiUrl } from '../api';

/** Filters of the project database (URL parameters). */
export interface ProjectFilters {
  region?: string;
  chain?: string;
  type?: ProjectType;
  status?: ProjectStatus;
}

const KEY = ['projects'] as const;

/** A page of projects in the user's scope. */
export function useProjects(filters: ProjectFilters, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...KEY, 'list', filters, page],
    queryFn: ({ signal }) => apiFetch<{ items: ProjectView[]; nextCursor: string | null }>('/projects', { signal, query: { ...filters, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** One project with enterprises and milestones. */
export function useProject(id: string) {
  return useQuery({ queryKey: [...KEY, 'detail', id], queryFn: ({ signal }) => apiFetch<ProjectDetailView>(`/projects/${encodeURIComponent(id)}`, { signal }), retry: false });
}

/** The project's timeline (audit entries, newest first). */
export function useProjectHistory(id: string) {
  return useQuery({
    queryKey: [...KEY, 'history', id],
    queryFn: ({ signal }) => apiFetch<{ items: { id: number; at: string; actor: string; action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[] }>(`/projects/${encodeURIComponent(id)}/history`, { signal }),
  });
}

function useProjectMutation<A, R>(fn: (arg: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }) });
}

export function useCreateProject() {
  return useProjectMutation((body: Partial<CreateProjectBody>) => apiFetch<{ id: string }>('/projects', { method: 'POST', body }));
}

export function useUpdateProject(id: string) {
  return useProjectMutation((body: UpdateProjectBody) => apiFetch<ProjectDetailView>(`/projects/${encodeURIComponent(id)}`, { method: 'PATCH', body }));
}

/** Uploads a sheet: a dry run, or the commit. */
export function useImportProjects() {
  return useProjectMutation(({ file, isDryRun }: { file: File; isDryRun: boolean }) => {
    const form = new FormData();
    form.append('file', file);
    return apiFetch<ProjectImportReport>('/projects/import', { method: 'POST', body: form, query: { dryRun: String(isDryRun) } });
  });
}

export function projectsExportUrl(filters: ProjectFilters): string {
  return apiUrl('/projects/export', { ...filters });
}
