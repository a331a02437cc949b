import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ApplicationCreated, ApplicationView, BookingView, ChallengeStatus, ChallengeView, CreateBookingBody, CreateChallengeBody, CreateResourceBody, ExpertView, MilestoneView,
  QuestionView, ResourceKind, ResourceView, ReviewView, SubmitReviewBody, UpdateExpertBody,
} from '../../contracts/innovation';
import type { FileView } from '../../contracts/files';
import { apiFetch } from '../api';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const CHALLENGES_KEY = ['challenges'] as const;
const REVIEWS_KEY = ['reviews'] as const;
const RESOURCES_KEY = ['resources'] as const;
const EXPERTS_KEY = ['experts'] as const;

/** Filters of the challenge list. */
export interface ChallengeFilters {
  status?: ChallengeStatus;
  q?: string;
  mine?: 'true';
}

/** A page of challenges. */
export function useChallengeList(filters: ChallengeFilters, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...CHALLENGES_KEY, 'list', filters, page],
    queryFn: ({ signal }) => apiFetch<Page<ChallengeView>>('/challenges', { signal, query: { ...filters, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** One challenge. */
export function useChallenge(id: string) {
  return useQuery({ queryKey: [...CHALLENGES_KEY, 'one', id], queryFn: ({ signal }) => apiFetch<ChallengeView>(`/challenges/${id}`, { signal }) });
}

/** Applications of a challenge the user may see (all with scores for managers). */
export function useApplications(id: string) {
  return useQuery({ queryKey: [...CHALLENGES_KEY, 'applications', id], queryFn: ({ signal }) => apiFetch<Page<ApplicationView>>(`/challenges/${id}/applications`, { signal, query: { limit: 500 } }) });
}

/** Q&A of a challenge. */
export function useQuestions(id: string) {
  return useQuery({ queryKey: [...CHALLENGES_KEY, 'questions', id], queryFn: ({ signal }) => apiFetch<{ items: QuestionView[] }>(`/challenges/${id}/questions`, { signal }) });
}

/** Milestones and progress of a challenge. */
export function useMilestones(id: string) {
  return useQuery({ queryKey: [...CHALLENGES_KEY, 'milestones', id], queryFn: ({ signal }) => apiFetch<{ items: MilestoneView[]; progressPct: number }>(`/challenges/${id}/milestones`, { signal }) });
}

/** Statistics of a challenge (managers). */
export interface ChallengeStatisticsView {
  applicants: number;
  byRegion: { regionCode: string; regionName: string; count: number }[];
  trend: { date: string; count: number }[];
  byStatus: Record<string, number>;
  progressPct: number;
}
export function useChallengeStatistics(id: string, enabled: boolean) {
  return useQuery({ queryKey: [...CHALLENGES_KEY, 'statistics', id], queryFn: ({ signal }) => apiFetch<ChallengeStatisticsView>(`/challenges/${id}/statistics`, { signal }), enabled });
}

/** Any POST on a challenge that refreshes all challenge queries afterwards. */
export function useChallengeAction<TBody, TResult = unknown>(path: (body: TBody) => string, payload: (body: TBody) => unknown = () => ({})) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => apiFetch<TResult>(path(body), { method: 'POST', body: payload(body) }),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: CHALLENGES_KEY }), client.invalidateQueries({ queryKey: REVIEWS_KEY })]),
  });
}

/** The publisher sets the disagreement threshold of a challenge's review (PUT). */
export function useSetDisagreementThreshold(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (disagreementThreshold: number) => apiFetch<ChallengeView>(`/challenges/${id}/disagreement-threshold`, { method: 'PUT', body: { disagreementThreshold } }),
    onSuccess: () => client.invalidateQueries({ queryKey: CHALLENGES_KEY }),
  });
}

/** Post a challenge. */
export function useCreateChallenge() {
  return useChallengeAction<CreateChallengeBody, { id: string }>(() => '/challenges', (body) => body);
}

/** Apply to a challenge. */
export function useApply(id: string) {
  return useChallengeAction<{ uscc: string; proposal: string; team?: string; schedule?: string }, ApplicationCreated>(() => `/challenges/${id}/applications`, (body) => body);
}

/** The expert's review queue. */
export function useMyReviews() {
  return useQuery({ queryKey: [...REVIEWS_KEY, 'mine'], queryFn: ({ signal }) => apiFetch<{ items: ReviewView[] }>('/reviews/mine', { signal, query: { limit: 200 } }) });
}

/** One review of the expert. */
export function useReview(id: string) {
  return useQuery({ queryKey: [...REVIEWS_KEY, 'one', id], queryFn: ({ signal }) => apiFetch<ReviewView>(`/reviews/${id}`, { signal }) });
}

/** Submit a score. */
export function useSubmitReview(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SubmitReviewBody) => apiFetch<ReviewView>(`/reviews/${id}/submit`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: REVIEWS_KEY }),
  });
}

/** The expert's own profile (404 until saved: `retry` off). */
export function useMyExpertProfile() {
  return useQuery({ queryKey: [...EXPERTS_KEY, 'me'], queryFn: ({ signal }) => apiFetch<ExpertView>('/experts/me', { signal }), retry: false });
}

export function useSaveExpertProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateExpertBody) => apiFetch<ExpertView>('/experts/me', { method: 'PUT', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: EXPERTS_KEY }),
  });
}

/** Filters of the expert pool page. */
export interface ExpertPoolFilters {
  q?: string;
  field?: string;
  regionCode?: string;
  affiliation?: string;
  available?: 'true';
}

/** A page of the expert pool, filtered. */
export function useExpertPool(filters: ExpertPoolFilters, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...EXPERTS_KEY, 'pool', filters, page],
    queryFn: ({ signal }) => apiFetch<Page<ExpertView>>('/experts', { signal, query: { ...filters, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** The expert pool (to assign by hand). */
export function useExperts(enabled: boolean) {
  return useQuery({ queryKey: [...EXPERTS_KEY, 'list'], queryFn: ({ signal }) => apiFetch<Page<ExpertView>>('/experts', { signal, query: { limit: 500 } }), enabled });
}

/** A page of shared resources. */
export function useResourceList(filters: { kind?: ResourceKind; q?: string; mine?: 'true' }, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...RESOURCES_KEY, 'list', filters, page],
    queryFn: ({ signal }) => apiFetch<Page<ResourceView>>('/resources', { signal, query: { ...filters, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

export function useResource(id: string) {
  return useQuery({ queryKey: [...RESOURCES_KEY, 'one', id], queryFn: ({ signal }) => apiFetch<ResourceView>(`/resources/${id}`, { signal }) });
}

/** Bookings of a resource in a window (the calendar). */
export function useResourceCalendar(id: string, from: string, to: string) {
  return useQuery({
    queryKey: [...RESOURCES_KEY, 'calendar', id, from, to],
    queryFn: ({ signal }) => apiFetch<{ items: BookingView[] }>(`/resources/${id}/bookings`, { signal, query: { from, to } }),
    placeholderData: keepPreviousData,
  });
}

/** Bookings the user's enterprise made (`mine`) or received (`incoming`). */
export function useOwnBookings(side: 'mine' | 'incoming') {
  return useQuery({ queryKey: [...RESOURCES_KEY, 'bookings', side], queryFn: ({ signal }) => apiFetch<Page<BookingView>>(`/bookings/${side}`, { signal, query: { limit: 100 } }) });
}

/** Sharing figures. */
export interface SharingFiguresView {
  resourceId: string | null;
  title: string;
  ownerName: string;
  ownerUscc: string;
  bookedHours: number;
  usedHours: number;
  outsideHours: number;
  sharingRatePct: number;
}
export function useSharingStatistics(enabled: boolean) {
  return useQuery({
    queryKey: [...RESOURCES_KEY, 'statistics'],
    queryFn: ({ signal }) => apiFetch<{ byResource: SharingFiguresView[]; byOwner: SharingFiguresView[] }>('/resources/statistics', { signal }),
    enabled,
  });
}

/** Any POST on resources or bookings that refreshes resource queries afterwards. */
export function useResourceAction<TBody, TResult = unknown>(path: (body: TBody) => string, payload: (body: TBody) => unknown = () => ({})) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => apiFetch<TResult>(path(body), { method: 'POST', body: payload(body) }),
    onSuccess: () => client.invalidateQueries({ queryKey: RESOURCES_KEY }),
  });
}

export function useCreateResource() {
  return useResourceAction<CreateResourceBody, { id: string }>(() => '/resources', (body) => body);
}

export function useCreateBooking(id: string) {
  return useResourceAction<Omit<CreateBookingBody, 'purpose'> & { purpose?: string }, BookingView>(() => `/resources/${id}/bookings`, (body) => body);
}

/** A challenge's files: public ones, and the confidential ones (null when the caller has not accepted the NDA). */
export function useChallengeFiles(id: string) {
  return useQuery({
    queryKey: [...CHALLENGES_KEY, 'files', id],
    queryFn: ({ signal }) => apiFetch<{ files: FileView[]; confidentialFiles: FileView[] | null }>(`/challenges/${id}/files`, { signal }),
  });
}

