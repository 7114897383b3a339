import type { DriftKind } from '@rucio-portal/plugin-rucio-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { CheckCard } from '../shared/CheckCard';
import { relativeTime } from '../shared/format';

const KIND_LABELS: Record<DriftKind, string> = {
  missing: 'Not in Rucio',
  undeclared: 'Not in the repository',
  attribute: 'Attribute',
  protocol: 'Protocol',
  limit: 'Limit',
};

/**
 * What the environment repository declares about RSEs against what Rucio
 * serves, with the value on each side.
 *
 * @public
 */
export function RucioDriftCard() {
  return (
    <CheckCard title="Drift from the repository" check="drift" noPadding>
      {details => (
        <>
          <Box px={2} pt={2}>
            <Typography variant="body2" gutterBottom>
              {details.declared.toLocaleString('en')} RSEs declared in{' '}
              <a href={details.location} target="_blank" rel="noreferrer">
                {details.location}
              </a>{' '}
              (read {relativeTime(details.readAt)}),{' '}
              {details.served.toLocaleString('en')} served by Rucio,{' '}
              {details.compared.toLocaleString('en')} compared in detail
              {details.notRead
                ? `, ${details.notRead.toLocaleString('en')} not read yet`
                : ''}
              .
            </Typography>
            {details.total > details.items.length && (
              <Typography variant="body2" color="textSecondary">
                The first {details.items.length} of{' '}
                {details.total.toLocaleString('en')} differences.
              </Typography>
            )}
          </Box>
          {details.items.length > 0 && (
            <Box style={{ overflowX: 'auto' }}>
              <Table size="small" aria-label="Differences">
                <TableHead>
                  <TableRow>
                    <TableCell>RSE</TableCell>
                    <TableCell>Difference</TableCell>
                    <TableCell>Repository</TableCell>
                    <TableCell>Rucio</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {details.items.map((item, i) => (
                    <TableRow key={i}>
                      <TableCell style={{ whiteSpace: 'nowrap' }}>
                        {item.rse}
                      </TableCell>
                      <TableCell>
                        {KIND_LABELS[item.kind]}
                        {item.key ? ` ${item.key}` : ''}
                      </TableCell>
                      <TableCell style={{ overflowWrap: 'anywhere' }}>
                        <code>{item.repository}</code>
                      </TableCell>
                      <TableCell style={{ overflowWrap: 'anywhere' }}>
                        <code>{item.rucio}</code>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          )}
        </>
      )}
    </CheckCard>
  );
}
