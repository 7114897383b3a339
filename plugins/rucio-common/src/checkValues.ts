import type { CheckDetailsMap, CheckId, CheckResult } from './status';

/**
 * The figure of one check: what it is and how it is read from the details.
 *
 * @public
 */
export interface CheckValue<K extends CheckId> {
  /** What the number is, as the history says it. */
  label: string;
  of: (details: CheckDetailsMap[K]) => number | undefined;
}

const least = (values: Array<number | undefined>) => {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length ? Math.min(...known) : undefined;
};

/**
 * The one figure the history keeps of a check, for the checks that have one.
 *
 * @public
 */
export const CHECK_VALUES: { [K in CheckId]?: CheckValue<K> } = {
  auth: { label: 'ms for a token', of: d => d.tokenRoundTripMs },
  daemons: {
    label: 'daemons not OK',
    of: d => d.daemons.filter(x => x.status !== 'ok').length,
  },
  fts: {
    label: 'hours left on the least proxy',
    of: d => least(d.servers.map(s => s.proxyHoursLeft)),
  },
  rses: {
    label: 'RSEs not available or below MinFreeSpace',
    of: d => d.unavailable + d.belowMinFreeSpace,
  },
  certificates: {
    label: 'days left on the soonest certificate',
    of: d => least(d.certificates.map(c => c.daysLeft)),
  },
  rules: { label: 'STUCK rules', of: d => d.byState.STUCK },
};

/**
 * The figure of a check result that the history keeps, if its check has one.
 *
 * @public
 */
export function checkValue(result: CheckResult<unknown>): number | undefined {
  const value = CHECK_VALUES[result.check] as CheckValue<CheckId> | undefined;
  return result.details && value
    ? value.of(result.details as never)
    : undefined;
}
