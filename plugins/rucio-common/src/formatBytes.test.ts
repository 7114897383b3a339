import { formatBytes } from './formatBytes';

describe('formatBytes', () => {
  it('writes decimal units by default, as Rucio and WLCG accounting do', () => {
    expect(formatBytes(1.4e15)).toBe('1.4 PB');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(123.4e12)).toBe('123 TB');
  });

  it('writes IEC units when asked, about 12 % apart at PiB scale', () => {
    expect(formatBytes(1.4e15, 'binary')).toBe('1.2 PiB');
    expect(formatBytes(2 ** 40, 'binary')).toBe('1.0 TiB');
  });

  it('writes a dash for an unknown size', () => {
    expect(formatBytes(undefined)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
});
