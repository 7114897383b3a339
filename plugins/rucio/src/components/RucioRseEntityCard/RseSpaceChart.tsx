import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { RseSpacePoint } from '@rucio-portal/plugin-rucio-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useMeasure from 'react-use/esm/useMeasure';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { rucioApiRef } from '../../api/rucioApiRef';
import { absoluteTime } from '../shared/format';
import { useFormatBytes } from '../shared/useFormatBytes';
import { STATUS_COLOURS } from '../shared/statusColours';

const RANGES = {
  week: { label: '7 days, hourly', key: 'hours' },
  quarter: { label: '90 days, daily', key: 'days' },
} as const;

/** When the RSE falls below MinFreeSpace at the last 7 days' pace. */
export function forecastText(days: number | undefined, hasLimit: boolean) {
  if (!hasLimit) return 'No MinFreeSpace limit.';
  if (days === undefined) {
    return 'Below MinFreeSpace in —: fewer than 3 days of figures, or free space not falling.';
  }
  if (days === 0) return 'Below MinFreeSpace now.';
  return `Below MinFreeSpace in ${days} days at the last 7 days' pace.`;
}

/**
 * The RSE's free and used space over 7 days (hourly) or 90 days (daily),
 * with MinFreeSpace as a line and when the free space meets it.
 */
export function RseSpaceChart(props: { environment: string; rse: string }) {
  const api = useApi(rucioApiRef);
  const formatBytes = useFormatBytes();
  const [range, setRange] = useState<keyof typeof RANGES>('week');
  // Drawn at the card's width once measured (560 px before that).
  const [measured, { width }] = useMeasure<HTMLDivElement>();
  const { value, loading, error } = useAsync(
    () => api.getRseSpace(props.environment, props.rse),
    [api, props.environment, props.rse],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  const points: RseSpacePoint[] = value[RANGES[range].key];
  const data = points.map(p => ({
    t: Date.parse(p.at),
    free: p.freeBytes,
    used: p.usedBytes,
  }));
  const hasLimit = value.minFreeSpaceBytes !== undefined;
  return (
    <Box mt={2} data-testid="rse-space">
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="subtitle2">Space over time</Typography>
        <ButtonGroup size="small" aria-label="Range">
          {Object.entries(RANGES).map(([key, r]) => (
            <Button
              key={key}
              variant={range === key ? 'contained' : 'outlined'}
              onClick={() => setRange(key as keyof typeof RANGES)}
            >
              {r.label}
            </Button>
          ))}
        </ButtonGroup>
      </Box>
      <Typography
        variant="body2"
        data-testid="rse-space-forecast"
        color={
          value.minFreeSpaceDays !== undefined && value.minFreeSpaceDays <= 7
            ? 'error'
            : 'textPrimary'
        }
      >
        {forecastText(value.minFreeSpaceDays, hasLimit)}
      </Typography>
      {data.length < 2 ? (
        <Typography variant="body2" color="textSecondary">
          {data.length} figure{data.length === 1 ? '' : 's'} kept so far: the
          space is kept at each read of the RSE's usage.
        </Typography>
      ) : (
        <div
          ref={measured}
          style={{ height: 220 }}
          aria-label={`Space of ${props.rse}`}
          role="img"
        >
          <LineChart
            width={width || 560}
            height={220}
            data={data}
            margin={{ left: 16, right: 16 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              tickFormatter={t =>
                absoluteTime(new Date(t).toISOString()).slice(5, 16)
              }
            />
            <YAxis tickFormatter={b => formatBytes(b)} width={72} />
            <Tooltip
              labelFormatter={t => absoluteTime(new Date(t).toISOString())}
              formatter={(b: number, name: string) => [formatBytes(b), name]}
            />
            <Line
              type="monotone"
              dataKey="free"
              name="free"
              stroke="#1976d2"
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="used"
              name="used"
              stroke="#9e9e9e"
              dot={false}
              isAnimationActive={false}
            />
            {hasLimit && (
              <ReferenceLine
                y={value.minFreeSpaceBytes}
                // Shown even when the free space is far above it.
                ifOverflow="extendDomain"
                stroke={STATUS_COLOURS.error}
                strokeDasharray="4 2"
                label={{
                  value: `MinFreeSpace ${formatBytes(value.minFreeSpaceBytes)}`,
                  position: 'insideTopRight',
                  fill: STATUS_COLOURS.error,
                  fontSize: 11,
                }}
              />
            )}
          </LineChart>
        </div>
      )}
    </Box>
  );
}
