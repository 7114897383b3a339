import { useApi } from '@backstage/core-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { rucioApiRef } from '../../api/rucioApiRef';

const percent = (ratio?: number) =>
  ratio === undefined ? '—' : `${Math.round(ratio * 100)} %`;

/**
 * The transfer links into and out of one RSE, among those the environment's
 * transfers check kept (its busiest and most failing).
 */
export function RseTransferLinks(props: { environment: string; rse: string }) {
  const api = useApi(rucioApiRef);
  const { value } = useAsync(
    () => api.getEnvironment(props.environment),
    [api, props.environment],
  );
  const transfers = value?.snapshot?.checks.transfers;
  if (!transfers) return null;
  if (!transfers.details) {
    return (
      <Typography variant="body2" color="textSecondary">
        Transfers: {transfers.message}
      </Typography>
    );
  }
  const links = transfers.details.links.filter(
    l => l.source === props.rse || l.destination === props.rse,
  );
  if (!links.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No busy transfer link into or out of {props.rse}.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={`Transfer links of ${props.rse}`}>
      <TableHead>
        <TableRow>
          <TableCell>Link</TableCell>
          <TableCell align="right">Queued</TableCell>
          <TableCell align="right">Done 6 h</TableCell>
          <TableCell align="right">Failed 6 h</TableCell>
          <TableCell align="right">Failed</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {links.map(l => (
          <TableRow
            key={`${l.source}→${l.destination}`}
            data-testid="rse-transfer-link"
          >
            <TableCell>
              {l.source === props.rse
                ? `out to ${l.destination}`
                : `in from ${l.source}`}
            </TableCell>
            <TableCell align="right">{l.queuedFiles}</TableCell>
            <TableCell align="right">{l.doneFiles6h}</TableCell>
            <TableCell align="right">{l.failedFiles6h}</TableCell>
            <TableCell align="right">{percent(l.failureRatio6h)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
