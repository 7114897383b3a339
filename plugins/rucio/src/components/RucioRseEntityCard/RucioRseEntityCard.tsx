import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteRef,
  MissingAnnotationEmptyState,
} from '@backstage/plugin-catalog-react';
import {
  RUCIO_RSE_ANNOTATION,
  rseUsageShare,
  rseWebUiUrl,
} from '@rucio-portal/plugin-rucio-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { relativeTime } from '../shared/format';
import { useFormatBytes } from '../shared/useFormatBytes';
import { useRucioEnvironment } from '../shared/useRucioEnvironment';
import { useTicker } from '../shared/useTicker';
import { RseSpaceChart } from './RseSpaceChart';
import { RseStatusChips } from './RseStatusChips';
import { RseStuckLocks } from './RseStuckLocks';
import { RseTransferLinks } from './RseTransferLinks';

/**
 * One RSE on its own Resource entity: its state as chips, usage, limits and
 * attributes from the last collection, its stuck locks, its transfer links
 * in and out, and links to Rucio's WebUI and the FTS3 monitor.
 *
 * @public
 */
export function RucioRseEntityCard() {
  const formatBytes = useFormatBytes();
  const { entity } = useEntity();
  const rse = entity.metadata.annotations?.[RUCIO_RSE_ANNOTATION];
  const environment = useRucioEnvironment();
  const { name, api } = environment;
  // Ages count up between collections.
  useTicker();
  const entityRoute = useRouteRef(entityRouteRef);
  // The System that speaks for the environment: its tab is the RSE's way back.
  const listed = useAsync(() => api.listEnvironments(), [api]);
  const { value, loading, error } = useAsync(
    async () =>
      name && rse ? api.listRses(name, { q: rse, limit: 1000 }) : undefined,
    [api, name, rse, environment.value?.snapshot?.collectedAt],
  );

  if (!name || !rse) {
    return (
      <InfoCard title="RSE">
        <MissingAnnotationEmptyState annotation={RUCIO_RSE_ANNOTATION} />
      </InfoCard>
    );
  }
  if (loading && !value) {
    return (
      <InfoCard title={`RSE ${rse}`}>
        <Progress />
      </InfoCard>
    );
  }
  if (error && !value) {
    return (
      <InfoCard title={`RSE ${rse}`}>
        <ResponseErrorPanel error={error} />
      </InfoCard>
    );
  }
  const row = value?.items.find(r => r.name === rse);
  if (!row) {
    return (
      <InfoCard title={`RSE ${rse}`}>
        <Typography variant="body2">
          {rse} is not in the last collection of {name}
          {value?.collectedAt ? ` (${relativeTime(value.collectedAt)})` : ''}.
        </Typography>
      </InfoCard>
    );
  }
  const snapshot = environment.value?.snapshot;
  const webui = environment.value?.environment.links.webui;
  const monitors = (snapshot?.checks.fts?.details?.servers ?? []).flatMap(s =>
    s.monitoringUrl ? [s.monitoringUrl] : [],
  );
  const system = listed.value?.items.find(e => e.name === name)?.system;
  const systemRef = system ? parseEntityRef(system) : undefined;
  const links = [
    ...(systemRef
      ? [
          {
            title: 'Rucio environment',
            url: `${entityRoute({
              kind: systemRef.kind.toLocaleLowerCase('en-US'),
              namespace: systemRef.namespace,
              name: systemRef.name,
            })}/rucio`,
          },
        ]
      : []),
    ...(webui ? [{ title: 'Rucio WebUI', url: rseWebUiUrl(webui, rse) }] : []),
    ...monitors.map((url, i) => ({
      title: monitors.length > 1 ? `FTS3 monitor ${i + 1}` : 'FTS3 monitor',
      url,
    })),
  ];
  const usage = rseUsageShare(row);
  return (
    <InfoCard
      title={`RSE ${rse}`}
      subheader={`${name} · list checked ${relativeTime(
        value?.collectedAt,
      )} · usage read ${
        row.detailsCheckedAt ? relativeTime(row.detailsCheckedAt) : 'not yet'
      }`}
      action={
        <Box display="flex" style={{ gap: 12 }} p={1}>
          {links.map(l => (
            <Link key={l.title} to={l.url}>
              {l.title}
            </Link>
          ))}
        </Box>
      }
    >
      <RseStatusChips row={row} formatBytes={formatBytes} />
      {usage !== undefined && (
        <LinearProgress
          variant="determinate"
          value={Math.min(100, usage * 100)}
          color={usage > 0.9 ? 'secondary' : 'primary'}
          aria-label="usage"
        />
      )}
      <StructuredMetadataTable
        metadata={{
          type: row.type,
          used: formatBytes(row.usedBytes),
          free: formatBytes(row.freeBytes),
          total: formatBytes(row.totalBytes),
          files: row.files?.toLocaleString('en') ?? '—',
          'min free space':
            row.minFreeSpaceBytes === undefined
              ? 'no limit'
              : formatBytes(row.minFreeSpaceBytes),
          // Rucio sets the RSE's own name to true on every RSE: not news here.
          attributes: Object.entries(row.attributes)
            .filter(([k]) => k !== row.name)
            .map(([k, v]) => `${k}=${v}`)
            .join(', '),
          protocols: row.protocols?.length
            ? row.protocols
                .map(p => `${p.scheme}://${p.hostname}:${p.port}${p.prefix}`)
                .join(', ')
            : '—',
        }}
      />
      <RseSpaceChart environment={name} rse={rse} />
      <RseStuckLocks rse={rse} rules={snapshot?.checks.rules} />
      <RseTransferLinks
        environment={name}
        rse={rse}
        transfers={snapshot?.checks.transfers}
      />
    </InfoCard>
  );
}
