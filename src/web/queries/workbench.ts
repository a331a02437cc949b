import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddKeyListMembersBody, CreateKeyListBody, KeyListKind, KeyListMemberView, KeyListView,
  CreateTaskBody, DashboardView, DispatchBody, ReportBody, RollupView, TaskDetailView, TaskMetricView, TaskStatus, TaskView,
} from '../../contracts/workbench';
import { apiFetch, apiUrl, type QueryParams } from '../api';

/** Filters of the task list (URL parameters). */
export interface TaskFilters {
  mine?: 'true';
  overdue?: 'true';
  status?: TaskStatus;
  region?: string;
  q?: string;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

const TASKS_KEY = ['tasks'] as const;

function taskParams(filters: TaskFilters): QueryParams {
  return { mine: filters.mine, overdue: filters.overdue, status: filters.status, region: filters.region, q: filters.q };
}

/** A page of tasks in the user's scope. */
export function useTaskList(filters: TaskFilters, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...TASKS_KEY, 'list', filters, page],
    queryFn: ({ signal }) => apiFetch<Page<TaskView>>('/tasks', { signal, query: { ...taskParams(filters), cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** Link of the task-list Excel export. */
export function tasksExportUrl(filters: TaskFilters): string {
  return apiUrl('/tasks/export', taskParams(filters));
}

/** Link of a roll-up's Excel export. */
export function rollupExportUrl(id: string): string {
  return apiUrl(`/tasks/${encodeURIComponent(id)}/rollup/export`);
}

/** One task with its reports and reminders. */
export function useTask(id: string) {
  return useQuery({ queryKey: [...TASKS_KEY, 'one', id], queryFn: ({ signal }) => apiFetch<TaskDetailView>(`/tasks/${encodeURIComponent(id)}`, { signal }) });
}

/** The roll-up of a task. */
export function useTaskRollup(id: string) {
  return useQuery({ queryKey: [...TASKS_KEY, 'rollup', id], queryFn: ({ signal }) => apiFetch<RollupView>(`/tasks/${encodeURIComponent(id)}/rollup`, { signal }) });
}

/** Metrics a task may be tied to. */
export function useTaskMetrics() {
  return useQuery({ queryKey: ['task-metrics'], queryFn: ({ signal }) => apiFetch<{ items: TaskMetricView[] }>('/task-metrics', { signal }), staleTime: 600_000 });
}

function useTaskMutation<TBody, TResult>(fn: (body: TBody) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: TASKS_KEY }) });
}

/** Creates a task. */
export function useCreateTask() {
  return useTaskMutation((body: CreateTaskBody) => apiFetch<{ id: string }>('/tasks', { method: 'POST', body }));
}

/** Decomposes a task into sub-tasks. */
export function useDispatchTask(id: string) {
  return useTaskMutation((body: DispatchBody) => apiFetch<{ children: { id: string; regionCode: string }[] }>(`/tasks/${encodeURIComponent(id)}/dispatch`, { method: 'POST', body }));
}

/** Accepts a dispatched task. */
export function useAcceptTask(id: string) {
  return useTaskMutation(() => apiFetch<{ id: string }>(`/tasks/${encodeURIComponent(id)}/accept`, { method: 'POST', body: {} }));
}

/** Reports progress. */
export function useReportTask(id: string) {
  return useTaskMutation((body: ReportBody) => apiFetch<{ id: string; done: number; progress: number }>(`/tasks/${encodeURIComponent(id)}/report`, { method: 'POST', body }));
}

/** Reminds the level of a task. */
export function useRemindTask() {
  return useTaskMutation((body: { id: string; message?: string }) => apiFetch<{ id: string }>(`/tasks/${encodeURIComponent(body.id)}/remind`, { method: 'POST', body: { message: body.message } }));
}

/** Filters of the dashboard. */
export interface DashboardFilters {
  region?: string;
  chain?: string;
}

/** The dispatch dashboard of a region (and chain). */
export function useDashboard(filters: DashboardFilters) {
  return useQuery({
    queryKey: ['dashboard', filters],
    queryFn: ({ signal }) => apiFetch<DashboardView>('/dashboard', { signal, query: { region: filters.region, chain: filters.chain } }),
    placeholderData: keepPreviousData,
  });
}

/** Link of the dashboard's Excel export. */
export function dashboardExportUrl(filters: DashboardFilters): string {
  return apiUrl('/dashboard/export', { region: filters.region, chain: filters.chain });
}

/** A page of key-enterprise lists. */
export function useKeyLists(filters: { kind?: KeyListKind }, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: ['key-lists', 'list', filters, page],
    queryFn: ({ signal }) => apiFetch<Page<KeyListView>>('/key-lists', { signal, query: { kind: filters.kind, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** One key list. */
export function useKeyList(id: string) {
  return useQuery({ queryKey: ['key-lists', 'one', id], queryFn: ({ signal }) => apiFetch<KeyListView>(`/key-lists/${encodeURIComponent(id)}`, { signal }) });
}

/** A page of a list's enterprises. */
export function useKeyListMembers(id: string, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: ['key-lists', 'members', id, page],
    queryFn: ({ signal }) => apiFetch<Page<KeyListMemberView>>(`/key-lists/${encodeURIComponent(id)}/members`, { signal, query: { cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

function useKeyListMutation<TBody, TResult>(fn: (body: TBody) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['key-lists'] }) });
}

/** Creates a key list. */
export function useCreateKeyList() {
  return useKeyListMutation((body: CreateKeyListBody) => apiFetch<{ id: string }>('/key-lists', { method: 'POST', body }));
}

/** Adds enterprises to a list (by USCC or filter). */
export function useAddKeyListMembers(id: string) {
  return useKeyListMutation((body: AddKeyListMembersBody) => apiFetch<{ added: number; total: number }>(`/key-lists/${encodeURIComponent(id)}/members`, { method: 'POST', body }));
}

/** Removes an enterprise from a list. */
export function useRemoveKeyListMember(id: string) {
  return useKeyListMutation((uscc: string) => apiFetch<void>(`/key-lists/${encodeURIComponent(id)}/members/${encodeURIComponent(uscc)}`, { method: 'DELETE' }));
}

/** Link of a list's Excel export. */
export function keyListExportUrl(id: string): string {
  return apiUrl(`/key-lists/${encodeURIComponent(id)}/export`);
}

/** Region codes with a bundled map of their subordinate regions (`000000`: the provinces). */
export function useGeoRegions() {
  return useQuery({ queryKey: ['geo-regions'], queryFn: ({ signal }) => apiFetch<{ items: string[] }>('/reference/geo', { signal }), staleTime: Infinity });
}

/** The GeoJSON outlines of a region's subordinate regions (only for a code `useGeoRegions` lists). */
export function useRegionGeo(code: string | undefined) {
  return useQuery({ queryKey: ['geo', code], queryFn: ({ signal }) => apiFetch<object>(`/reference/geo/${code}`, { signal }), enabled: !!code, staleTime: Infinity });
}
