import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The page's query string as state, for filters that must survive links, reloads and the back
 * button. `setParam` starts from the URL as it is now, not as it was at the last render:
 * react-router's functional `setSearchParams` hands the callback the render-time params, so two
 * filters picked in quick succession used to lose the first one.
 */
export function useUrlParams() {
  const [params, setParams] = useSearchParams();
  const setParam = useCallback(
    (key: string, value: string | undefined) => {
      const next = new URLSearchParams(window.location.search);
      if (value) {
        next.set(key, value);
      } else {
        next.delete(key);
      }
      setParams(next);
    },
    [setParams],
  );
  const clearParams = useCallback(() => setParams(new URLSearchParams()), [setParams]);
  return { params, setParam, clearParams };
}
