import type { CheckId } from '@rucio-portal/plugin-rucio-common';

/** What each check is called on the cards and the Rucio page. */
export const CHECK_TITLES: Record<CheckId, string> = {
  server: 'Rucio server',
  auth: 'Auth service',
  webui: 'WebUI',
  daemons: 'Daemons',
  fts: 'FTS3',
  database: 'Database',
  rses: 'RSEs',
  certificates: 'Certificates',
  sync: 'GitOps sync',
  rules: 'Replication rules',
  transfers: 'Transfers',
  drift: 'Repository drift',
  workloads: 'Workloads',
  secrets: 'Secrets',
};
