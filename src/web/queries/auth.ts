import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LoginBody, LoginResult, UserView } from '../../contracts/auth';
import { apiFetch, isApiStatus } from '../api';

/** Query key of the signed-in user (`null` when signed out). */
export const ME_KEY = ['auth', 'me'] as const;

/** The signed-in user, or `null` when the session is missing or expired. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async ({ signal }): Promise<UserView | null> => {
      try {
        return await apiFetch<UserView>('/auth/me', { signal });
      } catch (error) {
        if (isApiStatus(error, 401)) {
          return null;
        }
        throw error;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** The signed-in user; only for components rendered behind the auth gate. */
export function useCurrentUser(): UserView {
  const { data } = useMe();
  if (!data) {
    throw new Error('useCurrentUser() used outside the signed-in area');
  }
  return data;
}

/** Signs in; the server sets the session cookie, so only the user is kept. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => apiFetch<LoginResult>('/auth/login', { method: 'POST', body }),
    onSuccess: (result) => {
      queryClient.setQueryData(ME_KEY, result.user);
    },
  });
}

/** Signs out and forgets every cached answer of the previous user. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<void>('/auth/logout', { method: 'POST' }),
    onSettled: () => {
      // Drop the previous user's data but keep the `me` query, whose observer (the auth gate) then shows the login page.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, null);
    },
  });
}
