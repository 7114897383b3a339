import {
  DRIFT_KINDS,
  driftCounts,
  type DriftCheckDetails,
  type DriftKind,
} from '@rucio-portal/plugin-rucio-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { CheckCard } from '../shared/CheckCard';
import { relativeTime } from '../shared/format';

const KIND_LABELS: Record<DriftKind, string> = {
  missing: 'Not in Rucio',
  undeclared: 'Not in the repository',
  attribute: 'Attribute',
  protocol: 'Protocol',
  limit: 'Limit',
};

const PLURAL_LABELS: Record<DriftKind, string> = {
  missing: 'not in Rucio',
  undeclared: 'not in the repository',
  attribute: 'attributes',
  protocol: 'protocols',
  limit: 'limits',
};

/** "999 more attributes, 1 more limit": what the capped list leaves out. */
function notShown(details: DriftCheckDetails) {
  if (!details.counts || details.total <= details.items.length) return '';
  const shown = driftCounts(details.items);
  return DRIFT_KINDS.filter(k => details.counts![k] > shown[k])
    .map(
      k =>
        `${(details.counts![k] - shown[k]).toLocaleString('en')} more ${
          PLURAL_LABELS[k]
        }`,
    )
    .join(', ');
}

/**
 * What the environment repository declares about RSEs against what Rucio
 * serves, with the value on each side.
 *
 * @public
 */
export function RucioDriftCard() {
  return (
    <CheckCard title="Drift from the repository" check="drift" noPadding>
      {details => <DriftDetails details={details} />}
    </CheckCard>
  );
}

function DriftDetails({ details }: { details: DriftCheckDetails }) {
  const [kind, setKind] = useState<DriftKind | undefined>();
  const [rse, setRse] = useState('');
  const counts = details.counts ?? driftCounts(details.items);
  const query = rse.trim().toLowerCase();
  const items = details.items.filter(
    item =>
      (!kind || item.kind === kind) &&
      (!query || item.rse.toLowerCase().includes(query)),
  );
  const more = notShown(details);
  return (
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
          <Typography variant="body2" color="textSecondary" gutterBottom>
            The first {details.items.length} of{' '}
            {details.total.toLocaleString('en')} differences
            {more ? ` (not shown: ${more})` : ''}.
          </Typography>
        )}
        {details.total > 0 && (
          <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={8}>
            {DRIFT_KINDS.filter(k => counts[k] > 0).map(k => (
              <Chip
                key={k}
                size="small"
                label={`${KIND_LABELS[k]} ${counts[k].toLocaleString('en')}`}
                color={kind === k ? 'primary' : 'default'}
                onClick={() => setKind(kind === k ? undefined : k)}
                aria-pressed={kind === k}
              />
            ))}
            <TextField
              size="small"
              placeholder="Filter by RSE"
              value={rse}
              onChange={e => setRse(e.target.value)}
              inputProps={{ 'aria-label': 'Filter differences by RSE' }}
            />
          </Box>
        )}
      </Box>
      {items.length > 0 && (
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
              {items.map(item => (
                <TableRow key={`${item.kind} ${item.rse} ${item.key ?? ''}`}>
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
      {details.total > 0 && items.length === 0 && (
        <Box px={2} py={1}>
          <Typography variant="body2" color="textSecondary">
            No difference of the first {details.items.length} matches this
            filter.
          </Typography>
        </Box>
      )}
    </>
  );
}
