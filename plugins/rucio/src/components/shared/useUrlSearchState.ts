import { useCallback, useMemo, useState } from 'react';
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
  const routed = useSearchParams()[0].toString();
  const fromRouter = useMemo(() => new URLSearchParams(routed), [routed]);
  // What was set, and the routed query it was set over: once the router
  // moves (a link, Back), its query counts again.
  const [state, setState] = useState<{
    over: string;
    params: URLSearchParams;
  }>();
  const params = state?.over === routed ? state.params : fromRouter;
  const set = useCallback(
    (next: URLSearchParams) => {
      setState({ over: routed, params: next });
      const search = next.toString();
      window.history.replaceState(
        window.history.state,
        '',
        `${window.location.pathname}${search ? `?${search}` : ''}`,
      );
    },
    [routed],
  );
  return [params, set];
}
