import {
  Content,
  EmptyState,
  Header,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  identityApiRef,
  useApi,
  useRouteRef,
} from '@backstage/core-plugin-api';
import { EntityRefLink, entityRouteRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import type {
  CheckStatus,
  RucioEnvironmentListItem,
} from '@rucio-portal/plugin-rucio-common';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { memo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { CHECK_TITLES } from '../shared/checkTitles';
import { absoluteTime, relativeTime } from '../shared/format';
import { StatusIcon } from '../shared/StatusIcon';
import { useTicker } from '../shared/useTicker';
import { useUrlSearchState } from '../shared/useUrlSearchState';
import { useEnvironmentList } from './useEnvironmentList';
import { STATUS_COLOURS } from '../shared/statusColours';

/** Worst first. */
const RANK: Record<CheckStatus, number> = {
  error: 0,
  warning: 1,
  unknown: 2,
  ok: 3,
  unconfigured: 4,
};
const STATUSES: CheckStatus[] = ['error', 'warning', 'unknown', 'ok'];
const NO_WRAP = { whiteSpace: 'nowrap' } as const;

/** Worst status first, then the one with more checks not OK, then by title. */
export function worstFirst(
  a: RucioEnvironmentListItem,
  b: RucioEnvironmentListItem,
): number {
  return (
    RANK[a.status] - RANK[b.status] ||
    b.problems.length - a.problems.length ||
    a.title.localeCompare(b.title)
  );
}

// Classes, not Box: Material UI 4's Box makes a style sheet per instance,
// and fifty environments draw hundreds of problems.
const useStyles = makeStyles({
  problems: { display: 'flex', flexDirection: 'column', gap: 4 },
  problem: { display: 'flex', alignItems: 'baseline', gap: 8 },
  chip: {
    ...NO_WRAP,
    color: '#fff',
    borderRadius: 12,
    padding: '2px 8px',
    fontSize: '0.75rem',
  },
  filters: { display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 },
});

function Problems(props: { env: RucioEnvironmentListItem }) {
  const classes = useStyles();
  const { problems } = props.env;
  if (!problems.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        —
      </Typography>
    );
  }
  return (
    <div className={classes.problems}>
      {problems.map(p => (
        <div
          key={p.check}
          className={classes.problem}
          data-testid={`problem-${p.check}`}
        >
          <span
            className={classes.chip}
            style={{ backgroundColor: STATUS_COLOURS[p.status] }}
          >
            {CHECK_TITLES[p.check]}
          </span>
          <Typography variant="body2">{p.message}</Typography>
        </div>
      ))}
    </div>
  );
}

function EnvironmentLink(props: { env: RucioEnvironmentListItem }) {
  const entityRoute = useRouteRef(entityRouteRef);
  const { env } = props;
  if (!env.system) {
    return (
      <span title="No catalog System speaks for this environment, so it has no tab">
        {env.title}
      </span>
    );
  }
  const ref = parseEntityRef(env.system);
  return (
    <Link
      to={`${entityRoute({
        kind: ref.kind.toLocaleLowerCase('en-US'),
        namespace: ref.namespace,
        name: ref.name,
      })}/rucio`}
    >
      {env.title}
    </Link>
  );
}

function Filters(props: {
  items: RucioEnvironmentListItem[];
  mine: Set<string>;
  params: URLSearchParams;
  setParams: (next: URLSearchParams) => void;
}) {
  const classes = useStyles();
  const { params, setParams } = props;
  const set = (key: string, value?: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const owned = params.get('owned') === 'me';
  const status = params.get('status');
  const countMine = props.items.filter(
    e => e.owner && props.mine.has(e.owner),
  ).length;
  return (
    <div
      className={classes.filters}
      role="group"
      aria-label="Narrow environments"
    >
      <Chip
        clickable
        data-testid="filter-owned"
        color={owned ? 'primary' : 'default'}
        variant={owned ? 'default' : 'outlined'}
        label={`Owned by me (${countMine})`}
        onClick={() => set('owned', owned ? undefined : 'me')}
      />
      {STATUSES.map(s => {
        const count = props.items.filter(e => e.status === s).length;
        return (
          <Chip
            key={s}
            clickable
            data-testid={`filter-${s}`}
            color={status === s ? 'primary' : 'default'}
            variant={status === s ? 'default' : 'outlined'}
            label={`${
              s === 'ok' ? 'OK' : s[0].toUpperCase() + s.slice(1)
            } (${count})`}
            onClick={() => set('status', status === s ? undefined : s)}
          />
        );
      })}
    </div>
  );
}

/**
 * One environment. Memoised: narrowing the list changes the URL, which draws
 * the page again, and the rows that stay are the same objects.
 */
const EnvironmentRow = memo(function Row(props: {
  env: RucioEnvironmentListItem;
  /** The ticker's count: the age is drawn again when it moves. */
  tick: number;
}) {
  const { env } = props;
  return (
    <TableRow data-testid="environment-row">
      <TableCell style={NO_WRAP}>
        <EnvironmentLink env={env} />
        {env.demo && (
          <Chip size="small" label="demo" style={{ marginLeft: 8 }} />
        )}
      </TableCell>
      <TableCell>
        <StatusIcon status={env.status} />
      </TableCell>
      <TableCell>
        <Problems env={env} />
      </TableCell>
      <TableCell style={NO_WRAP} title={absoluteTime(env.collectedAt)}>
        {env.collectedAt ? relativeTime(env.collectedAt) : 'not yet'}
      </TableCell>
      <TableCell style={NO_WRAP}>
        {env.owner ? (
          <EntityRefLink entityRef={env.owner} defaultKind="group" />
        ) : (
          '—'
        )}
      </TableCell>
    </TableRow>
  );
});

/**
 * The list under the page's header: the URL and the ticker draw it again,
 * never the header (its Material UI Box re-attaches a style sheet each time,
 * which restyles the whole page).
 */
function EnvironmentList() {
  const identity = useApi(identityApiRef);
  const { value, loading, error } = useEnvironmentList();
  const mine = useAsync(async () => {
    const { ownershipEntityRefs } = await identity.getBackstageIdentity();
    return new Set(ownershipEntityRefs);
  }, [identity]);
  const [params, setParams] = useUrlSearchState();
  // Ages count up between collections.
  const tick = useTicker();

  const items = [...(value?.items ?? [])].sort(worstFirst);
  const owned = params.get('owned') === 'me';
  const status = params.get('status');
  const shown = items.filter(
    e =>
      (!owned || (e.owner && mine.value?.has(e.owner))) &&
      (!status || e.status === status),
  );

  let body;
  if (loading && !value) body = <Progress />;
  else if (error && !value) body = <ResponseErrorPanel error={error} />;
  else if (!items.length) {
    body = (
      <EmptyState
        missing="data"
        title="No Rucio environment to show"
        description="None is configured under rucio.environments, or you may read none of them (rucio.environment.read)."
      />
    );
  } else {
    body = (
      <>
        {error && <ResponseErrorPanel error={error} />}
        <Filters
          items={items}
          mine={mine.value ?? new Set()}
          params={params}
          setParams={setParams}
        />
        <Table size="small" aria-label="Rucio environments">
          <TableHead>
            <TableRow>
              <TableCell>Environment</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Checks not OK</TableCell>
              <TableCell>Last collection</TableCell>
              <TableCell>Owner</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.length === 0 && (
              <TableRow>
                <TableCell colSpan={5}>
                  <Typography variant="body2">
                    No environment matches these filters.
                  </Typography>
                </TableCell>
              </TableRow>
            )}
            {shown.map(env => (
              <EnvironmentRow key={env.name} env={env} tick={tick} />
            ))}
          </TableBody>
        </Table>
      </>
    );
  }
  return body;
}

/**
 * Every Rucio environment the user may read, worst first: status, the checks
 * not OK with their message, last collection and owner, each linked to its
 * tab. Narrowed to the user's own or one status through the URL (`owned=me`,
 * `status=error`); read again as the backend signals new collections.
 *
 * @public
 */
export function RucioPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Rucio environments"
        subtitle="Every Rucio environment you may read, worst first"
      />
      <Content>
        <EnvironmentList />
      </Content>
    </Page>
  );
}
