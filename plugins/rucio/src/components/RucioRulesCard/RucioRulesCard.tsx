import { RULE_STATES } from '@rucio-portal/plugin-rucio-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { CheckCard } from '../shared/CheckCard';

const ATTENTION = new Set(['STUCK', 'SUSPENDED']);

/**
 * Replication rules by state, the STUCK ones older than the threshold, and
 * the RSEs holding the most stuck locks.
 *
 * @public
 */
export function RucioRulesCard() {
  return (
    <CheckCard title="Replication rules" check="rules">
      {details => (
        <>
          <Box display="flex" flexWrap="wrap" style={{ gap: 8 }} mb={2}>
            {Object.values(RULE_STATES).map(state => (
              <Chip
                key={state}
                size="small"
                data-testid={`rules-${state}`}
                color={
                  ATTENTION.has(state) && details.byState[state] > 0
                    ? 'secondary'
                    : 'default'
                }
                label={`${state.replace('_', ' ')} ${details.byState[
                  state
                ].toLocaleString('en')}`}
              />
            ))}
          </Box>
          <Typography variant="body2" gutterBottom>
            {details.stuckOlder.count.toLocaleString('en')} STUCK for more than{' '}
            {details.stuckOlder.hours} h · schema {details.alembicVersion}
          </Typography>
          {details.stuckLocksByRse.length > 0 && (
            <Table size="small" aria-label="RSEs with the most stuck locks">
              <TableHead>
                <TableRow>
                  <TableCell>RSE</TableCell>
                  <TableCell align="right">Stuck locks</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {details.stuckLocksByRse.map(r => (
                  <TableRow key={r.rse}>
                    <TableCell>{r.rse}</TableCell>
                    <TableCell align="right">
                      {r.locks.toLocaleString('en')}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </>
      )}
    </CheckCard>
  );
}
