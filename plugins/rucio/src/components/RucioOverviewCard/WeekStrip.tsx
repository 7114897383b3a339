import {
  CHECK_VALUES,
  type CheckHour,
  type CheckId,
  type CheckStatus,
} from '@rucio-portal/plugin-rucio-common';
import { absoluteTime } from '../shared/format';
import { STATUS_COLOURS } from '../shared/statusColours';

// An hour in which the check was not configured stays pale in the strip.
const COLOURS: Record<CheckStatus, string> = {
  ...STATUS_COLOURS,
  unconfigured: '#e0e0e0',
};
const HOURS = 7 * 24;
const CELL = 1.5;
const HEIGHT = 16;

/**
 * A check over the last 7 days, one cell per hour coloured by the worst
 * status of the hour; each cell says its hour, status and figure on hover.
 * Hours without a collection stay empty.
 */
export function WeekStrip(props: {
  check: CheckId;
  hours: CheckHour[];
  now?: number;
}) {
  const { check, hours } = props;
  const end = Math.floor((props.now ?? Date.now()) / 3_600_000) + 1;
  const label = CHECK_VALUES[check]?.label;
  const last = hours.at(-1);
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      <svg
        width={HOURS * CELL}
        height={HEIGHT}
        role="img"
        aria-label={`${check} over 7 days`}
      >
        <rect width={HOURS * CELL} height={HEIGHT} fill="#f5f5f5" />
        {hours.map(h => {
          const index = HOURS - (end - Date.parse(h.hour) / 3_600_000);
          if (index < 0 || index >= HOURS) return null;
          const value =
            h.value !== undefined && label ? ` · ${h.value} ${label}` : '';
          return (
            <rect
              key={h.hour}
              data-testid="week-hour"
              x={index * CELL}
              width={CELL}
              height={HEIGHT}
              fill={COLOURS[h.status]}
            >
              <title>{`${absoluteTime(h.hour)} · ${h.status}${value} · ${
                h.collections
              } collections`}</title>
            </rect>
          );
        })}
      </svg>
      {last?.value !== undefined && label && (
        <span
          style={{ whiteSpace: 'nowrap', fontSize: '0.75rem' }}
          title={label}
        >
          {last.value}
        </span>
      )}
    </span>
  );
}
