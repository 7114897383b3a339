import { LinkButton } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { ANNOTATION_SOURCE_LOCATION } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { RUCIO_ENVIRONMENT_ANNOTATION } from '@rucio-portal/plugin-rucio-common';
import { changeTemplateRouteRef } from '../../routes';
import { changeTemplateFormData } from './changeTemplateFormData';

/** Name of the template that changes an environment repository. */
export const CHANGE_TEMPLATE = 'rucio-environment-change';

/**
 * "Change this environment": the change template, its repository page
 * prefilled from where the entity was read and with the environment's name,
 * so that the pull request says where Rucio differs from the repository.
 * Nothing when the app has no scaffolder route to bind to.
 */
export function ChangeEnvironmentButton() {
  const { entity } = useEntity();
  const templateRoute = useRouteRef(changeTemplateRouteRef);
  if (!templateRoute) return null;
  const path = templateRoute({
    namespace: 'default',
    templateName: CHANGE_TEMPLATE,
  });
  const annotations = entity.metadata.annotations ?? {};
  const environment = annotations[RUCIO_ENVIRONMENT_ANNOTATION];
  const formData = {
    ...changeTemplateFormData(annotations[ANNOTATION_SOURCE_LOCATION]),
    ...(environment ? { environment } : {}),
  };
  const to = Object.keys(formData).length
    ? `${path}?${new URLSearchParams({ formData: JSON.stringify(formData) })}`
    : path;
  return (
    <LinkButton to={to} variant="outlined" color="primary">
      Change this environment
    </LinkButton>
  );
}
