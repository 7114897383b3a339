import {
  RSE_SORT_FIELDS,
  RSE_STATUS_FILTER_IDS,
  type ListRsesRequest,
  type RseSortField,
  type RseStatusFilter,
} from '@rucio-portal/plugin-rucio-common';
import { useUrlSearchState } from '../shared/useUrlSearchState';

/** What the RSE table shows; kept in the page's URL so it can be shared. */
export interface RseTableView {
  q: string;
  status?: RseStatusFilter;
  page: number;
  rowsPerPage: number;
  sort: RseSortField;
  order: 'asc' | 'desc';
}

export const ROWS_PER_PAGE = [10, 25, 50, 100];

export const INITIAL_VIEW: RseTableView = {
  q: '',
  page: 0,
  rowsPerPage: 10,
  sort: 'name',
  order: 'asc',
};

/**
 * The URL's query keys. `rseStatus` is also what owner notifications link
 * with, so it keeps its name.
 */
const PARAM = {
  q: 'rseQ',
  status: 'rseStatus',
  page: 'rsePage',
  rowsPerPage: 'rseRows',
  sort: 'rseSort',
  order: 'rseOrder',
} as const;

function oneOf<T extends string>(
  values: readonly T[],
  value: string | null,
): T | undefined {
  return values.find(v => v === value);
}

/** The view a URL names; anything it does not name, or names wrongly, is the default. */
export function viewFromParams(params: URLSearchParams): RseTableView {
  const page = Number(params.get(PARAM.page));
  const rows = Number(params.get(PARAM.rowsPerPage));
  return {
    q: params.get(PARAM.q) ?? INITIAL_VIEW.q,
    status: oneOf(RSE_STATUS_FILTER_IDS, params.get(PARAM.status)),
    // Pages count from 1 in the URL, as people say them.
    page: Number.isInteger(page) && page > 1 ? page - 1 : 0,
    rowsPerPage: ROWS_PER_PAGE.includes(rows) ? rows : INITIAL_VIEW.rowsPerPage,
    sort: oneOf(RSE_SORT_FIELDS, params.get(PARAM.sort)) ?? INITIAL_VIEW.sort,
    order: params.get(PARAM.order) === 'desc' ? 'desc' : 'asc',
  };
}

/** The request the backend pages, sorts and narrows with. */
export function pageRequest(view: RseTableView): ListRsesRequest {
  return {
    q: view.q || undefined,
    status: view.status,
    offset: view.page * view.rowsPerPage,
    limit: view.rowsPerPage,
    sort: view.sort,
    order: view.order,
  };
}

/**
 * The table's view and a setter that writes it into the URL (without a
 * router navigation, which would draw the whole entity page again), leaving
 * the page's other query keys alone. Defaults are left out, so an untouched table
 * adds nothing to the URL.
 */
export function useRseTableView(): [
  RseTableView,
  (change: Partial<RseTableView>) => void,
] {
  const [params, setParams] = useUrlSearchState();
  const view = viewFromParams(params);
  const update = (change: Partial<RseTableView>) => {
    const next = { ...view, ...change };
    const out = new URLSearchParams(params);
    const put = (key: string, value: string | undefined, fallback?: string) => {
      if (value === undefined || value === fallback) out.delete(key);
      else out.set(key, value);
    };
    put(PARAM.q, next.q, '');
    put(PARAM.status, next.status);
    put(PARAM.page, String(next.page + 1), '1');
    put(
      PARAM.rowsPerPage,
      String(next.rowsPerPage),
      String(INITIAL_VIEW.rowsPerPage),
    );
    put(PARAM.sort, next.sort, INITIAL_VIEW.sort);
    put(PARAM.order, next.order, INITIAL_VIEW.order);
    setParams(out);
  };
  return [view, update];
}
