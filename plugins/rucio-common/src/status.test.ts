import { worstStatus } from './status';

describe('worstStatus', () => {
  it('picks the most severe status and ignores unconfigured', () => {
    expect(worstStatus(['ok', 'unconfigured', 'warning'])).toBe('warning');
    expect(worstStatus(['unknown', 'ok'])).toBe('unknown');
    expect(worstStatus(['warning', 'error', 'ok'])).toBe('error');
  });

  it('is unconfigured when nothing is configured', () => {
    expect(worstStatus([])).toBe('unconfigured');
    expect(worstStatus(['unconfigured', 'unconfigured'])).toBe('unconfigured');
  });
});
