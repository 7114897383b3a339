import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { CheckCard } from '../shared/CheckCard';
import { absoluteTime } from '../shared/format';
import { StatusIcon } from '../shared/StatusIcon';

function StateChips(props: {
  label: string;
  counts?: Record<string, number>;
  capped?: boolean;
}) {
  const entries = Object.entries(props.counts ?? {}).sort();
  return (
    <Box
      mt={1}
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 4 }}
    >
      <Typography variant="caption" color="textSecondary">
        {props.label}
      </Typography>
      {entries.length ? (
        entries.map(([state, count]) => (
          <Chip
            key={state}
            size="small"
            label={`${state} ${count}${props.capped ? '+' : ''}`}
          />
        ))
      ) : (
        <Typography variant="caption">none</Typography>
      )}
    </Box>
  );
}

/**
 * FTS3 servers: version, identity, delegated proxy, jobs finished in the last
 * hour and jobs not finished yet.
 *
 * @public
 */
export function RucioFtsCard() {
  return (
    <CheckCard title="FTS3" check="fts">
      {details => (
        <>
          {details.servers.map(s => (
            <Box key={s.url} mb={2}>
              <Typography variant="subtitle2">
                <StatusIcon status={s.status}>{s.url}</StatusIcon>
                {s.monitoringUrl && (
                  <>
                    {' · '}
                    <Link to={s.monitoringUrl}>ftsmon</Link>
                  </>
                )}
              </Typography>
              <Typography variant="body2">
                Version {s.version ?? '—'} · DN {s.dn ?? '—'}
              </Typography>
              <Typography variant="body2">
                Proxy expires {absoluteTime(s.proxyExpiresAt)}
                {s.proxyHoursLeft !== undefined &&
                  ` (${s.proxyHoursLeft} h left; Rucio renews below 72 h)`}
              </Typography>
              {s.status !== 'ok' && (
                <Typography variant="body2" color="textSecondary">
                  {s.message}
                </Typography>
              )}
              <StateChips
                label="Finished in the last hour:"
                counts={s.finishedLastHour}
              />
              <StateChips
                label={`Not finished yet (any age${
                  s.queuedCapped ? ', counted up to 500' : ''
                }):`}
                counts={s.queued}
                capped={s.queuedCapped}
              />
            </Box>
          ))}
        </>
      )}
    </CheckCard>
  );
}
