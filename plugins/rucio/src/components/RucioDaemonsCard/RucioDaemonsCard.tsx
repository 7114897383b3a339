import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import { CheckCard } from '../shared/CheckCard';
import { absoluteTime, relativeTime } from '../shared/format';
import { StatusIcon } from '../shared/StatusIcon';

/**
 * Rucio daemons: live threads and hosts from heartbeats, against the
 * replicas that should run.
 *
 * @public
 */
export function RucioDaemonsCard() {
  return (
    <CheckCard title="Daemons" check="daemons" noPadding>
      {details =>
        details.daemons.length === 0 ? null : (
          <Table size="small" aria-label="Rucio daemons">
            <TableHead>
              <TableRow>
                <TableCell>Daemon</TableCell>
                <TableCell align="right">Threads</TableCell>
                <TableCell align="right">Hosts</TableCell>
                <TableCell align="right">Replicas</TableCell>
                <TableCell>Last heartbeat</TableCell>
                <TableCell>Status</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {details.daemons.map(d => (
                <TableRow key={d.name}>
                  <TableCell>{d.name}</TableCell>
                  <TableCell align="right">{d.liveThreads}</TableCell>
                  <TableCell align="right">
                    <Tooltip title={d.hosts.join(', ') || 'none'}>
                      <span>{d.hosts.length}</span>
                    </Tooltip>
                  </TableCell>
                  <TableCell align="right">
                    {d.expectedReplicas === undefined
                      ? '—'
                      : `${d.readyReplicas ?? 0}/${d.expectedReplicas}`}
                  </TableCell>
                  <TableCell>
                    <Tooltip title={absoluteTime(d.lastBeat)}>
                      <span>{relativeTime(d.lastBeat)}</span>
                    </Tooltip>
                  </TableCell>
                  <TableCell>
                    <StatusIcon status={d.status} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )
      }
    </CheckCard>
  );
}
