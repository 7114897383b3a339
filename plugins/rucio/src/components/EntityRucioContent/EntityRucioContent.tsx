import {
  useEntity,
  MissingAnnotationEmptyState,
} from '@backstage/plugin-catalog-react';
import {
  getRucioEnvironmentName,
  RUCIO_ENVIRONMENT_ANNOTATION,
} from '@rucio-portal/plugin-rucio-common';
import { EmptyState } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { ChangeEnvironmentButton } from '../ChangeEnvironmentButton';
import { RucioCertificatesCard } from '../RucioCertificatesCard';
import { RucioDaemonsCard } from '../RucioDaemonsCard';
import { RucioDatabaseCard } from '../RucioDatabaseCard';
import { RucioFtsCard } from '../RucioFtsCard';
import { RucioOverviewCard } from '../RucioOverviewCard';
import { RucioRsesCard } from '../RucioRsesCard';
import { RucioDriftCard } from '../RucioDriftCard';
import { RucioRulesCard } from '../RucioRulesCard';
import { RucioSyncCard } from '../RucioSyncCard';
import { RucioSecretsCard } from '../RucioSecretsCard';
import { RucioTransfersCard } from '../RucioTransfersCard';
import { RucioWorkloadsCard } from '../RucioWorkloadsCard';
import { RecreatableLine } from '../RecreatableLine';
import { useRucioEnvironment } from '../shared/useRucioEnvironment';

/**
 * The Rucio tab: every card of the environment the entity names, in a
 * responsive grid.
 *
 * @public
 */
export function EntityRucioContent() {
  const { entity } = useEntity();
  const { error, value } = useRucioEnvironment();
  const name = getRucioEnvironmentName(entity);
  const { hash } = useLocation();
  const loaded = !!value;
  // A notification links to the card that shows its cause; the cards exist
  // only once the environment is loaded, after the browser looked for it.
  useEffect(() => {
    if (loaded && hash.startsWith('#rucio-')) {
      document.getElementById(hash.slice(1))?.scrollIntoView();
    }
  }, [loaded, hash]);
  if (!name) {
    return (
      <MissingAnnotationEmptyState annotation={RUCIO_ENVIRONMENT_ANNOTATION} />
    );
  }
  // Refused once for the whole tab, rather than by each of its cards.
  if (
    !value &&
    (error as { statusCode?: number } | undefined)?.statusCode === 403
  ) {
    return (
      <EmptyState
        missing="info"
        title={`You may not read Rucio environment ${name}`}
        description="The portal's permission policy (rucio.environment.read) lets you read it when you belong to the owners of its catalog System. Ask them, or a portal admin."
      />
    );
  }
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid
        item
        xs={12}
        container
        justifyContent="space-between"
        alignItems="center"
      >
        <RecreatableLine />
        <ChangeEnvironmentButton />
      </Grid>
      <Grid item xs={12} id="rucio-overview">
        <RucioOverviewCard />
      </Grid>
      <Grid item xs={12} xl={6}>
        <RucioCertificatesCard />
      </Grid>
      <Grid item xs={12} xl={6}>
        <RucioSyncCard />
      </Grid>
      <Grid item xs={12}>
        <RucioRsesCard />
      </Grid>
      <Grid item xs={12} xl={6}>
        <RucioDaemonsCard />
      </Grid>
      <Grid item xs={12} xl={6}>
        <RucioFtsCard />
        <br />
        <RucioDatabaseCard />
      </Grid>
      <Grid item xs={12} xl={4}>
        <RucioRulesCard />
      </Grid>
      <Grid item xs={12} xl={8}>
        <RucioTransfersCard />
      </Grid>
      <Grid item xs={12}>
        <RucioDriftCard />
      </Grid>
      <Grid item xs={12} xl={6}>
        <RucioWorkloadsCard />
      </Grid>
      <Grid item xs={12} xl={6}>
        <RucioSecretsCard />
      </Grid>
    </Grid>
  );
}
