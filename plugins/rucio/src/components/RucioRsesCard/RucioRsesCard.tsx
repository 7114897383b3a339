import { ResponseErrorPanel } from '@backstage/core-components';
import {
  RSE_STATUS_FILTERS,
  RSE_STATUS_FILTER_IDS,
  type ListRsesRequest,
  type RseRow,
  type RseSortField,
  type RseStatusFilter,
} from '@rucio-portal/plugin-rucio-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { useSearchParams } from 'react-router-dom';
import { CheckCard } from '../shared/CheckCard';
import { absoluteTime, formatBytes, relativeTime } from '../shared/format';
import { loadRses, useRucioEnvironment } from '../shared/useRucioEnvironment';

// Columns keep their words whole; a table wider than its card scrolls.
const NO_WRAP = { whiteSpace: 'nowrap' } as const;

const COLUMNS: Array<{
  id: RseSortField | undefined;
  label: string;
  align?: 'right';
}> = [
  { id: 'name', label: 'RSE' },
  { id: 'type', label: 'Type' },
  { id: undefined, label: 'R / W / D' },
  { id: 'usage', label: 'Usage' },
  { id: 'used', label: 'Used', align: 'right' },
  { id: 'free', label: 'Free', align: 'right' },
  { id: 'total', label: 'Total', align: 'right' },
  { id: undefined, label: 'Files', align: 'right' },
  { id: undefined, label: 'Site / country / tier' },
  { id: undefined, label: 'Details read' },
];

function Flag(props: { on: boolean; label: string }) {
  return (
    <span
      title={`${props.label} ${props.on ? 'available' : 'unavailable'}`}
      style={{ color: props.on ? '#2e7d32' : '#d32f2f', fontWeight: 600 }}
    >
      {props.on ? props.label : '✕'}
    </span>
  );
}

interface TableView {
  q: string;
  status?: RseStatusFilter;
  page: number;
  rowsPerPage: number;
  sort: RseSortField;
  order: 'asc' | 'desc';
}

const INITIAL_VIEW: TableView = {
  q: '',
  page: 0,
  rowsPerPage: 10,
  sort: 'name',
  order: 'asc',
};

function pageRequest(view: TableView): ListRsesRequest {
  return {
    q: view.q || undefined,
    status: view.status,
    offset: view.page * view.rowsPerPage,
    limit: view.rowsPerPage,
    sort: view.sort,
    order: view.order,
  };
}

/** The state the table is narrowed to, set by owner notifications' links. */
function useRseStatusParam(): [RseStatusFilter | undefined, () => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('rseStatus');
  const clear = () => {
    const next = new URLSearchParams(searchParams);
    next.delete('rseStatus');
    setSearchParams(next, { replace: true });
  };
  return [RSE_STATUS_FILTER_IDS.find(id => id === requested), clear];
}

function emptyMessage(q: string, status?: RseStatusFilter) {
  const among = status
    ? ` among those ${RSE_STATUS_FILTERS[status].label}`
    : '';
  if (q) return `No RSE matches "${q}"${among}.`;
  if (status) return `No RSE is ${RSE_STATUS_FILTERS[status].label}.`;
  return 'This Rucio has no RSEs.';
}

function RseTable(props: { environment: string; collectedAt?: string }) {
  const { api } = useRucioEnvironment();
  const [search, setSearch] = useState(INITIAL_VIEW.q);
  const [q, setQ] = useState(INITIAL_VIEW.q);
  const [page, setPage] = useState(INITIAL_VIEW.page);
  const [rowsPerPage, setRowsPerPage] = useState(INITIAL_VIEW.rowsPerPage);
  const [sort, setSort] = useState<RseSortField>(INITIAL_VIEW.sort);
  const [order, setOrder] = useState<'asc' | 'desc'>(INITIAL_VIEW.order);
  const [status, clearStatusParam] = useRseStatusParam();
  const clearStatus = () => {
    clearStatusParam();
    setPage(0);
  };
  useDebounce(
    () => {
      setQ(search);
      setPage(0);
    },
    250,
    [search],
  );
  const { value, loading, error } = useAsync(
    () =>
      loadRses(
        api,
        props.environment,
        pageRequest({ q, status, page, rowsPerPage, sort, order }),
      ),
    [
      api,
      props.environment,
      q,
      status,
      page,
      rowsPerPage,
      sort,
      order,
      props.collectedAt,
    ],
  );

  const onSort = (field: RseSortField) => {
    setOrder(sort === field && order === 'asc' ? 'desc' : 'asc');
    setSort(field);
    setPage(0);
  };

  return (
    <>
      <Box px={2} pt={1}>
        <TextField
          fullWidth
          size="small"
          placeholder="Filter by RSE, site, country or tier"
          value={search}
          onChange={e => setSearch(e.target.value)}
          inputProps={{ 'aria-label': 'Filter RSEs' }}
        />
        {status && (
          <Box pt={1}>
            <Chip
              size="small"
              color="primary"
              label={`Only RSEs ${RSE_STATUS_FILTERS[status].label}${
                value ? ` (${value.total})` : ''
              }`}
              onDelete={clearStatus}
            />
          </Box>
        )}
      </Box>
      {loading && <LinearProgress />}
      {error && <ResponseErrorPanel error={error} />}
      <Box overflow="auto">
        <Table style={NO_WRAP} size="small" aria-label="RSEs">
          <TableHead>
            <TableRow>
              {COLUMNS.map(c => (
                <TableCell key={c.label} align={c.align}>
                  {c.id ? (
                    <TableSortLabel
                      active={sort === c.id}
                      direction={sort === c.id ? order : 'asc'}
                      onClick={() => onSort(c.id!)}
                    >
                      {c.label}
                    </TableSortLabel>
                  ) : (
                    c.label
                  )}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {value?.items.length === 0 && (
              <TableRow>
                <TableCell colSpan={COLUMNS.length}>
                  <Typography variant="body2">
                    {emptyMessage(q, status)}
                  </Typography>
                </TableCell>
              </TableRow>
            )}
            {value?.items.map((r: RseRow) => {
              // Rucio's own accounting has no free figure: not full, unknown.
              const usage =
                r.totalBytes && r.freeBytes !== undefined
                  ? ((r.usedBytes ?? 0) / r.totalBytes) * 100
                  : undefined;
              return (
                <TableRow key={r.name} data-testid="rse-row">
                  <TableCell>
                    {r.name}
                    {r.belowMinFreeSpace && (
                      <Chip
                        size="small"
                        label="below MinFreeSpace"
                        title={`MinFreeSpace ${formatBytes(
                          r.minFreeSpaceBytes,
                        )}`}
                        style={{
                          marginLeft: 8,
                          backgroundColor: '#d32f2f',
                          color: '#fff',
                        }}
                      />
                    )}
                  </TableCell>
                  <TableCell>{r.type}</TableCell>
                  <TableCell>
                    <Flag on={r.availabilityRead} label="R" /> /{' '}
                    <Flag on={r.availabilityWrite} label="W" /> /{' '}
                    <Flag on={r.availabilityDelete} label="D" />
                  </TableCell>
                  <TableCell style={{ minWidth: 100 }}>
                    {usage === undefined ? (
                      <Typography
                        variant="caption"
                        color="textSecondary"
                        title="Rucio reports no free space for this RSE (no storage usage), so its share used is not known"
                      >
                        unknown
                      </Typography>
                    ) : (
                      <Box title={`${usage.toFixed(1)} %`}>
                        <LinearProgress
                          variant="determinate"
                          value={Math.min(100, usage)}
                          color={usage > 90 ? 'secondary' : 'primary'}
                        />
                      </Box>
                    )}
                  </TableCell>
                  <TableCell align="right">
                    {formatBytes(r.usedBytes)}
                  </TableCell>
                  <TableCell align="right">
                    {formatBytes(r.freeBytes)}
                  </TableCell>
                  <TableCell align="right">
                    {formatBytes(r.totalBytes)}
                  </TableCell>
                  <TableCell align="right">
                    {r.files?.toLocaleString('en') ?? '—'}
                  </TableCell>
                  <TableCell>
                    {[
                      r.attributes.site,
                      r.attributes.country,
                      r.attributes.tier,
                    ]
                      .filter(v => v !== undefined)
                      .join(' / ') || '—'}
                  </TableCell>
                  <TableCell
                    title={
                      r.detailsCheckedAt
                        ? absoluteTime(r.detailsCheckedAt)
                        : 'Usage, limits and attributes are read on a rotation; not yet for this RSE'
                    }
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {r.detailsCheckedAt
                      ? relativeTime(r.detailsCheckedAt)
                      : 'not yet'}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Box>
      <TablePagination
        component="div"
        count={value?.total ?? 0}
        page={page}
        rowsPerPage={rowsPerPage}
        rowsPerPageOptions={[10, 25, 50, 100]}
        onPageChange={(_e, p) => setPage(p)}
        onRowsPerPageChange={e => {
          setRowsPerPage(Number(e.target.value));
          setPage(0);
        }}
      />
    </>
  );
}

/**
 * RSEs with availability, usage, limits and key attributes. Search, sort and
 * paging run on the backend, so large federations stay smooth.
 *
 * @public
 */
export function RucioRsesCard() {
  const { name, api } = useRucioEnvironment();
  const [status] = useRseStatusParam();
  // Ask for the first page now rather than after the environment arrives:
  // the table's own first request then shares this one.
  useEffect(() => {
    if (name) {
      loadRses(api, name, pageRequest({ ...INITIAL_VIEW, status })).catch(
        () => {},
      );
    }
  }, [api, name, status]);
  return (
    <CheckCard title="RSEs" check="rses" noPadding>
      {(details, _result, data) => (
        <>
          <Box px={2} pt={1}>
            <Typography variant="body2" color="textSecondary">
              {details.total} RSEs · {formatBytes(details.usedBytes)} used of{' '}
              {formatBytes(details.totalBytes)}
            </Typography>
          </Box>
          <RseTable
            environment={data.environment.name}
            collectedAt={data.snapshot?.collectedAt}
          />
        </>
      )}
    </CheckCard>
  );
}
