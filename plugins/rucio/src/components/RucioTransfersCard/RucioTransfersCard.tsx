import type {
  TransferLink,
  TransfersCheckDetails,
} from '@rucio-portal/plugin-rucio-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { CheckCard } from '../shared/CheckCard';
import { relativeTime } from '../shared/format';
import { useFormatBytes } from '../shared/useFormatBytes';
import { useRseOwners } from './useRseOwners';

// Columns keep their words whole; a table wider than its card scrolls.
const NO_WRAP = { whiteSpace: 'nowrap' } as const;
// A link's two ends may go on two lines, each end kept whole, and headings
// wrap between words, so that the table fits the card at 1280 px.
const WRAP_BETWEEN = { whiteSpace: 'normal' } as const;

function Pair(props: { from: string; to: string }) {
  return (
    <>
      <span style={NO_WRAP}>{props.from} →</span>{' '}
      <span style={NO_WRAP}>{props.to}</span>
    </>
  );
}

/** RSEs per side of the matrix; the table below lists every link kept. */
const MATRIX_SIDE = 10;

const percent = (ratio?: number) =>
  ratio === undefined ? '—' : `${Math.round(ratio * 100)} %`;

/** Green to red by failure ratio over 6 h; grey without finished transfers. */
function cellColour(failureRatio6h: number | undefined) {
  if (failureRatio6h === undefined) return '#e0e0e0';
  const hue = Math.round(120 * (1 - failureRatio6h));
  return `hsl(${hue}, 70%, 72%)`;
}

/** What the colours of the matrix mean, and over which window. */
function MatrixLegend() {
  const steps: Array<[number | undefined, string]> = [
    [0, '0 %'],
    [0.25, '25 %'],
    [0.5, '50 %'],
    [0.75, '75 %'],
    [1, '100 %'],
    [undefined, 'none finished'],
  ];
  return (
    <Box
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      style={{ gap: 8 }}
      mb={2}
      aria-label="Legend: share of transfers failed over 6 h"
    >
      <Typography variant="caption" color="textSecondary">
        Failed over 6 h:
      </Typography>
      {steps.map(([ratio, label]) => (
        <Box key={label} display="flex" alignItems="center" style={{ gap: 4 }}>
          <Box
            style={{
              width: 14,
              height: 14,
              background: cellColour(ratio),
            }}
          />
          <Typography variant="caption">{label}</Typography>
        </Box>
      ))}
    </Box>
  );
}

function top(names: string[]) {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MATRIX_SIDE)
    .map(([n]) => n);
}

function LinkMatrix(props: { links: TransferLink[] }) {
  const sources = top(props.links.map(l => l.source));
  const destinations = top(props.links.map(l => l.destination));
  const byPair = new Map(
    props.links.map(l => [`${l.source}\u0000${l.destination}`, l]),
  );
  return (
    <Box
      role="grid"
      aria-label="Transfer links: sources by row, destinations by column"
      display="grid"
      style={{
        gridTemplateColumns: `minmax(120px, max-content) repeat(${destinations.length}, minmax(28px, 1fr))`,
        gap: 2,
        overflowX: 'auto',
      }}
      mb={2}
    >
      <span />
      {destinations.map(d => (
        <Tooltip key={`to:${d}`} title={`to ${d}`}>
          <Typography
            variant="caption"
            noWrap
            style={{ writingMode: 'vertical-rl', justifySelf: 'center' }}
          >
            {d}
          </Typography>
        </Tooltip>
      ))}
      {/* An RSE is often a source and a destination: keys say which. */}
      {sources.map(s => [
        <Typography key={`from:${s}`} variant="caption" noWrap>
          {s}
        </Typography>,
        ...destinations.map(d => {
          const link = byPair.get(`${s}\u0000${d}`);
          return link ? (
            <Tooltip
              key={`to:${d}`}
              title={`${s} → ${d}: ${link.queuedFiles} queued, ${
                link.doneFiles6h
              } done and ${link.failedFiles6h} failed in 6 h (${percent(
                link.failureRatio6h,
              )} failed)`}
            >
              <Box
                role="gridcell"
                data-testid="transfer-cell"
                style={{
                  background: cellColour(link.failureRatio6h),
                  minHeight: 24,
                }}
              />
            </Tooltip>
          ) : (
            <Box key={`to:${d}`} role="gridcell" style={{ minHeight: 24 }} />
          );
        }),
      ])}
    </Box>
  );
}

/**
 * Transfers per source → destination link: a heat map of the failure ratio
 * over 6 h, and the links by traffic with queued, done and failed files.
 *
 * @public
 */
export function RucioTransfersCard() {
  return (
    <CheckCard title="Transfers" check="transfers" noPadding>
      {(details, _result, data) => (
        <TransfersDetails
          environment={data.environment.name}
          details={details}
        />
      )}
    </CheckCard>
  );
}

const ownerName = (ref?: string) => ref?.replace(/^group:default\//, '') ?? '—';

function TransfersDetails(props: {
  environment: string;
  details: TransfersCheckDetails;
}) {
  const formatBytes = useFormatBytes();
  const { details } = props;
  const owners = useRseOwners(
    props.environment,
    details.links.flatMap(l => [l.source, l.destination]),
  );
  return (
    <Box p={2}>
      <Typography variant="body2" gutterBottom>
        {details.totalLinks.toLocaleString('en')} links ·{' '}
        {details.queuedFiles.toLocaleString('en')} files queued ·{' '}
        {details.failedFiles1h.toLocaleString('en')} failed in 1 h · from{' '}
        {details.source === 'requests-metrics'
          ? 'GET /requests/metrics'
          : `Rucio's database (schema ${details.alembicVersion})`}
      </Typography>
      {details.history && (
        <Typography variant="caption" color="textSecondary" component="p">
          Done and failed read from requests_history{' '}
          {relativeTime(details.history.readAt)}, at most every{' '}
          {details.history.everyMinutes} min (Rucio has no index for them);
          queued read at every collection.
        </Typography>
      )}
      {details.links.length > 0 && (
        <>
          <LinkMatrix links={details.links} />
          <MatrixLegend />
        </>
      )}
      {details.links.length > 0 && (
        <Box overflow="auto">
          <Table style={NO_WRAP} size="small" aria-label="Transfer links">
            <TableHead>
              <TableRow>
                <TableCell>Source → destination</TableCell>
                <TableCell align="right">Queued</TableCell>
                {/* Headings wrap between words: the figures set the widths. */}
                <TableCell align="right" style={WRAP_BETWEEN}>
                  Done 1 h / 6 h
                </TableCell>
                <TableCell align="right" style={WRAP_BETWEEN}>
                  Failed 1 h / 6 h
                </TableCell>
                <TableCell align="right" style={WRAP_BETWEEN}>
                  Failed % 6 h
                </TableCell>
                <TableCell align="right" style={WRAP_BETWEEN}>
                  Done bytes 6 h
                </TableCell>
                <TableCell>Owners</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {details.links.map(l => (
                <TableRow
                  key={`${l.source}→${l.destination}`}
                  data-testid="transfer-row"
                >
                  <TableCell style={WRAP_BETWEEN}>
                    <Pair from={l.source} to={l.destination} />
                  </TableCell>
                  <TableCell align="right">{l.queuedFiles}</TableCell>
                  <TableCell align="right">
                    {l.doneFiles1h} / {l.doneFiles6h}
                  </TableCell>
                  <TableCell align="right">
                    {l.failedFiles1h} / {l.failedFiles6h}
                  </TableCell>
                  <TableCell align="right">
                    {percent(l.failureRatio6h)}
                  </TableCell>
                  <TableCell align="right">
                    {formatBytes(l.doneBytes6h)}
                  </TableCell>
                  <TableCell style={WRAP_BETWEEN}>
                    <Pair
                      from={ownerName(owners.get(l.source))}
                      to={ownerName(owners.get(l.destination))}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
}
