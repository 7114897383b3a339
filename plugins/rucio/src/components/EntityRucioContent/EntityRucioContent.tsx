import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusOK,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  getRucioEnvironmentName,
  RUCIO_ENVIRONMENT_ANNOTATION,
} from '@internal/plugin-rucio-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { rucioApiRef } from '../../api/rucioApiRef';

/**
 * The Rucio tab: the environment the entity names and what the portal knows of it.
 *
 * @public
 */
export function EntityRucioContent() {
  const { entity } = useEntity();
  const environment = getRucioEnvironmentName(entity);
  const api = useApi(rucioApiRef);
  const health = useAsync(() => api.getHealth(), [api]);

  if (!environment) {
    return (
      <MissingAnnotationEmptyState annotation={RUCIO_ENVIRONMENT_ANNOTATION} />
    );
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <InfoCard title="Rucio environment">
          <Typography variant="h5" data-testid="rucio-environment-name">
            {environment}
          </Typography>
          {health.loading && <Progress />}
          {health.error && <ResponseErrorPanel error={health.error} />}
          {health.value && (
            <Typography variant="body2">
              <StatusOK>Rucio backend reachable</StatusOK> (
              {health.value.environments} environment
              {health.value.environments === 1 ? '' : 's'} configured)
            </Typography>
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
