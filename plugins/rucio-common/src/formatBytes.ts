/**
 * Decimal by default, as Rucio's own client prints sizes (`sizefmt` in
 * rucio/common/utils.py divides by 1000) and WLCG accounts storage.
 *
 * @public
 */
export type ByteUnits = 'decimal' | 'binary';

const UNITS: Record<ByteUnits, { base: number; names: string[] }> = {
  decimal: { base: 1000, names: ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'] },
  binary: {
    base: 1024,
    names: ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'],
  },
};

/**
 * Bytes in decimal ("1.4 PB") or IEC ("1.2 PiB") units: the cards and the
 * notifications write sizes alike.
 *
 * @public
 */
export function formatBytes(
  bytes: number | undefined,
  units: ByteUnits = 'decimal',
): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '—';
  const { base, names } = UNITS[units];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= base && unit < names.length - 1) {
    value /= base;
    unit++;
  }
  return `${value.toFixed(value >= 100 || unit === 0 ? 0 : 1)} ${names[unit]}`;
}
