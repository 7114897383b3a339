import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  getRucioEnvironmentName,
  RUCIO_RSE_ANNOTATION,
} from '@rucio-portal/plugin-rucio-common';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { rucioApiRef } from '../../api/rucioApiRef';
import { relativeTime } from '../shared/format';
import { useFormatBytes } from '../shared/useFormatBytes';
import { RseTransferLinks } from './RseTransferLinks';

const yesNo = (v: boolean) => (v ? 'available' : 'unavailable');

/**
 * One RSE on its own Resource entity: availability, usage, limits and
 * attributes from the last collection, and its transfer links in and out.
 *
 * @public
 */
export function RucioRseEntityCard() {
  const formatBytes = useFormatBytes();
  const { entity } = useEntity();
  const environment = getRucioEnvironmentName(entity);
  const rse = entity.metadata.annotations?.[RUCIO_RSE_ANNOTATION];
  const api = useApi(rucioApiRef);
  const { value, loading, error } = useAsync(
    async () =>
      environment && rse
        ? api.listRses(environment, { q: rse, limit: 1000 })
        : undefined,
    [api, environment, rse],
  );

  if (!environment || !rse) {
    return (
      <InfoCard title="RSE">
        <MissingAnnotationEmptyState annotation={RUCIO_RSE_ANNOTATION} />
      </InfoCard>
    );
  }
  if (loading) {
    return (
      <InfoCard title={`RSE ${rse}`}>
        <Progress />
      </InfoCard>
    );
  }
  if (error) {
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
          {rse} is not in the last collection of {environment}
          {value?.collectedAt ? ` (${relativeTime(value.collectedAt)})` : ''}.
        </Typography>
      </InfoCard>
    );
  }
  const usage = row.totalBytes
    ? ((row.usedBytes ?? 0) / row.totalBytes) * 100
    : undefined;
  return (
    <InfoCard
      title={`RSE ${rse}`}
      subheader={`${environment} · collected ${relativeTime(
        value?.collectedAt,
      )}`}
    >
      {usage !== undefined && (
        <LinearProgress
          variant="determinate"
          value={Math.min(100, usage)}
          color={usage > 90 ? 'secondary' : 'primary'}
          aria-label="usage"
        />
      )}
      <StructuredMetadataTable
        metadata={{
          type: row.type,
          read: yesNo(row.availabilityRead),
          write: yesNo(row.availabilityWrite),
          delete: yesNo(row.availabilityDelete),
          used: formatBytes(row.usedBytes),
          free: formatBytes(row.freeBytes),
          total: formatBytes(row.totalBytes),
          files: row.files?.toLocaleString('en') ?? '—',
          'min free space':
            row.minFreeSpaceBytes === undefined
              ? 'no limit'
              : `${formatBytes(row.minFreeSpaceBytes)}${
                  row.belowMinFreeSpace ? ' (breached)' : ''
                }`,
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
      <RseTransferLinks environment={environment} rse={rse} />
    </InfoCard>
  );
}
