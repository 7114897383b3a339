import { Link } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type { SyncItem } from '@rucio-portal/plugin-rucio-common';
import Button from '@material-ui/core/Button';
import { useState } from 'react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import { CheckCard } from '../shared/CheckCard';
import { absoluteTime, relativeTime } from '../shared/format';
import { StatusIcon } from '../shared/StatusIcon';
import { useRucioEnvironment } from '../shared/useRucioEnvironment';

function SyncButton(props: { environment: string; item: SyncItem }) {
  const { api } = useRucioEnvironment();
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);
  const { item } = props;
  const label = item.controller === 'argocd' ? 'Sync now' : 'Reconcile';
  return (
    <Button
      size="small"
      variant="outlined"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await api.sync(props.environment, {
            kind: item.kind as 'Application' | 'Kustomization' | 'HelmRelease',
            name: item.name,
          });
          alertApi.post({
            message: `${label} of ${item.name} requested`,
            severity: 'success',
            display: 'transient',
          });
        } catch (error) {
          alertApi.post({
            message: `${label} of ${item.name} failed: ${
              (error as Error).message
            }`,
            severity: 'error',
          });
        } finally {
          setBusy(false);
        }
      }}
    >
      {busy ? 'Requesting…' : label}
    </Button>
  );
}

/**
 * Argo CD Applications or Flux Kustomizations/HelmReleases of the
 * environment: sync, health, revision and last sync.
 *
 * @public
 */
export function RucioSyncCard() {
  return (
    <CheckCard title="GitOps sync" check="sync" noPadding>
      {(details, _result, data) =>
        details.items.length === 0 ? null : (
          <Table size="small" aria-label="GitOps sync state">
            <TableHead>
              <TableRow>
                <TableCell>
                  {details.controller === 'argocd' ? 'Argo CD' : 'Flux'}
                </TableCell>
                <TableCell>Sync</TableCell>
                <TableCell>Health</TableCell>
                <TableCell>Revision</TableCell>
                <TableCell>Last sync</TableCell>
                {data.permissions.sync && <TableCell />}
              </TableRow>
            </TableHead>
            <TableBody>
              {details.items.map(item => (
                <TableRow key={`${item.kind}/${item.namespace}/${item.name}`}>
                  <TableCell>
                    {item.url ? (
                      <Link to={item.url}>{item.name}</Link>
                    ) : (
                      item.name
                    )}
                    <br />
                    <small>{item.kind}</small>
                  </TableCell>
                  <TableCell>
                    <Tooltip title={item.message ?? ''}>
                      <span>
                        <StatusIcon status={item.status}>
                          {item.syncStatus}
                        </StatusIcon>
                      </span>
                    </Tooltip>
                  </TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>
                    {item.health ?? '—'}
                  </TableCell>
                  <TableCell>
                    <code>{item.revision ?? '—'}</code>
                  </TableCell>
                  <TableCell>
                    <Tooltip title={absoluteTime(item.lastSyncedAt)}>
                      <span>{relativeTime(item.lastSyncedAt)}</span>
                    </Tooltip>
                  </TableCell>
                  {data.permissions.sync && (
                    <TableCell>
                      <SyncButton
                        environment={data.environment.name}
                        item={item}
                      />
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )
      }
    </CheckCard>
  );
}
