import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { MissingAnnotationEmptyState } from '@backstage/plugin-catalog-react';
import {
  CHECK_IDS,
  RUCIO_ENVIRONMENT_ANNOTATION,
  type CheckId,
  type CheckHour,
} from '@rucio-portal/plugin-rucio-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { useRefreshProgress } from './useRefreshProgress';
import { WeekStrip } from './WeekStrip';
import useAsync from 'react-use/esm/useAsync';
import { absoluteTime, relativeTime } from '../shared/format';
import { BreakableText } from '../shared/BreakableText';
import { CHECK_TITLES } from '../shared/checkTitles';
import { StatusIcon } from '../shared/StatusIcon';
import { useRucioEnvironment } from '../shared/useRucioEnvironment';
import { useTicker } from '../shared/useTicker';

/**
 * One row per check with status, message, last check and its last 7 days
 * (hourly, with the check's figure);
 * links to the WebUI, Argo CD and Grafana; Refresh for those allowed.
 *
 * @public
 */
export function RucioOverviewCard() {
  const { name, api, loading, error, value, retry } = useRucioEnvironment();
  // Ages count up between collections.
  useTicker();
  const { state: refreshState, refresh } = useRefreshProgress({
    api,
    value,
    retry,
  });
  const refreshing =
    refreshState.phase === 'asking' || refreshState.phase === 'collecting';
  const history = useAsync(
    async () => (name ? (await api.getHistory(name)).hours : []),
    [api, name, value?.snapshot?.collectedAt],
  );

  if (!name) {
    return (
      <InfoCard title="Rucio">
        <MissingAnnotationEmptyState
          annotation={RUCIO_ENVIRONMENT_ANNOTATION}
        />
      </InfoCard>
    );
  }
  if (loading && !value) {
    return (
      <InfoCard title="Rucio">
        <Progress />
      </InfoCard>
    );
  }
  if (error && !value) {
    return (
      <InfoCard title="Rucio">
        <ResponseErrorPanel error={error} />
      </InfoCard>
    );
  }
  const { environment, snapshot, stale, permissions } = value!;
  const links = [
    environment.links.webui && { title: 'WebUI', url: environment.links.webui },
    environment.links.argocd && {
      title: 'Argo CD',
      url: environment.links.argocd,
    },
    environment.links.grafana && {
      title: 'Grafana',
      url: environment.links.grafana,
    },
  ].filter(Boolean) as Array<{ title: string; url: string }>;
  const version = snapshot?.checks.server?.details?.version;
  const byCheck = new Map<CheckId, CheckHour[]>();
  for (const hour of history.value ?? []) {
    byCheck.set(hour.check, [...(byCheck.get(hour.check) ?? []), hour]);
  }

  return (
    <InfoCard
      title={
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <span>{environment.title}</span>
          {environment.demo && (
            <Chip size="small" label="demo" color="secondary" />
          )}
        </Box>
      }
      subheader={
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <StatusIcon status={snapshot?.status ?? 'unknown'} />
          <Typography variant="caption" color="textSecondary">
            {version ? `Rucio ${version} · ` : ''}
            {snapshot
              ? `collected ${relativeTime(snapshot.collectedAt)}`
              : 'not collected yet'}
          </Typography>
        </Box>
      }
      action={
        <Box display="flex" alignItems="center" style={{ gap: 8 }} p={1}>
          {links.map(l => (
            <Link key={l.title} to={l.url}>
              {l.title}
            </Link>
          ))}
          {permissions.refresh && (
            <Button
              size="small"
              variant="outlined"
              onClick={refresh}
              disabled={refreshing}
            >
              {refreshing ? 'Collecting…' : 'Refresh'}
            </Button>
          )}
        </Box>
      }
      noPadding
    >
      {stale && (
        <WarningPanel
          severity="warning"
          title="Stale data"
          message={`The last collection finished ${relativeTime(
            snapshot?.collectedAt,
          )}.`}
        />
      )}
      {refreshing && (
        <Box px={2} pb={1} role="status" aria-label="Refresh progress">
          <Typography variant="caption" color="textSecondary">
            {refreshState.phase === 'asking'
              ? 'Asking for a collection…'
              : 'Collecting: every check runs now; the cards fill in when it ends.'}
          </Typography>
          <LinearProgress />
        </Box>
      )}
      {refreshState.phase === 'done' && (
        <Box px={2} pb={1} role="status" aria-label="Refresh result">
          <Typography variant="caption">{refreshState.message}</Typography>
        </Box>
      )}
      {refreshState.phase === 'failed' && (
        <WarningPanel
          severity="error"
          title="Refresh failed"
          message={refreshState.error.message}
        />
      )}
      {error && (
        <WarningPanel
          severity="warning"
          title="Could not reload"
          message={error.message}
        />
      )}
      {!snapshot ? (
        <Box p={2}>
          <Typography variant="body2">
            The first collection of {environment.name} has not finished yet.
          </Typography>
        </Box>
      ) : (
        <Table size="small" aria-label="Rucio checks">
          <TableBody>
            {CHECK_IDS.map(id => {
              const result = snapshot.checks[id];
              return (
                <TableRow key={id} data-testid={`rucio-check-${id}`}>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>
                    {CHECK_TITLES[id]}
                  </TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>
                    <StatusIcon status={result?.status ?? 'unknown'} />
                  </TableCell>
                  <TableCell>
                    <BreakableText text={result?.message ?? 'Not collected.'} />
                  </TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>
                    <Tooltip title={absoluteTime(result?.checkedAt)}>
                      <span>{relativeTime(result?.checkedAt)}</span>
                    </Tooltip>
                  </TableCell>
                  <TableCell>
                    <WeekStrip check={id} hours={byCheck.get(id) ?? []} />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
