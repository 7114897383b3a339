import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { CheckCard } from '../shared/CheckCard';
import { absoluteTime, relativeTime } from '../shared/format';
import { StatusIcon } from '../shared/StatusIcon';

/**
 * The Rucio Deployments: ready against desired, restarts and why containers
 * wait, the image tag against the repository's `rucioVersion`; and every
 * PersistentVolumeClaim of the namespace.
 *
 * @public
 */
export function RucioWorkloadsCard() {
  return (
    <CheckCard title="Workloads" check="workloads" noPadding>
      {details => (
        <>
          <Table size="small" aria-label="Rucio Deployments">
            <TableHead>
              <TableRow>
                <TableCell>Deployment</TableCell>
                <TableCell align="right">Ready</TableCell>
                <TableCell align="right">Restarts</TableCell>
                <TableCell>
                  Image tag
                  {details.rucioVersion
                    ? ` (repository: ${details.rucioVersion})`
                    : ''}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {details.workloads.length === 0 && (
                <TableRow>
                  <TableCell colSpan={4}>
                    No Deployment in namespace {details.namespace} matches the
                    environment's kubernetes.labelSelector.
                  </TableCell>
                </TableRow>
              )}
              {details.workloads.map(w => (
                <TableRow key={w.name}>
                  <TableCell>
                    <Tooltip title={w.message}>
                      <span>
                        <StatusIcon status={w.status}>{w.name}</StatusIcon>
                      </span>
                    </Tooltip>
                    {w.waiting.map(x => (
                      <div key={x.pod}>
                        <small>
                          {x.pod}: {x.reason}
                        </small>
                      </div>
                    ))}
                  </TableCell>
                  <TableCell align="right">
                    {w.ready}/{w.desired}
                  </TableCell>
                  <TableCell align="right">
                    <Tooltip
                      title={
                        w.lastRestartAt
                          ? `last ${absoluteTime(w.lastRestartAt)}`
                          : ''
                      }
                    >
                      <span>
                        {w.restarts}
                        {w.lastRestartAt
                          ? ` (last ${relativeTime(w.lastRestartAt)})`
                          : ''}
                      </span>
                    </Tooltip>
                  </TableCell>
                  <TableCell>
                    <code>{w.tag ?? '—'}</code>
                    {w.versionMatches === false && ' ≠ repository'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Typography variant="body2" style={{ padding: 16 }}>
            {details.volumeClaims.length
              ? details.volumeClaims.map(c => (
                  <span key={c.name}>
                    <StatusIcon status="warning">
                      PersistentVolumeClaim {c.name} ({c.size ?? '?'},{' '}
                      {c.phase ?? 'unknown'})
                      {c.usedBy.length
                        ? `, mounted by ${c.usedBy.join(', ')}`
                        : ''}
                    </StatusIcon>{' '}
                  </span>
                ))
              : 'No PersistentVolumeClaim: the namespace keeps no state.'}
          </Typography>
        </>
      )}
    </CheckCard>
  );
}
