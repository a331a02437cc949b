import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isApiStatus } from './api';
import { ME_KEY } from './queries/auth';

/** Client errors (4xx) will not change on retry; network and server errors may. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
    return false;
  }
  return failureCount < 2;
}

/** The app's query client: a 401 anywhere means the session ended, so the login page shows. */
export function createQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    if (isApiStatus(error, 401)) {
      client.setQueryData(ME_KEY, null);
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
  return client;
}
