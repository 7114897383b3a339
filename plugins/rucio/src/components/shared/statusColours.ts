import type { CheckStatus } from '@rucio-portal/plugin-rucio-common';

/** One colour per check status, for chips, strips and flags on every card. */
export const STATUS_COLOURS: Record<CheckStatus, string> = {
  ok: '#2e7d32',
  warning: '#ed6c02',
  error: '#d32f2f',
  unknown: '#757575',
  unconfigured: '#757575',
};
