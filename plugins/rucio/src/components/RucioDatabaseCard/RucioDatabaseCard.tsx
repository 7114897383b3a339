import { Gauge } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { CheckCard } from '../shared/CheckCard';
import { useFormatBytes } from '../shared/useFormatBytes';

/**
 * PostgreSQL connections against the maximum, role and size; PgBouncer pools.
 *
 * @public
 */
export function RucioDatabaseCard() {
  const formatBytes = useFormatBytes();
  return (
    <CheckCard title="Database" check="database">
      {details => (
        <Grid container spacing={2}>
          {details.postgres && (
            <>
              <Grid item xs={4}>
                {details.postgres.connections === undefined ? (
                  <Typography variant="body2" color="textSecondary">
                    Connections hidden from role {details.postgres.role}
                  </Typography>
                ) : (
                  <Gauge
                    value={
                      details.postgres.connections /
                      details.postgres.maxConnections
                    }
                    inverse
                    description={`${details.postgres.connections} of ${details.postgres.maxConnections} connections`}
                  />
                )}
              </Grid>
              <Grid item xs={8}>
                <Typography variant="body2">
                  PostgreSQL {details.postgres.version}
                </Typography>
                <Typography variant="body2">
                  {details.postgres.connections === undefined
                    ? `Connections unknown: ${details.postgres.hiddenSessions} sessions hidden (max ${details.postgres.maxConnections})`
                    : `Connections ${details.postgres.connections} of ${details.postgres.maxConnections}`}
                </Typography>
                <Typography variant="body2">
                  {details.postgres.inRecovery ? 'Replica' : 'Primary'}
                  {details.postgres.replicationLagSeconds !== undefined &&
                    ` · lag ${details.postgres.replicationLagSeconds.toFixed(
                      0,
                    )} s`}
                </Typography>
                <Typography variant="body2">
                  Size {formatBytes(details.postgres.databaseSizeBytes)}
                </Typography>
                {details.postgres.oldestTransactionSeconds !== undefined && (
                  <Typography variant="body2">
                    Oldest transaction{' '}
                    {details.postgres.oldestTransactionSeconds.toFixed(0)} s
                  </Typography>
                )}
              </Grid>
            </>
          )}
          {details.pgbouncer && (
            <Grid item xs={12}>
              <Typography variant="subtitle2">PgBouncer</Typography>
              {details.pgbouncer.error ? (
                <Typography variant="body2" color="error">
                  {details.pgbouncer.error}
                </Typography>
              ) : (
                <Box>
                  <Table size="small" aria-label="PgBouncer pools">
                    <TableHead>
                      <TableRow>
                        <TableCell>Pool</TableCell>
                        <TableCell align="right">Clients active</TableCell>
                        <TableCell align="right">Waiting</TableCell>
                        <TableCell align="right">Max wait</TableCell>
                        <TableCell align="right">Servers active/idle</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {details.pgbouncer.pools.map(p => (
                        <TableRow key={`${p.database}/${p.user}`}>
                          <TableCell>
                            {p.database}/{p.user}
                            {p.poolMode ? ` (${p.poolMode})` : ''}
                          </TableCell>
                          <TableCell align="right">{p.clientsActive}</TableCell>
                          <TableCell align="right">
                            {p.clientsWaiting}
                          </TableCell>
                          <TableCell align="right">
                            {p.maxWaitSeconds.toFixed(1)} s
                          </TableCell>
                          <TableCell align="right">
                            {p.serversActive}/{p.serversIdle}
                          </TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </Box>
              )}
            </Grid>
          )}
        </Grid>
      )}
    </CheckCard>
  );
}
