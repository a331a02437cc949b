import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUserBody, UserView } from '../../contracts/auth';
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
