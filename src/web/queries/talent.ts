import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CommitteeView, ConsultationStatistics, ConsultationStatus, ConsultationView, CourseView, CreateCommitteeBody, CreateConsultationBody, CreateCourseBody, EnrolBody, EnrolmentView,
  RateConsultationBody, UpdateCommitteeBody, CreateSecondmentBody, DecideReportBody, InvestmentBody, InvestmentImportReport, InvestmentView, SecondmentKind, SecondmentReportBody,
  SecondmentStatistics, SecondmentStatus, SecondmentView, CreateTalentEventBody, RegisterBody, RegistrationView, TalentEventKind, TalentEventView,
} from '../../contracts/talent';
import { apiFetch } from '../api';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const CONSULTATIONS_KEY = ['consultations'] as const;
const COMMITTEES_KEY = ['committees'] as const;

/** A page of the consultations the user may see (own requests, inbox, region). */
export function useConsultationList(filters: { status?: ConsultationStatus }, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...CONSULTATIONS_KEY, 'list', filters, page],
    queryFn: ({ signal }) => apiFetch<Page<ConsultationView>>('/consultations', { signal, query: { ...filters, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

export function useConsultation(id: string) {
  return useQuery({ queryKey: [...CONSULTATIONS_KEY, 'one', id], queryFn: ({ signal }) => apiFetch<ConsultationView>(`/consultations/${id}`, { signal }) });
}

export function useConsultationStatistics(enabled: boolean) {
  return useQuery({ queryKey: [...CONSULTATIONS_KEY, 'statistics'], queryFn: ({ signal }) => apiFetch<ConsultationStatistics>('/consultations/statistics', { signal }), enabled });
}

function useConsultationMutation<TBody, TResult = ConsultationView>(method: 'POST' | 'PUT', path: (body: TBody) => string, payload: (body: TBody) => unknown, keys: readonly (readonly string[])[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => apiFetch<TResult>(path(body), { method, body: payload(body) }),
    onSuccess: () => Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}

export function useCreateConsultation() {
  return useConsultationMutation<CreateConsultationBody>('POST', () => '/consultations', (b) => b, [CONSULTATIONS_KEY, COMMITTEES_KEY]);
}

export function useAnswerConsultation(id: string) {
  return useConsultationMutation<{ answer: string }>('POST', () => `/consultations/${id}/answer`, (b) => b, [CONSULTATIONS_KEY]);
}

export function useRateConsultation(id: string) {
  return useConsultationMutation<RateConsultationBody>('POST', () => `/consultations/${id}/rate`, (b) => b, [CONSULTATIONS_KEY]);
}

/** Committees the user sees by default (a member: those covering its enterprise). */
export function useCommittees() {
  return useQuery({ queryKey: [...COMMITTEES_KEY, 'list'], queryFn: ({ signal }) => apiFetch<Page<CommitteeView>>('/committees', { signal, query: { limit: 200 } }) });
}

export function useCreateCommittee() {
  return useConsultationMutation<CreateCommitteeBody, CommitteeView>('POST', () => '/committees', (b) => b, [COMMITTEES_KEY]);
}

export function useUpdateCommittee() {
  return useConsultationMutation<UpdateCommitteeBody & { id: string }, CommitteeView>('PUT', (b) => `/committees/${b.id}`, ({ id: _id, ...b }) => b, [COMMITTEES_KEY]);
}

const COURSES_KEY = ['courses'] as const;

/** A page of the course catalogue. */
export function useCourseList(filters: { q?: string; mine?: 'true' }, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...COURSES_KEY, 'list', filters, page],
    queryFn: ({ signal }) => apiFetch<Page<CourseView>>('/courses', { signal, query: { ...filters, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

export function useCourseEnrolments(courseId: string | null) {
  return useQuery({ queryKey: [...COURSES_KEY, 'enrolments', courseId], queryFn: ({ signal }) => apiFetch<{ items: EnrolmentView[] }>(`/courses/${courseId}/enrolments`, { signal }), enabled: courseId !== null });
}

export function useMyEnrolments(enabled: boolean) {
  return useQuery({ queryKey: [...COURSES_KEY, 'mine'], queryFn: ({ signal }) => apiFetch<{ items: EnrolmentView[] }>('/enrolments/mine', { signal }), enabled });
}

export function useCreateCourse() {
  return useConsultationMutation<CreateCourseBody, CourseView>('POST', () => '/courses', (b) => b, [COURSES_KEY]);
}

export function useEnrol() {
  return useConsultationMutation<EnrolBody & { courseId: string }, EnrolmentView>('POST', (b) => `/courses/${b.courseId}/enrolments`, ({ courseId: _c, ...b }) => b, [COURSES_KEY]);
}

export function useEnrolmentAction() {
  return useConsultationMutation<{ id: string; verb: 'complete' | 'cancel'; certificateNo?: string }, EnrolmentView>('POST', (b) => `/enrolments/${b.id}/${b.verb}`, (b) => (b.verb === 'complete' ? { certificateNo: b.certificateNo } : {}), [COURSES_KEY]);
}

const SECONDMENTS_KEY = ['secondments'] as const;

/** A page of the secondments the user may see. */
export function useSecondmentList(filters: { status?: SecondmentStatus; kind?: SecondmentKind }, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...SECONDMENTS_KEY, 'list', filters, page],
    queryFn: ({ signal }) => apiFetch<Page<SecondmentView>>('/secondments', { signal, query: { ...filters, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

export function useSecondment(id: string) {
  return useQuery({ queryKey: [...SECONDMENTS_KEY, 'one', id], queryFn: ({ signal }) => apiFetch<SecondmentView>(`/secondments/${id}`, { signal }) });
}

export function useSecondmentStatistics() {
  return useQuery({ queryKey: [...SECONDMENTS_KEY, 'statistics'], queryFn: ({ signal }) => apiFetch<SecondmentStatistics>('/secondments/statistics', { signal }) });
}

export function useCreateSecondment() {
  return useConsultationMutation<CreateSecondmentBody, SecondmentView>('POST', () => '/secondments', (b) => b, [SECONDMENTS_KEY]);
}

/** Confirm, cancel or rate a secondment. */
export function useSecondmentAction(id: string) {
  return useConsultationMutation<{ verb: 'confirm' | 'cancel' | 'rate'; rating?: number; comment?: string }, SecondmentView>('POST', (b) => `/secondments/${id}/${b.verb}`, ({ verb: _v, ...b }) => b, [SECONDMENTS_KEY]);
}

export function useSecondmentReport(id: string) {
  return useConsultationMutation<SecondmentReportBody, SecondmentView>('POST', () => `/secondments/${id}/reports`, (b) => b, [SECONDMENTS_KEY]);
}

export function useDecideSecondmentReport() {
  return useConsultationMutation<DecideReportBody & { reportId: string }, SecondmentView>('POST', (b) => `/secondment-reports/${b.reportId}/decide`, ({ reportId: _r, ...b }) => b, [SECONDMENTS_KEY]);
}

const INVESTMENTS_KEY = ['investments'] as const;

/** A page of equity investments (admins and gov users). */
export function useInvestmentList(filters: { q?: string }, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...INVESTMENTS_KEY, 'list', filters, page],
    queryFn: ({ signal }) => apiFetch<Page<InvestmentView>>('/investments', { signal, query: { ...filters, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** Create (no id) or edit (with id) an investment. */
export function useSaveInvestment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: InvestmentBody & { id?: string }) => apiFetch<InvestmentView>(id ? `/investments/${id}` : '/investments', { method: id ? 'PUT' : 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: INVESTMENTS_KEY }),
  });
}

export function useDeleteInvestment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<null>(`/investments/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: INVESTMENTS_KEY }),
  });
}

/** Upload a sheet: a dry run first, then the commit. */
export function useImportInvestments() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, isDryRun }: { file: File; isDryRun: boolean }) => {
      const body = new FormData();
      body.append('file', file);
      return apiFetch<InvestmentImportReport>('/investments/import', { method: 'POST', body, query: { dryRun: String(isDryRun) } });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: INVESTMENTS_KEY }),
  });
}

const EVENTS_KEY = ['talent-events'] as const;

/** A page of talent programmes and exchange events. */
export function useTalentEventList(filters: { kind?: TalentEventKind; mine?: 'true' }, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...EVENTS_KEY, 'list', filters, page],
    queryFn: ({ signal }) => apiFetch<Page<TalentEventView>>('/talent-events', { signal, query: { ...filters, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

export function useEventRegistrations(eventId: string | null) {
  return useQuery({ queryKey: [...EVENTS_KEY, 'registrations', eventId], queryFn: ({ signal }) => apiFetch<{ items: RegistrationView[] }>(`/talent-events/${eventId}/registrations`, { signal }), enabled: eventId !== null });
}

export function useCreateTalentEvent() {
  return useConsultationMutation<CreateTalentEventBody, TalentEventView>('POST', () => '/talent-events', (b) => b, [EVENTS_KEY]);
}

export function useRegisterForEvent() {
  return useConsultationMutation<RegisterBody & { eventId: string }, RegistrationView>('POST', (b) => `/talent-events/${b.eventId}/registrations`, ({ eventId: _e, ...b }) => b, [EVENTS_KEY]);
}

export function useRegistrationAction() {
  return useConsultationMutation<{ id: string; verb: 'attendance' | 'cancel'; attended?: boolean }, RegistrationView>('POST', (b) => `/event-registrations/${b.id}/${b.verb}`, (b) => (b.verb === 'attendance' ? { attended: b.attended } : {}), [EVENTS_KEY]);
}
