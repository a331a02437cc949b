import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangePasswordBody, CreateUserBody, ResetPasswordBody, RevokeAllResult, SessionView, UserSessionsEnded, UserView } from '../../contracts/auth';
import { apiFetch } from '../api';

interface UserPage {
  items: UserView[];
  nextCursor: string | null;
  total?: number;
}

const USERS_KEY = ['users'] as const;

/** A page of users (platform admins only). */
export function useUserList(page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...USERS_KEY, 'list', page],
    queryFn: ({ signal }) => apiFetch<UserPage>('/users', { signal, query: { cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** Creates a user account. */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => apiFetch<UserView>('/users', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

interface SessionPage {
  items: SessionView[];
  nextCursor: string | null;
}

const SESSIONS_KEY = ['auth', 'sessions'] as const;

/** A page of the signed-in user's own sessions. */
export function useOwnSessions(page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...SESSIONS_KEY, page],
    queryFn: ({ signal }) => apiFetch<SessionPage>('/auth/sessions', { signal, query: { cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** “Sign out everywhere else”: ends every session of the caller but this one. */
export function useRevokeOwnSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<RevokeAllResult>('/auth/sessions/revoke-all', { method: 'POST', body: { includeCurrent: false } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
}

/** A platform admin ends every session of a user. */
export function useRevokeUserSessions() {
  return useMutation({
    mutationFn: (userId: number) => apiFetch<RevokeAllResult>(`/users/${userId}/sessions/revoke-all`, { method: 'POST' }),
  });
}

/** A platform admin disables (`isDisabled: true`, ending every session) or re-enables a user. */
export function useSetUserDisabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, isDisabled }: { userId: number; isDisabled: boolean }) =>
      apiFetch<UserSessionsEnded>(`/users/${userId}/${isDisabled ? 'disable' : 'enable'}`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

/** A platform admin sets a user's password (every session of the user ends). */
export function useResetUserPassword() {
  return useMutation({
    mutationFn: ({ userId, body }: { userId: number; body: ResetPasswordBody }) => apiFetch<UserSessionsEnded>(`/users/${userId}/password`, { method: 'POST', body }),
  });
}

/** The signed-in user changes their own password (this session stays, the others end). */
export function useChangeOwnPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => apiFetch<RevokeAllResult>('/auth/password', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
}
