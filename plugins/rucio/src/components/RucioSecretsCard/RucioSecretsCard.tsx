import type { SecretSource } from '@rucio-portal/plugin-rucio-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import { CheckCard } from '../shared/CheckCard';
import { absoluteTime, relativeTime } from '../shared/format';
import { StatusIcon } from '../shared/StatusIcon';

const SOURCE: Record<SecretSource, string> = {
  'external-secret': 'ExternalSecret',
  'cert-manager': 'cert-manager',
  template: 'template',
  helm: 'Helm',
  other: 'by hand',
};

const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** A few Deployment names, the rest on hover: a Secret of every daemon names a dozen. */
function Users(props: { names: string[] }) {
  const { names } = props;
  if (names.length <= 2) return <>{names.join(', ') || '—'}</>;
  return (
    <Tooltip title={names.join(', ')}>
      <span>
        {names[0]} and {names.length - 1} more
      </span>
    </Tooltip>
  );
}

/**
 * The environment's Secrets as metadata (never a value): where each comes
 * from, its keys, which Deployments need it; and each ExternalSecret with its
 * store, last sync and ESO's last error.
 *
 * @public
 */
export function RucioSecretsCard() {
  return (
    <CheckCard title="Secrets" check="secrets" noPadding>
      {details => (
        <>
          <Table size="small" aria-label="Secrets">
            <TableHead>
              <TableRow>
                <TableCell>Secret</TableCell>
                <TableCell>From</TableCell>
                <TableCell>Keys</TableCell>
                <TableCell>Needed by</TableCell>
                <TableCell>Age</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {details.secrets.length === 0 && (
                <TableRow>
                  <TableCell colSpan={5}>
                    No Secrets in namespace {details.namespace}, and no
                    Deployment references one.
                  </TableCell>
                </TableRow>
              )}
              {details.secrets.map(s => (
                <TableRow key={s.name}>
                  <TableCell>
                    <Tooltip title={s.message}>
                      <span>
                        <StatusIcon status={s.status}>
                          {s.name}
                          {s.missing ? ' (missing)' : ''}
                        </StatusIcon>
                      </span>
                    </Tooltip>
                  </TableCell>
                  <TableCell style={NOWRAP}>{SOURCE[s.source]}</TableCell>
                  <TableCell>
                    {s.keys.length
                      ? s.keys.map(k => (
                          <div key={k} style={NOWRAP}>
                            <code>{k}</code>
                          </div>
                        ))
                      : '—'}
                  </TableCell>
                  <TableCell>
                    <Users names={s.usedBy} />
                  </TableCell>
                  <TableCell style={NOWRAP}>
                    <Tooltip title={absoluteTime(s.createdAt)}>
                      <span>{relativeTime(s.createdAt)}</span>
                    </Tooltip>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {details.externalSecrets.length > 0 && (
            <Table size="small" aria-label="ExternalSecrets">
              <TableHead>
                <TableRow>
                  <TableCell>ExternalSecret</TableCell>
                  <TableCell>Store</TableCell>
                  <TableCell>Condition</TableCell>
                  <TableCell>Last sync</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {details.externalSecrets.map(e => (
                  <TableRow key={e.name}>
                    <TableCell>
                      <StatusIcon status={e.status}>{e.name}</StatusIcon>
                    </TableCell>
                    <TableCell style={NOWRAP}>
                      {e.store.split('/')[1]}
                      <br />
                      <small>{e.store.split('/')[0]}</small>
                      {e.storeReady === false && (
                        <>
                          <br />
                          <small style={{ whiteSpace: 'normal' }}>
                            not ready: {e.storeMessage}
                          </small>
                        </>
                      )}
                    </TableCell>
                    <TableCell>
                      {e.reason ?? 'not reconciled yet'}
                      {e.message && (
                        <>
                          <br />
                          <small>{e.message}</small>
                        </>
                      )}
                      {e.lastError && (
                        <>
                          <br />
                          <small>
                            <code>{e.lastError}</code>
                          </small>
                        </>
                      )}
                    </TableCell>
                    <TableCell>
                      <Tooltip title={absoluteTime(e.refreshedAt)}>
                        <span>
                          {relativeTime(e.refreshedAt)}
                          {e.refreshInterval
                            ? ` (every ${e.refreshInterval})`
                            : ''}
                        </span>
                      </Tooltip>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </>
      )}
    </CheckCard>
  );
}
