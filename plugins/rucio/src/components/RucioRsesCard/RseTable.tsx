import { Link, ResponseErrorPanel } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  RSE_STATUS_FILTERS,
  RSE_STATUS_FILTER_IDS,
  rseEntityName,
  rseUsageShare,
  type RseRow,
  type RseSortField,
  type RseStatusFilter,
} from '@rucio-portal/plugin-rucio-common';
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
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { absoluteTime, relativeTime } from '../shared/format';
import { useFormatBytes } from '../shared/useFormatBytes';
import { loadRses, useRucioEnvironment } from '../shared/useRucioEnvironment';
import {
  pageRequest,
  ROWS_PER_PAGE,
  useRseTableView,
  type RseTableView,
} from './useRseTableView';
import { STATUS_COLOURS } from '../shared/statusColours';

// Columns keep their words whole; the key columns come first and the name
// stays in view while the rest scroll.
const NO_WRAP = { whiteSpace: 'nowrap' } as const;
// Classes rather than Material UI 4's Box, which makes a style sheet per
// instance: each keystroke draws a page of rows again.
const useStyles = makeStyles(theme => ({
  sticky: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    background: theme.palette.background.paper,
  },
  controls: { padding: theme.spacing(1, 2, 0) },
  filters: {
    paddingTop: theme.spacing(1),
    display: 'flex',
    flexWrap: 'wrap',
    gap: 6,
  },
  scroll: { overflow: 'auto' },
}));

const COLUMNS: Array<{ id: RseSortField; label: string; align?: 'right' }> = [
  { id: 'name', label: 'RSE' },
  { id: 'availability', label: 'R / W / D' },
  { id: 'usage', label: 'Usage' },
  { id: 'free', label: 'Free', align: 'right' },
  { id: 'minFreeSpaceDays', label: 'MinFreeSpace in', align: 'right' },
  { id: 'used', label: 'Used', align: 'right' },
  { id: 'total', label: 'Total', align: 'right' },
  { id: 'type', label: 'Type' },
  { id: 'files', label: 'Files', align: 'right' },
  { id: 'site', label: 'Site / country / tier' },
  { id: 'detailsCheckedAt', label: 'Usage read' },
];

function Flag(props: { on: boolean; label: string }) {
  return (
    <span
      title={`${props.label} ${props.on ? 'available' : 'unavailable'}`}
      style={{
        color: props.on ? STATUS_COLOURS.ok : STATUS_COLOURS.error,
        fontWeight: 600,
      }}
    >
      {props.on ? props.label : '✕'}
    </span>
  );
}

function minFreeSpaceIn(days: number | undefined) {
  if (days === undefined) return '—';
  return days === 0 ? 'now' : `${days} d`;
}

function emptyMessage(view: RseTableView) {
  const { q, status } = view;
  const among = status
    ? ` among those ${RSE_STATUS_FILTERS[status].label}`
    : '';
  if (q) return `No RSE matches "${q}"${among}.`;
  if (status) return `No RSE is ${RSE_STATUS_FILTERS[status].label}.`;
  return 'This Rucio has no RSEs.';
}

/**
 * The states the table narrows to, each with its count over every RSE, so
 * they read like the card's summary; states no RSE is in are left out.
 */
function StatusFilters(props: {
  counts?: Record<RseStatusFilter, number>;
  active?: RseStatusFilter;
  onChange: (status?: RseStatusFilter) => void;
}) {
  const classes = useStyles();
  const { counts, active, onChange } = props;
  if (!counts) return null;
  const shown = RSE_STATUS_FILTER_IDS.filter(
    id => counts[id] > 0 || id === active,
  );
  if (!shown.length) return null;
  return (
    <div
      className={classes.filters}
      role="group"
      aria-label="Narrow RSEs by state"
    >
      {shown.map(id => (
        <Chip
          key={id}
          size="small"
          clickable
          data-testid={`rse-filter-${id}`}
          color={id === active ? 'primary' : 'default'}
          variant={id === active ? 'default' : 'outlined'}
          label={`${RSE_STATUS_FILTERS[id].label} (${counts[id]})`}
          onClick={() => onChange(id === active ? undefined : id)}
          onDelete={id === active ? () => onChange(undefined) : undefined}
        />
      ))}
    </div>
  );
}

function RseCells(props: { row: RseRow; environment: string }) {
  const { row: r, environment } = props;
  const formatBytes = useFormatBytes();
  const entityRoute = useRouteRef(entityRouteRef);
  const classes = useStyles();
  const usage = rseUsageShare(r);
  return (
    <>
      <TableCell className={classes.sticky}>
        <Link
          to={entityRoute({
            kind: 'resource',
            namespace: 'default',
            name: rseEntityName(environment, r.name),
          })}
        >
          {r.name}
        </Link>
        {r.belowMinFreeSpace && (
          <Chip
            size="small"
            label="below MinFreeSpace"
            title={`MinFreeSpace ${formatBytes(r.minFreeSpaceBytes)}`}
            style={{
              marginLeft: 8,
              backgroundColor: STATUS_COLOURS.error,
              color: '#fff',
            }}
          />
        )}
      </TableCell>
      <TableCell>
        <Flag on={r.availabilityRead} label="R" /> /{' '}
        <Flag on={r.availabilityWrite} label="W" /> /{' '}
        <Flag on={r.availabilityDelete} label="D" />
      </TableCell>
      <TableCell style={{ minWidth: 80 }}>
        {usage === undefined ? (
          <Typography
            variant="caption"
            color="textSecondary"
            title={
              r.detailsCheckedAt
                ? 'Rucio reports no free space for this RSE (no storage usage), so its share used is not known'
                : 'Usage is read on a rotation; not yet for this RSE'
            }
          >
            unknown
          </Typography>
        ) : (
          <div title={`${(usage * 100).toFixed(1)} %`}>
            <LinearProgress
              variant="determinate"
              value={Math.min(100, usage * 100)}
              color={usage > 0.9 ? 'secondary' : 'primary'}
            />
          </div>
        )}
      </TableCell>
      <TableCell align="right">{formatBytes(r.freeBytes)}</TableCell>
      <TableCell
        align="right"
        data-testid="rse-min-free-space-days"
        title="When the free space falls below MinFreeSpace, from a straight line through its last 7 days; — with fewer than 3 days of figures, no decline or no limit"
        style={
          r.minFreeSpaceDays !== undefined && r.minFreeSpaceDays <= 7
            ? { color: STATUS_COLOURS.error, fontWeight: 600 }
            : undefined
        }
      >
        {minFreeSpaceIn(r.minFreeSpaceDays)}
      </TableCell>
      <TableCell align="right">{formatBytes(r.usedBytes)}</TableCell>
      <TableCell align="right">{formatBytes(r.totalBytes)}</TableCell>
      <TableCell>{r.type}</TableCell>
      <TableCell align="right">
        {r.files?.toLocaleString('en') ?? '—'}
      </TableCell>
      <TableCell>
        {[r.attributes.site, r.attributes.country, r.attributes.tier]
          .filter(v => v !== undefined)
          .join(' / ') || '—'}
      </TableCell>
      <TableCell
        title={
          r.detailsCheckedAt
            ? `Usage, limits and attributes read ${absoluteTime(
                r.detailsCheckedAt,
              )}`
            : 'Usage, limits and attributes are read on a rotation; not yet for this RSE'
        }
      >
        {r.detailsCheckedAt ? relativeTime(r.detailsCheckedAt) : 'not yet'}
      </TableCell>
    </>
  );
}

/**
 * The RSE table: search, state filters, sort and paging run on the backend
 * and live in the URL.
 */
export function RseTable(props: { environment: string; collectedAt?: string }) {
  const { api } = useRucioEnvironment();
  const classes = useStyles();
  const [view, setView] = useRseTableView();
  const [search, setSearch] = useState(view.q);
  useDebounce(
    () => {
      if (search !== view.q) setView({ q: search, page: 0 });
    },
    250,
    [search],
  );
  const request = pageRequest(view);
  const { value, loading, error } = useAsync(
    () => loadRses(api, props.environment, request),
    [api, props.environment, JSON.stringify(request), props.collectedAt],
  );

  const onSort = (field: RseSortField) =>
    setView({
      sort: field,
      order: view.sort === field && view.order === 'asc' ? 'desc' : 'asc',
      page: 0,
    });

  return (
    <>
      <div className={classes.controls}>
        <TextField
          fullWidth
          size="small"
          placeholder="Filter by RSE, site, country or tier"
          value={search}
          onChange={e => setSearch(e.target.value)}
          inputProps={{ 'aria-label': 'Filter RSEs' }}
        />
        <StatusFilters
          counts={value?.counts}
          active={view.status}
          onChange={status => setView({ status, page: 0 })}
        />
      </div>
      {loading && <LinearProgress />}
      {error && <ResponseErrorPanel error={error} />}
      <div className={classes.scroll}>
        <Table style={NO_WRAP} size="small" aria-label="RSEs">
          <TableHead>
            <TableRow>
              {COLUMNS.map((c, i) => (
                <TableCell
                  key={c.id}
                  align={c.align}
                  className={i === 0 ? classes.sticky : undefined}
                >
                  <TableSortLabel
                    active={view.sort === c.id}
                    direction={view.sort === c.id ? view.order : 'asc'}
                    onClick={() => onSort(c.id)}
                  >
                    {c.label}
                  </TableSortLabel>
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {value?.items.length === 0 && (
              <TableRow>
                <TableCell colSpan={COLUMNS.length}>
                  <Typography variant="body2">{emptyMessage(view)}</Typography>
                </TableCell>
              </TableRow>
            )}
            {value?.items.map(r => (
              <TableRow key={r.name} data-testid="rse-row">
                <RseCells row={r} environment={props.environment} />
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <TablePagination
        component="div"
        count={value?.total ?? 0}
        page={view.page}
        rowsPerPage={view.rowsPerPage}
        rowsPerPageOptions={ROWS_PER_PAGE}
        onPageChange={(_e, page) => setView({ page })}
        onRowsPerPageChange={e =>
          setView({ rowsPerPage: Number(e.target.value), page: 0 })
        }
      />
    </>
  );
}
