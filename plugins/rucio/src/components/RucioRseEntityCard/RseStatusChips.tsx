import { rseUsageShare, type RseRow } from '@rucio-portal/plugin-rucio-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import { STATUS_COLOURS } from '../shared/statusColours';

const GOOD = { backgroundColor: STATUS_COLOURS.ok, color: '#fff' };
const BAD = { backgroundColor: STATUS_COLOURS.error, color: '#fff' };

/** An RSE's state at a glance: availability, MinFreeSpace and usage. */
export function RseStatusChips(props: {
  row: RseRow;
  formatBytes: (bytes?: number) => string;
}) {
  const { row, formatBytes } = props;
  const chips: Array<{ label: string; style?: object; title?: string }> = [
    ['read', row.availabilityRead],
    ['write', row.availabilityWrite],
    ['delete', row.availabilityDelete],
  ].map(([what, open]) => ({
    label: open ? `${what} open` : `closed for ${what}s`,
    style: open ? GOOD : BAD,
    title: `availability_${what} ${open}`,
  }));
  if (row.minFreeSpaceBytes === undefined) {
    chips.push({ label: 'no MinFreeSpace', title: 'No MinFreeSpace limit' });
  } else {
    chips.push({
      label: row.belowMinFreeSpace
        ? 'below MinFreeSpace'
        : 'above MinFreeSpace',
      style: row.belowMinFreeSpace ? BAD : GOOD,
      title: `${formatBytes(row.freeBytes)} free, MinFreeSpace ${formatBytes(
        row.minFreeSpaceBytes,
      )}`,
    });
  }
  if (!row.detailsCheckedAt) {
    chips.push({
      label: 'usage not read yet',
      title: 'Usage is read on a rotation; not yet for this RSE',
    });
  } else if (rseUsageShare(row) === undefined) {
    chips.push({
      label: 'usage unknown',
      title: 'Rucio reports no free space for this RSE',
    });
  }
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      style={{ gap: 6 }}
      mb={1}
      aria-label="RSE state"
      role="list"
    >
      {chips.map(c => (
        <Chip
          key={c.label}
          role="listitem"
          size="small"
          label={c.label}
          title={c.title}
          style={c.style}
        />
      ))}
    </Box>
  );
}
