import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * The page's query keys as state: read from the router's location, written
 * back with `history.replaceState`, as the catalog's entity list does. A
 * router navigation would draw the whole app again (sidebar, header, routes)
 * for a change only this page reads. A navigation to other keys still wins.
 */
export function useUrlSearchState(): [
  URLSearchParams,
  (next: URLSearchParams) => void,
] {
  const [routed] = useSearchParams();
  const routedSearch = routed.toString();
  const [params, setParams] = useState(() => new URLSearchParams(routed));
  useEffect(() => {
    setParams(new URLSearchParams(routedSearch));
  }, [routedSearch]);
  const set = useCallback((next: URLSearchParams) => {
    setParams(next);
    const search = next.toString();
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${search ? `?${search}` : ''}`,
    );
  }, []);
  return [params, set];
}
