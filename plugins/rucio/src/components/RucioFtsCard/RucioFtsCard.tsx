import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { CheckCard } from '../shared/CheckCard';
import { absoluteTime } from '../shared/format';
import { StatusIcon } from '../shared/StatusIcon';

/**
 * FTS3 servers: version, identity, delegated proxy and jobs of the last hour.
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
                {s.proxyDaysLeft !== undefined && ` (${s.proxyDaysLeft} days)`}
              </Typography>
              {s.status !== 'ok' && (
                <Typography variant="body2" color="textSecondary">
                  {s.message}
                </Typography>
              )}
              <Box mt={1} display="flex" flexWrap="wrap" style={{ gap: 4 }}>
                {Object.entries(s.jobsByState ?? {})
                  .sort()
                  .map(([state, count]) => (
                    <Chip
                      key={state}
                      size="small"
                      label={`${state} ${count}`}
                    />
                  ))}
              </Box>
            </Box>
          ))}
        </>
      )}
    </CheckCard>
  );
}
