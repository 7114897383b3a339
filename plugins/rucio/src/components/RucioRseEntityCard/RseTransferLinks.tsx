import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  rseEntityName,
  type CheckResult,
  type TransfersCheckDetails,
} from '@rucio-portal/plugin-rucio-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';

const percent = (ratio?: number) =>
  ratio === undefined ? '—' : `${Math.round(ratio * 100)} %`;

/**
 * The transfer links into and out of one RSE, among those the environment's
 * transfers check kept (its busiest and most failing); the RSE at the other
 * end links to its page.
 */
export function RseTransferLinks(props: {
  environment: string;
  rse: string;
  transfers?: CheckResult<TransfersCheckDetails>;
}) {
  const { environment, rse, transfers } = props;
  const entityRoute = useRouteRef(entityRouteRef);
  if (!transfers) return null;
  if (!transfers.details) {
    return (
      <Typography variant="body2" color="textSecondary">
        Transfers: {transfers.message}
      </Typography>
    );
  }
  const links = transfers.details.links.filter(
    l => l.source === rse || l.destination === rse,
  );
  if (!links.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No busy transfer link into or out of {rse}.
      </Typography>
    );
  }
  const other = (name: string) => (
    <Link
      to={entityRoute({
        kind: 'resource',
        namespace: 'default',
        name: rseEntityName(environment, name),
      })}
    >
      {name}
    </Link>
  );
  return (
    <Table size="small" aria-label={`Transfer links of ${rse}`}>
      <TableHead>
        <TableRow>
          <TableCell>Link</TableCell>
          <TableCell align="right">Queued</TableCell>
          <TableCell align="right">Done 6 h</TableCell>
          <TableCell align="right">Failed 6 h</TableCell>
          <TableCell align="right">Failed % 6 h</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {links.map(l => (
          <TableRow
            key={`${l.source}→${l.destination}`}
            data-testid="rse-transfer-link"
          >
            <TableCell>
              {l.source === rse ? (
                <>out to {other(l.destination)}</>
              ) : (
                <>in from {other(l.source)}</>
              )}
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
